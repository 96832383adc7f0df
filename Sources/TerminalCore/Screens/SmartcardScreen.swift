import AuthDomain

/// Logon with smartcard while it is in service: User ID and the 6-8 digit smartcard password.
public struct SmartcardScreen: ScreenModel {
    public var screen: Screen { .smartcard(self) }
    /// The buttons its forms offer, for coverage reports (`Screen.Kind`).
    public enum Button: String, CaseIterable { case logon }
    public static var buttons: [String] { Button.allCases.map(\.rawValue) }
    public var function: TerminalFunction?
    /// The panel's title: the landing option that led here.
    public var option: LogonOption
    public var form: Form? = Form([
        .field(TextField(.userID, kind: .userID)),
        .field(TextField(.smartcardPassword, kind: .digits(max: SmartcardPassword.lengths.upperBound), masked: true)),
        .button(Button.logon, label: Texts.logon),
    ], submit: Button.logon.rawValue)

    public init(function: TerminalFunction, console: Console) {
        self.function = function
        option = console == .dms ? .smartcardSecurityManagement : .smartcardTerminal
    }

    public var userID: String? { form?.text(.userID) }

    public func keys(_ context: ScreenContext) -> KeyTable { .form(form, back: "back", backDetail: "back to the landing page") }

    public mutating func perform(_ key: KeyAction, _ input: Input, _ context: ScreenContext) -> [ScreenCommand] {
        guard let action = formAction(key, input), var form else { return [] }
        defer { self.form = form }
        switch action {
        case .activate(Button.logon.rawValue):
            let userID = form.text(.userID)
            if let problem = LogonScreen.checkUserID(userID) {
                form.focus(on: .userID)
                return [.message(.error(problem))]
            }
            let password = form.text(.smartcardPassword)
            guard SmartcardPassword.isValid(password) else {
                form.focus(on: .smartcardPassword)
                return [.message(.error("The smartcard password is \(SmartcardPassword.lengths.lowerBound) to \(SmartcardPassword.lengths.upperBound) digits."))]
            }
            return [.message(nil), Self.ask(.smartcardLogon(userID: userID, password: password, context.console.service),
                                            label: "Reading your smartcard...")]
        case .escape:
            return [.message(nil), .show(LandingScreen(console: context.console, phase: context.phase).screen)]
        case .message(let text):
            return [.message(.error(text))]
        default:
            return []
        }
    }

    public mutating func receive(_ outcome: SmartcardOutcome, _ context: ScreenContext) -> [ScreenCommand] {
        switch outcome {
        case .loggedOn(let success):
            return LogonSteps.loggedOn(success, function: function ?? .smartcardTerminal, context)
        case .refused(let refusal):
            return [.show(LandingScreen(console: context.console, phase: context.phase).screen), .message(.error(refusal.description))]
        case .invalid, .locked, .disabled:
            form?.clear(.smartcardPassword)
            form?.focus(on: .smartcardPassword)
            let text = switch outcome {
            case .locked: Texts.locked()
            case .disabled: Texts.disabled
            default: "Invalid User ID or smartcard password. Please try again."
            }
            return [.message(.error(text))]
        }
    }
}
