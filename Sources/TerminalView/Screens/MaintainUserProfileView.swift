import TerminalCore

extension MaintainUserProfileScreen: Drawable {
    public func draw(_ canvas: inout Canvas, _ state: AppState, _ content: Rect) {
        Renderer.panel(&canvas, content, title: Texts.maintainUserProfile, width: 60, state: state) { w in
            w.line("\(success.userID) (\(success.role.description)) of \(success.participantKey)", role: .subtle)
            w.gap()
            guard let form else { return }
            for (index, item) in form.items.enumerated() {
                if case .button(_, let label) = item {
                    w.line("[ \(label) ]", role: index == form.focus ? .buttonFocused : .button)
                }
            }
        }
    }
}
