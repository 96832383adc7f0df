import TerminalCore

enum ResetPopupView {
    static func draw(_ canvas: inout Canvas, _ p: ResetPopup, _ state: AppState, _ content: Rect) {
        let policy = state.policy
        let height: Int = switch p.stage {
        case .userID, .appOTP, .done: 8
        case .emailOTP: 10
        case .newPassword: 11 + policy.rules.count
        case .refused: 9
        }
        let inner = Renderer.popup(&canvas, content, title: Texts.forgot, width: 66, height: height)
        var y = inner.row
        switch p.stage {
        case .userID:
            y = Widgets.paragraph(&canvas, "Enter your User ID, then select SUBMIT.", row: y, column: inner.column, width: inner.width, role: .subtle)
            Widgets.form(&canvas, p.form, row: y + 1, column: inner.column, width: inner.width, labelWidth: 10, fieldWidth: 12, redact: state.redactSecrets)
        case .emailOTP(let notice):
            y = Widgets.paragraph(&canvas, "An OTP was sent to \(notice.sentTo). Enter it, then select SUBMIT OTP.",
                                  row: y, column: inner.column, width: inner.width, role: .subtle)
            y = Widgets.form(&canvas, p.form, row: y + 1, column: inner.column, width: inner.width, labelWidth: 6, fieldWidth: 12, redact: state.redactSecrets)
            let wait = notice.secondsUntilNextRequest(at: state.now)
            if wait > 0 {
                canvas.text("A new OTP can be requested in \(EmailOTPScreen.countdown(wait)).", row: y, column: inner.column, role: .subtle)
            }
        case .appOTP:
            y = Widgets.paragraph(&canvas, Texts.enterAppOTP, row: y, column: inner.column, width: inner.width, role: .subtle)
            Widgets.form(&canvas, p.form, row: y + 1, column: inner.column, width: inner.width, labelWidth: 6, fieldWidth: 10, redact: state.redactSecrets)
        case .newPassword:
            y = Widgets.paragraph(&canvas, "Enter your new password twice, then select SUBMIT.", row: y, column: inner.column, width: inner.width, role: .subtle)
            Widgets.form(&canvas, p.form, row: y + 1, column: inner.column, width: inner.width, redact: state.redactSecrets) { canvas, row in
                Widgets.checklist(&canvas, policy: PasswordPolicyView(policy, userID: p.session?.userID),
                                  password: p.form.text(Texts.newPassword), confirmation: p.form.text(Texts.confirmPassword),
                                  row: row, column: inner.column, width: inner.width)
            }
        case .done:
            canvas.text(Texts.passwordChanged, row: y + 1, column: inner.column, role: .success)
            Widgets.form(&canvas, p.form, row: y + 3, column: inner.column, width: inner.width, redact: state.redactSecrets)
        case .refused(let text):
            y = Widgets.paragraph(&canvas, text, row: y, column: inner.column, width: inner.width, role: .error)
            Widgets.form(&canvas, p.form, row: y + 1, column: inner.column, width: inner.width, redact: state.redactSecrets)
        }
    }
}
