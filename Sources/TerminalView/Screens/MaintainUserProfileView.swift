import TerminalCore

enum MaintainUserProfileView {
    static func draw(_ canvas: inout Canvas, _ s: MaintainUserProfileScreen, _ state: AppState, _ content: Rect) {
        let inner = Renderer.panel(&canvas, content, title: Texts.maintainUserProfile, width: 60, height: 12)
        canvas.text("DA \(s.success.userID) - \(s.success.clearingHouse.rawValue):\(s.success.participantID)",
                    row: inner.row, column: inner.column, role: .label, width: inner.width)
        for (index, item) in s.form.items.enumerated() {
            guard case .button(let id, let label) = item else { continue }
            let row = inner.row + 2 + index + (id == "back" ? 1 : 0)
            canvas.text(id == "back" ? "[ \(label) ]" : " \(label) ", row: row, column: inner.column,
                        role: index == s.form.focus ? .buttonFocused : .button, width: inner.width)
        }
    }
}
