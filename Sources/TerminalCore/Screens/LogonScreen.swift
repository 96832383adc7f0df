import AuthDomain

/// User ID, Password, LOG IN, Forgot/Reset your Password, Change Password.
public struct LogonScreen: ScreenModel {
    public var screen: Screen { .logon(self) }
    /// The buttons its forms offer, for coverage reports (`Screen.Kind`).
    public enum Button: String, CaseIterable { case login, forgot, change }
    public static var buttons: [String] { Button.allCases.map(\.rawValue) }
    public var function: TerminalFunction?
    public var form: Form?

    public init(function: TerminalFunction, userID: String = "", focusOnPassword: Bool = false) {
        self.function = function
        form = Form([
            .field(TextField(.userID, kind: .userID, text: userID)),
            .field(TextField(.password, kind: .password)),
            .button(Button.login, label: Texts.logIn),
            .button(Button.forgot, label: Texts.forgot),
            .button(Button.change, label: Texts.changePassword),
        ], submit: Button.login.rawValue, focus: focusOnPassword ? 1 : 0)
    }

    public var userID: String? { form?.text(.userID) }

    public func keys(_ context: ScreenContext) -> KeyTable { .form(form, back: "back", backDetail: "back to the landing page") }

    public mutating func perform(_ key: KeyAction, _ input: Input, _ context: ScreenContext) -> [ScreenCommand] {
        guard let action = formAction(key, input), var form else { return [] }
        defer { self.form = form }
        switch action {
        case .none, .toggled: return []
        case .message(let text): return [.message(.error(text))]
        case .escape: return [.message(nil), .show(LandingScreen(console: context.console, phase: context.phase).screen)]
        case .activate(Button.login.rawValue):
            let userID = form.text(.userID)
            if let problem = Self.checkUserID(userID) {
                form.focus(on: .userID)
                return [.message(.error(problem))]
            }
            let password = form.text(.password)
            guard !password.isEmpty else {
                form.focus(on: .password)
                return [.message(.error(Texts.enterPassword))]
            }
            return [.message(nil), Self.ask(.logon(userID: userID, password: password, context.console.service),
                                            label: "Verifying your User ID and Password...")]
        case .activate(Button.forgot.rawValue):
            return [.message(nil), .open(ResetPopup(userID: form.text(.userID)).screen)]
        case .activate(Button.change.rawValue):
            return [.message(nil), .open(ChangePasswordPopup(userID: form.text(.userID)).screen)]
        case .activate: return []
        }
    }

    /// A user ID is 8 capital letters or digits; the message says so.
    static func checkUserID(_ userID: String) -> String? {
        do {
            try UserIDFormat.validateShape(userID)
            return nil
        } catch {
            return "\(error)."
        }
    }

    public mutating func receive(_ outcome: LogonOutcome, _ context: ScreenContext) -> [ScreenCommand] {
        LogonSteps.next(outcome, function: function ?? .onlineFunctions, userID: userID ?? "", context)
    }
}
