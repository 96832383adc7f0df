import TerminalCore

enum PasswordExpiredView {
    static func draw(_ canvas: inout Canvas, _ s: PasswordExpiredScreen, _ state: AppState, _ content: Rect) {
        let policy = state.policy
        let inner = Renderer.panel(&canvas, content, title: "Password Expired", height: 12 + policy.rules.count)
        var y = canvas.headerLine("The password of \(s.session.userID) has expired. Please change it now.", inner)
        Widgets.form(&canvas, s.form, row: y + 1, column: inner.column, width: inner.width, redact: state.redactSecrets) { canvas, row in
            Widgets.checklist(&canvas, policy: PasswordPolicyView(policy, userID: s.session.userID),
                              password: s.form.text(Texts.newPassword), confirmation: s.form.text(Texts.confirmPassword),
                              row: row, column: inner.column, width: inner.width)
        }
    }
}
