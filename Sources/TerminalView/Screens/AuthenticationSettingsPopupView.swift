import TerminalCore

enum AuthenticationSettingsPopupView {
    static func draw(_ canvas: inout Canvas, _ p: AuthenticationSettingsPopup, _ state: AppState, _ content: Rect) {
        let inner = Renderer.popup(&canvas, content, title: Texts.authenticationSettings, width: 70, height: 11)
        var y = inner.row
        switch p.stage {
        case .credentials:
            y = Widgets.paragraph(&canvas, "Enter your User ID and Password, then the OTP from your registered device.",
                                  row: y, column: inner.column, width: inner.width, role: .subtle)
            Widgets.form(&canvas, p.form, row: y + 1, column: inner.column, width: inner.width, redact: state.redactSecrets)
        case .otp:
            y = Widgets.paragraph(&canvas, Texts.enterAppOTP, row: y, column: inner.column, width: inner.width, role: .subtle)
            Widgets.form(&canvas, p.form, row: y + 1, column: inner.column, width: inner.width, labelWidth: 6, fieldWidth: 10, redact: state.redactSecrets)
        case .settings:
            canvas.text("Registered device", row: y, column: inner.column, role: .heading)
            canvas.text("\(Texts.forgeRock) for \(p.session?.userID ?? "")", row: y + 1, column: inner.column, role: .label, width: inner.width)
            y = Widgets.paragraph(&canvas, "x Delete removes the device: the next logon sets up the OTP channel again. Settings switches OATH off to receive the OTP by email.",
                                  row: y + 3, column: inner.column, width: inner.width, role: .subtle)
            Widgets.form(&canvas, p.form, row: y + 1, column: inner.column, width: inner.width, redact: state.redactSecrets)
        case .oath:
            y = Widgets.paragraph(&canvas, "Clear the option and select Save to receive the OTP by email instead.",
                                  row: y, column: inner.column, width: inner.width, role: .subtle)
            Widgets.form(&canvas, p.form, row: y + 1, column: inner.column, width: inner.width, redact: state.redactSecrets)
        case .done(let text):
            y = Widgets.paragraph(&canvas, text, row: y + 1, column: inner.column, width: inner.width, role: .success)
            Widgets.form(&canvas, p.form, row: y + 1, column: inner.column, width: inner.width, redact: state.redactSecrets)
        case .refused(let text):
            y = Widgets.paragraph(&canvas, text, row: y, column: inner.column, width: inner.width, role: .error)
            Widgets.form(&canvas, p.form, row: y + 1, column: inner.column, width: inner.width, redact: state.redactSecrets)
        }
    }
}
