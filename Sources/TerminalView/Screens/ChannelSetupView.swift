import TerminalCore

enum ChannelSetupView {
    static func draw(_ canvas: inout Canvas, _ s: ChannelSetupScreen, _ state: AppState, _ content: Rect) {
        let inner = Renderer.panel(&canvas, content, title: Texts.forgeRock, height: 14)
        var y = canvas.headerLine("Set up your OTP channel, \(s.session.userID)", inner)
        y = Widgets.paragraph(&canvas, "REGISTER DEVICE: receive the OTP from an authenticator app (suggested for optimal account security and the self-service password reset).",
                              row: y + 1, column: inner.column, width: inner.width)
        y = Widgets.paragraph(&canvas, "SKIP THIS STEP: receive the OTP by email; you will not be able to reset your password yourself.",
                              row: y + 1, column: inner.column, width: inner.width, role: .subtle)
        Widgets.form(&canvas, s.form, row: y + 1, column: inner.column, width: inner.width, redact: state.redactSecrets)
    }
}

extension Canvas {
    /// A heading line at the top of a panel; returns the next row.
    mutating func headerLine(_ text: String, _ inner: Rect) -> Int {
        self.text(text, row: inner.row, column: inner.column, role: .heading, width: inner.width)
        return inner.row + 1
    }
}
