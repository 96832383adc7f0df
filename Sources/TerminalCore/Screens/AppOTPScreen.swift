import AuthDomain

/// Ongoing logon with the authenticator app: the OTP and SUBMIT (Appendix C w).
public struct AppOTPScreen: ScreenModel {
    public var screen: Screen { .appOTP(self) }
    /// The buttons its forms offer, for coverage reports (`Screen.Kind`).
    public enum Button: String, CaseIterable { case submit }
    public static var buttons: [String] { Button.allCases.map(\.rawValue) }
    public var session: FlowSession
    public var function: TerminalFunction?
    public var prompt: OTPPrompt
    public var form: Form?

    public init(session: FlowSession, function: TerminalFunction, prompt: OTPPrompt) {
        self.session = session
        self.function = function
        self.prompt = prompt
        form = Form([
            .field(TextField(.otp, kind: .digits(max: prompt.digits))),
            .button(Button.submit, label: Texts.submit),
        ], submit: Button.submit.rawValue)
    }

    public var flows: [FlowSession] { [session] }
    public var userID: String? { session.userID }
    public var codeEntry: CodeEntry? { CodeEntry(source: prompt.source, userID: session.userID) }

    public func keys(_ context: ScreenContext) -> KeyTable { .form(form, back: "back", backDetail: "back to the logon page") }

    public mutating func perform(_ key: KeyAction, _ input: Input, _ context: ScreenContext) -> [ScreenCommand] {
        guard let action = formAction(key, input), let form else { return [] }
        switch action {
        case .activate(Button.submit.rawValue):
            return OTPEntry.submitLogon(form.text(.otp), prompt, session, for: Self.self) { $0 }
        case .escape:
            return [.message(nil), .backToLogon(userID: session.userID)]
        case .message(let text):
            return [.message(.error(text))]
        default:
            return []
        }
    }

    public mutating func receive(_ outcome: CodeOutcome<LogonStep>, _ context: ScreenContext) -> [ScreenCommand] {
        OTPEntry.logonAnswer(outcome, session, function, context, form: &form)
    }
}
