import TerminalCore

extension ResetPopup: Drawable {
    public func draw(_ canvas: inout Canvas, _ state: AppState, _ content: Rect) {
        Renderer.popup(&canvas, content, title: Texts.forgot, state: state) { w in
            let form = self.form ?? Form([])
            switch stage {
            case .userID:
                w.paragraph("Enter your User ID, then select SUBMIT.", role: .subtle)
                w.gap()
                w.form(form, labelWidth: 10, fieldWidth: 12)
            case .emailOTP(_, let notice, _):
                w.paragraph(notice.delivered ? "An OTP was sent to \(notice.sentTo). Enter it, then select SUBMIT OTP."
                                             : "No OTP could be sent to \(notice.sentTo). Select REQUEST A NEW OTP.", role: .subtle)
                w.gap()
                w.form(form, labelWidth: 6, fieldWidth: 12)
                EmailOTPScreen.resendLine(&w, notice, now: state.now)
            case .appOTP(_, let prompt, _):
                w.paragraph(Texts.enterAppOTP(prompt.digits), role: .subtle)
                w.gap()
                w.form(form, labelWidth: 6, fieldWidth: 10)
            case .newPassword(let session, let new, let confirmation):
                w.paragraph("Enter your new password twice, then select SUBMIT.", role: .subtle)
                w.gap()
                w.form(form) { w in
                    w.checklist(state.policy, userID: session.userID, password: new.text, confirmation: confirmation.text)
                }
            case .done:
                w.line(Texts.passwordChanged, role: .success)
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
