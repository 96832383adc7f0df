import AuthDomain
import TerminalCore

extension LoggedOnScreen: Drawable {
    public func draw(_ canvas: inout Canvas, _ state: AppState, _ content: Rect) {
        Renderer.panel(&canvas, content, title: function?.title ?? "", width: 72, state: state) { w in
            w.line("User ID: \(success.userID) (\(success.role.description))")
            w.line("Logged on by: \(success.method.label)")
            w.line("Last logon: \(success.previousLogonAt.map(HongKongTime.format) ?? "none (first logon)")")
            w.gap()
            if let connectivityTest {
                w.paragraph(Texts.connectivityCompleted(connectivityTest, dms: function == .securityManagement), role: .warning)
                w.gap()
            }
            if let form { w.form(form) }
        }
    }
}
