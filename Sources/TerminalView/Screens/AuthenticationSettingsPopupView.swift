import TerminalCore

extension AuthenticationSettingsPopup: Drawable {
    public func draw(_ canvas: inout Canvas, _ state: AppState, _ content: Rect) {
        Renderer.popup(&canvas, content, title: Texts.authenticationSettings, width: 66, state: state) { w in
            let form = self.form ?? Form([])
            switch stage {
            case .credentials:
                w.paragraph("Enter your User ID and Password, then select SUBMIT.", role: .subtle)
                w.gap()
                w.form(form)
            case .otp(_, let prompt, _):
                w.paragraph(Texts.enterAppOTP(prompt.digits), role: .subtle)
                w.gap()
                w.form(form, labelWidth: 6, fieldWidth: 10)
            case .settings:
                w.line("(i) \(Texts.forgeRock)", role: .label)
                w.paragraph("x Delete removes this device (you set up the OTP channel again at your next logon). Settings switches OATH off to receive the OTP by email.",
                            role: .subtle)
                w.gap()
                w.form(form)
            case .confirmDelete:
                w.paragraph("Delete the registered device \(Texts.forgeRock)? At your next logon you will set up the OTP channel again.",
                            role: .warning)
                w.gap()
                w.form(form)
            case .oath:
                w.paragraph("Clear \"\(Texts.oathSetting)\" (Space) and select Save to receive the OTP by email from your next logon.", role: .subtle)
                w.gap()
                w.form(form)
            case .done(let text):
                w.paragraph(text, role: .success)
                w.gap()
                w.form(form)
            case .refused(let text):
                w.paragraph(text, role: .error)
                w.gap()
                w.form(form)
            }
        }
    }
}
