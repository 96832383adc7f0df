import TerminalCore

extension ChangePasswordPopup: Drawable {
    public func draw(_ canvas: inout Canvas, _ state: AppState, _ content: Rect) {
        Renderer.popup(&canvas, content, title: Texts.changePassword, width: 66, state: state) { w in
            let form = self.form ?? Form([])
            switch stage {
            case .newPassword(let userID, let new, let confirmation):
                w.paragraph("Enter your User ID and the new password twice, then select Update.", role: .subtle)
                w.gap()
                w.form(form) { w in
                    w.checklist(state.policy, userID: userID.text, password: new.text, confirmation: confirmation.text)
                }
            case .currentPassword(let userID, _, _):
                w.paragraph("Enter the current password of \(userID), then select Update.", role: .subtle)
                w.gap()
                w.form(form)
            case .done:
                w.line(Texts.passwordChanged, role: .success)
                w.paragraph("Use the new password at your next logon.")
                w.gap()
                w.form(form)
            }
        }
    }
}
