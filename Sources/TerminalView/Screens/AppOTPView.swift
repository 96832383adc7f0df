import TerminalCore

enum AppOTPView {
    static func draw(_ canvas: inout Canvas, _ s: AppOTPScreen, _ state: AppState, _ content: Rect) {
        let inner = Renderer.panel(&canvas, content, title: Texts.forgeRock, height: 9)
        var y = canvas.headerLine("User ID \(s.session.userID)", inner)
        y = Widgets.paragraph(&canvas, Texts.enterAppOTP, row: y + 1, column: inner.column, width: inner.width, role: .subtle)
        Widgets.form(&canvas, s.form, row: y + 1, column: inner.column, width: inner.width, labelWidth: 6, fieldWidth: 10, redact: state.redactSecrets)
    }
}
