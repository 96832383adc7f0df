import AuthDomain

/// Change Password (Appendix D a): the new password twice and Update, then the current
/// password and Update. AUTHENTICATION SETTINGS opens from here (Appendix D d). The form is
/// derived from the stage.
public struct ChangePasswordPopup: ScreenModel {
    public var screen: Screen { .changePassword(self) }
    /// The buttons its forms offer, for coverage reports (`Screen.Kind`).
    public enum Button: String, CaseIterable { case close, update, settings }
    public static var buttons: [String] { Button.allCases.map(\.rawValue) }
    public static let isPopup = true

    public enum Stage: Equatable, Sendable {
        case newPassword(userID: TextField, new: TextField, confirmation: TextField)
        case currentPassword(userID: String, new: String, current: TextField)
        /// "Password changed successfully" for this user ID.
        case done(userID: String)
    }

    public var stage: Stage
    private var focus: Int

    public init(userID: String) {
        stage = Self.start(userID)
        focus = userID.isEmpty ? 0 : 1
    }

    private static func start(_ userID: String) -> Stage {
        .newPassword(userID: TextField(.userID, kind: .userID, text: userID), new: TextField(.newPassword, kind: .password),
                     confirmation: TextField(.confirmPassword, kind: .password))
    }

    public var userID: String? {
        switch stage {
        case .newPassword(let userID, _, _): userID.text
        case .currentPassword(let userID, _, _): userID
        case .done: nil
        }
    }

    private static let close = FormItem.button(Button.close, label: Texts.close)

    public var form: Form? {
        get {
            switch stage {
            case .newPassword(let userID, let new, let confirmation):
                return Form([.field(userID), .field(new), .field(confirmation), .button(Button.update, label: Texts.update),
                             .button(Button.settings, label: Texts.authenticationSettings), Self.close], submit: Button.update.rawValue, focus: focus)
            case .currentPassword(_, _, let current):
                return Form([.field(current), .button(Button.update, label: Texts.update), Self.close], submit: Button.update.rawValue, focus: focus)
            case .done:
                return Form([Self.close])
            }
        }
        set {
            guard let newValue else { return }
            focus = newValue.focus
            switch stage {
            case .newPassword(let userID, let new, let confirmation):
                stage = .newPassword(userID: newValue.field(userID.id) ?? userID, new: newValue.field(new.id) ?? new,
                                     confirmation: newValue.field(confirmation.id) ?? confirmation)
            case .currentPassword(let userID, let new, let current):
                stage = .currentPassword(userID: userID, new: new, current: newValue.field(current.id) ?? current)
            case .done:
                break
            }
        }
    }

    public func keys(_ context: ScreenContext) -> KeyTable { .form(form, back: "close", backDetail: "close the pop-up (the focus returns to what opened it)") }

    public mutating func perform(_ key: KeyAction, _ input: Input, _ context: ScreenContext) -> [ScreenCommand] {
        guard let action = formAction(key, input) else { return [] }
        switch (action, stage) {
        case (.activate(Button.close.rawValue), _), (.escape, _):
            if case .done(let userID) = stage { return [.closeToLogIn(userID: userID)] }
            return [.close, .message(nil)]
        case (.activate(Button.settings.rawValue), .newPassword(let userID, _, _)):
            return [.message(nil), .open(AuthenticationSettingsPopup(userID: userID.text).screen)]
        case (.activate(Button.update.rawValue), .newPassword(let userID, let new, let confirmation)):
            if let problem = LogonScreen.checkUserID(userID.text) {
                focus = 0
                return [.message(.error(problem))]
            }
            if let problem = PasswordChecks.precheck(new.text, confirmation.text, userID: userID.text, policy: context.policy) {
                focus = problem.field == .newPassword ? 1 : 2
                return [.message(.error(problem.message))]
            }
            stage = .currentPassword(userID: userID.text, new: new.text, current: TextField(.currentPassword, kind: .password))
            focus = 0
            return [.message(.info("Please enter your current password."))]
        case (.activate(Button.update.rawValue), .currentPassword(let userID, let new, let current)):
            guard !current.text.isEmpty else { return [.message(.error("Please enter your current password."))] }
            return [Self.ask(.changePassword(userID: userID, current: current.text, new: new, confirmation: new, context.console.service),
                             label: "Changing your password...")]
        case (.message(let text), _):
            return [.message(.error(text))]
        default:
            return []
        }
    }

    public mutating func receive(_ outcome: PasswordChangeOutcome, _ context: ScreenContext) -> [ScreenCommand] {
        // Only UPDATE asks, from the current-password step, and input waits for the answer.
        guard case .currentPassword(let userID, let new, var current) = stage else { return [] }
        switch outcome {
        case .changed:
            stage = .done(userID: userID)
            focus = 0
            return [.message(.success(Texts.passwordChanged + ". Use the new password at your next logon."))]
        case .invalidCredentials:
            current.clear()
            stage = .currentPassword(userID: userID, new: new, current: current)
            return [.message(.error(Texts.invalidCredentials))]
        default:
            // The new password was refused (same as current, or a rule): choose another.
            stage = Self.start(userID)
            focus = 1
            return [.message(.error(PasswordChecks.describe(outcome)))]
        }
    }
}
