import TerminalCore

enum SmartcardView {
    static func draw(_ canvas: inout Canvas, _ s: SmartcardScreen, _ state: AppState, _ content: Rect) {
        let inner = Renderer.panel(&canvas, content, title: "Login with Smartcard - \(s.function.title)", width: 76, height: 10)
        canvas.text("Insert your smartcard, enter your User ID and smartcard password (6-8 digits).",
                    row: inner.row, column: inner.column, role: .subtle, width: inner.width)
        Widgets.form(&canvas, s.form, row: inner.row + 2, column: inner.column, width: inner.width, redact: state.redactSecrets)
    }
}
