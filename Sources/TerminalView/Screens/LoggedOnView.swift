import AuthEngine
import TerminalCore

enum LoggedOnView {
    static func draw(_ canvas: inout Canvas, _ s: LoggedOnScreen, _ state: AppState, _ content: Rect) {
        let menu = LoggedOnScreen.menu(s.function)
        let inner = Renderer.panel(&canvas, content, title: s.function.title, width: 76, height: menu.count + 10)
        let last = s.success.previousLogonAt.map(HongKongTime.format) ?? "none (first logon)"
        canvas.text("User ID: \(s.success.userID)   \(s.success.clearingHouse.title) \(s.success.participantID)",
                    row: inner.row, column: inner.column, role: .label, width: inner.width)
        canvas.text("Function: \(s.function.title)", row: inner.row + 1, column: inner.column, role: .label, width: inner.width)
        canvas.text("Last logon: \(last)", row: inner.row + 2, column: inner.column, role: .label, width: inner.width)
        var y = inner.row + 4
        if let session = s.connectivityTest {
            canvas.text(Texts.functionNotAvailable, row: y, column: inner.column, role: .error)
            let note = s.function == .securityManagement
                ? "The connectivity is completed. Security management functions are not available during the test."
                : "The connectivity is completed."
            y = Widgets.paragraph(&canvas, note + (session == .secondary ? " Changes made in this session are not kept." : ""),
                                  row: y + 1, column: inner.column, width: inner.width, role: .subtle)
        }
        for (index, item) in s.form.items.enumerated() {
            guard case .button(let id, let label) = item else { continue }
            let focused = index == s.form.focus
            if id == "logout" { y += 1 }
            canvas.text(id == "logout" ? "[ \(label) ]" : " \(label) ", row: y, column: inner.column,
                        role: focused ? .buttonFocused : .button, width: inner.width)
            y += 1
        }
    }
}
