import TerminalCore

extension AppOTPScreen: Drawable {
    public func draw(_ canvas: inout Canvas, _ state: AppState, _ content: Rect) {
        Renderer.panel(&canvas, content, title: Texts.forgeRock, width: 70, state: state) { w in
            w.paragraph(Texts.enterAppOTP(prompt.digits), role: .subtle)
            w.gap()
            if let form { w.form(form, labelWidth: 6, fieldWidth: 10) }
        }
    }
}
