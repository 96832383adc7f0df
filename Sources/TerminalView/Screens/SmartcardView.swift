import TerminalCore

extension SmartcardScreen: Drawable {
    public func draw(_ canvas: inout Canvas, _ state: AppState, _ content: Rect) {
        Renderer.panel(&canvas, content, title: Texts.label(option), width: 78, state: state) { w in
            w.paragraph("Insert your smartcard, enter your User ID and your smartcard password (6-8 digits), then select Logon.", role: .subtle)
            w.gap()
            if let form { w.form(form) }
        }
    }
}
