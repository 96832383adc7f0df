import TerminalCore

extension SmartcardScreen: Drawable {
    public func draw(_ canvas: inout Canvas, _ state: AppState, _ content: Rect) {
        Renderer.panel(&canvas, content, title: Texts.label(option), width: 78, state: state) { w in
            w.paragraph("Your User ID stands in for the smartcard here: enter it and your smartcard password (6-8 digits), then select Logon.", role: .subtle)
            w.gap()
            if let form { w.form(form) }
        }
    }
}
