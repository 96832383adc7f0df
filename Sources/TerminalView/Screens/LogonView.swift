import TerminalCore

enum LogonView {
    static func draw(_ canvas: inout Canvas, _ s: LogonScreen, _ state: AppState, _ content: Rect) {
        let inner = Renderer.panel(&canvas, content, title: "Login with OTP - \(s.function.title)", height: 12)
        canvas.text("Enter your User ID and Password, then select LOG IN.", row: inner.row, column: inner.column, role: .subtle)
        Widgets.form(&canvas, s.form, row: inner.row + 2, column: inner.column, width: inner.width, active: state.popup == nil, redact: state.redactSecrets)
    }
}
