import AuthDomain

/// After an expired password (Appendix D a): a forced change (new password twice), then the
/// logon goes on to the OTP.
public struct PasswordExpiredScreen: ScreenModel {
    public var screen: Screen { .passwordExpired(self) }
    /// The buttons its forms offer, for coverage reports (`Screen.Kind`).
    public enum Button: String, CaseIterable { case submit }
    public static var buttons: [String] { Button.allCases.map(\.rawValue) }
    public var session: FlowSession
    public var function: TerminalFunction?
    public var form: Form? = Form([
        .field(TextField(.newPassword, kind: .password)),
        .field(TextField(.confirmPassword, kind: .password)),
        .button(Button.submit, label: Texts.update),
    ], submit: Button.submit.rawValue)

    public init(session: FlowSession, function: TerminalFunction) {
        self.session = session
        self.function = function
    }

    public var flows: [FlowSession] { [session] }
    public var userID: String? { session.userID }

    public func keys(_ context: ScreenContext) -> KeyTable { .form(form, back: "back", backDetail: "back to the logon page") }

    public mutating func perform(_ key: KeyAction, _ input: Input, _ context: ScreenContext) -> [ScreenCommand] {
        guard let action = formAction(key, input), var form else { return [] }
        defer { self.form = form }
        switch action {
        case .activate(Button.submit.rawValue):
            let new = form.text(.newPassword), confirmation = form.text(.confirmPassword)
            if let problem = PasswordChecks.precheck(new, confirmation, userID: session.userID, policy: context.policy) {
                form.focus(on: problem.field)
                return [.message(.error(problem.message))]
            }
            return [Self.ask(.changeExpiredPassword(session, new: new, confirmation: confirmation), label: "Changing your password...")]
        case .escape:
            return [.message(nil), .backToLogon(userID: session.userID)]
        case .message(let text):
            return [.message(.error(text))]
        default:
            return []
        }
    }

    public mutating func receive(_ change: ExpiredPasswordChange, _ context: ScreenContext) -> [ScreenCommand] {
        switch change {
        case .changed(let next):
            var commands = LogonSteps.next(next, function: function ?? .onlineFunctions, userID: session.userID, context)
            // The OTP step's own notice comes after the news that the password changed; a code
            // that could not be delivered stays an error.
            let notice = commands.compactMap { command -> StatusMessage? in if case .message(let m) = command { m } else { nil } }.first
            commands.append(.message(StatusMessage(kind: notice?.kind == .error ? .error : .success,
                                                   text: "Password changed." + (notice.map { " " + $0.text } ?? ""))))
            return commands
        case .notChanged(let outcome):
            form?.clear(.newPassword)
            form?.clear(.confirmPassword)
            form?.focus(on: .newPassword)
            return [.message(.error(PasswordChecks.describe(outcome)))]
        }
    }
}
