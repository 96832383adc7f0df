import TerminalCore

enum EmailOTPView {
    static func draw(_ canvas: inout Canvas, _ s: EmailOTPScreen, _ state: AppState, _ content: Rect) {
        let inner = Renderer.panel(&canvas, content, title: "One Time Password", height: 12)
        var y = canvas.headerLine(Texts.enterOTPOrRequest, inner)
        canvas.text("Sent to \(s.notice.sentTo); valid for 5 minutes.", row: y + 1, column: inner.column, role: .subtle, width: inner.width)
        y += 3
        y = Widgets.form(&canvas, s.form, row: y, column: inner.column, width: inner.width, labelWidth: 6, fieldWidth: 12, redact: state.redactSecrets)
        let wait = s.notice.secondsUntilNextRequest(at: state.now)
        let throttle = wait > 0 ? "A new OTP can be requested in \(EmailOTPScreen.countdown(wait))." : "A new OTP can be requested now."
        canvas.text(throttle, row: y, column: inner.column, role: .subtle, width: inner.width)
    }
}
