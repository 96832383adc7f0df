import TerminalCore

extension PasswordExpiredScreen: Drawable {
    public func draw(_ canvas: inout Canvas, _ state: AppState, _ content: Rect) {
        Renderer.panel(&canvas, content, title: "Change Password", width: 70, state: state) { w in
            w.paragraph("Your password has expired. Enter a new password twice, then select Update.", role: .subtle)
            w.gap()
            if let form {
                w.form(form) { w in
                    w.checklist(state.policy, userID: session.userID, password: form.text(.newPassword),
                                confirmation: form.text(.confirmPassword))
                }
            }
        }
    }
}
