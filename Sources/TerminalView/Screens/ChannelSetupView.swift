import TerminalCore

extension ChannelSetupScreen: Drawable {
    public func draw(_ canvas: inout Canvas, _ state: AppState, _ content: Rect) {
        Renderer.panel(&canvas, content, title: Texts.forgeRock, width: 76, state: state) { w in
            w.paragraph("Set up how you receive your One Time Password (OTP), \(session.userID).", role: .label)
            w.gap()
            w.paragraph("\(Texts.registerDevice): use the ForgeRock Authenticator app on your mobile (suggested: you can then reset your password yourself).", role: .normal)
            w.gap()
            w.paragraph("\(Texts.skipThisStep): receive the OTP by email instead (no self-service password reset).", role: .normal)
            w.gap()
            if let form { w.form(form) }
        }
    }
}
