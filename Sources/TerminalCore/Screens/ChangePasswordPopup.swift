import AuthEngine

/// Change Password (Appendix D a): the new password twice and Update, then the current
/// password and Update. AUTHENTICATION SETTINGS opens from here (Appendix D d).
public struct ChangePasswordPopup: Equatable, Sendable {
    public enum Stage: Equatable, Sendable {
        case newPassword
        case currentPassword
        case done
    }

    public var stage: Stage
    public var userID: String
    public var newPassword: String
    public var form: Form

    public init(userID: String) {
        stage = .newPassword
        self.userID = userID
        newPassword = ""
        form = Form([
            .field(TextField(Texts.userID, kind: .userID, text: userID)),
            .field(TextField(Texts.newPassword, kind: .password)),
            .field(TextField(Texts.confirmPassword, kind: .password)),
            .button(id: "update", label: Texts.update),
            .button(id: "settings", label: Texts.authenticationSettings),
            .button(id: "close", label: Texts.close),
        ], submit: "update", focus: userID.isEmpty ? 0 : 1)
    }

    static func handle(_ popup: ChangePasswordPopup, _ input: Input, _ state: inout AppState) -> [Effect] {
        var p = popup
        defer { if case .changePassword = state.popup { state.popup = .changePassword(p) } }
        switch p.form.handle(input) {
        case .activate("close"), .escape:
            state.popup = nil
            state.focusLogonPassword()
            if p.stage != .done { state.message = nil }
        case .activate("settings"):
            state.message = nil
            state.popup = .authenticationSettings(AuthenticationSettingsPopup(userID: p.form.text(Texts.userID)))
        case .activate("update") where p.stage == .newPassword:
            let userID = p.form.text(Texts.userID)
            if let problem = LogonScreen.checkUserID(userID) {
                state.message = .error(problem)
                p.form.focus(on: Texts.userID)
                return []
            }
            let new = p.form.text(Texts.newPassword), confirmation = p.form.text(Texts.confirmPassword)
            if let problem = PasswordChecks.precheck(new, confirmation, userID: userID, policy: state.policy) {
                state.message = .error(problem)
                return []
            }
            p.userID = userID
            p.newPassword = new
            p.stage = .currentPassword
            p.form = Form([
                .field(TextField(Texts.currentPassword, kind: .password)),
                .button(id: "update", label: Texts.update),
                .button(id: "close", label: Texts.close),
            ], submit: "update")
            state.message = .info("Please enter your current password.")
        case .activate("update") where p.stage == .currentPassword:
            let current = p.form.text(Texts.currentPassword)
            guard !current.isEmpty else {
                state.message = .error("Please enter your current password.")
                return []
            }
            return state.call(.changePassword(userID: p.userID, current: current, new: p.newPassword, confirmation: p.newPassword),
                              "Changing your password...")
        case .message(let text):
            state.message = .error(text)
        default:
            break
        }
        return []
    }

    static func receive(_ popup: ChangePasswordPopup, _ result: EngineResult, _ state: inout AppState) -> [Effect] {
        guard case .passwordChange(let outcome) = result else { return [] }
        var p = popup
        defer { if case .changePassword = state.popup { state.popup = .changePassword(p) } }
        switch outcome {
        case .changed:
            p.stage = .done
            p.newPassword = ""
            p.form = Form([.button(id: "close", label: Texts.close)])
            state.message = .success(Texts.passwordChanged + ". Use the new password at your next logon.")
        case .invalidCredentials:
            p.form.clear(Texts.currentPassword)
            state.message = .error(Texts.invalidCredentials)
        default:
            // The new password was refused (same as current, or a rule): choose another.
            let userID = p.userID
            p = ChangePasswordPopup(userID: userID)
            state.message = .error(PasswordChecks.describe(outcome))
        }
        return []
    }
}
