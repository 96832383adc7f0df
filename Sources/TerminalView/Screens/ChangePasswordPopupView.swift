import TerminalCore

enum ChangePasswordPopupView {
    static func draw(_ canvas: inout Canvas, _ p: ChangePasswordPopup, _ state: AppState, _ content: Rect) {
        let policy = state.policy
        let inner = Renderer.popup(&canvas, content, title: Texts.changePassword, width: 70,
                                   height: p.stage == .newPassword ? 12 + policy.rules.count : 8)
        var y = inner.row
        switch p.stage {
        case .newPassword:
            Widgets.form(&canvas, p.form, row: y, column: inner.column, width: inner.width, redact: state.redactSecrets) { canvas, row in
                Widgets.checklist(&canvas, policy: PasswordPolicyView(policy, userID: p.form.text(Texts.userID)),
                                  password: p.form.text(Texts.newPassword), confirmation: p.form.text(Texts.confirmPassword),
                                  row: row, column: inner.column, width: inner.width)
            }
        case .currentPassword:
            y = Widgets.paragraph(&canvas, "Enter the current password of \(p.userID), then select Update.",
                                  row: y, column: inner.column, width: inner.width, role: .subtle)
            Widgets.form(&canvas, p.form, row: y + 1, column: inner.column, width: inner.width, redact: state.redactSecrets)
        case .done:
            canvas.text(Texts.passwordChanged, row: y + 1, column: inner.column, role: .success)
            Widgets.form(&canvas, p.form, row: y + 3, column: inner.column, width: inner.width, redact: state.redactSecrets)
        }
    }
}
