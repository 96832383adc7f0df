import AuthDomain
import Foundation

/// "Please Enter Your One Time Password, Or Request A New One": SUBMIT OTP, and a new code
/// once the previous one is used, expired, or five minutes old (Appendix C q-s, w).
public struct EmailOTPScreen: ScreenModel {
    public var screen: Screen { .emailOTP(self) }
    /// The buttons its forms offer, for coverage reports (`Screen.Kind`).
    public enum Button: String, CaseIterable { case submit, resend }
    public static var buttons: [String] { Button.allCases.map(\.rawValue) }
    public var session: FlowSession
    public var function: TerminalFunction?
    public var notice: EmailOTPNotice
    public var form: Form?

    public init(session: FlowSession, function: TerminalFunction, notice: EmailOTPNotice) {
        self.session = session
        self.function = function
        self.notice = notice
        form = Form([
            .field(TextField(.otp, kind: .digits(max: notice.digits))),
            .button(Button.submit, label: Texts.submitOTP),
            .button(Button.resend, label: Texts.requestNewOTP),
        ], submit: Button.submit.rawValue)
    }

    public var flows: [FlowSession] { [session] }
    public func nextChange(after now: Date) -> Date? { everySecond(until: notice.nextRequestAt, after: now) }
    public var userID: String? { session.userID }
    public var codeEntry: CodeEntry? { CodeEntry(source: .email, userID: session.userID) }

    public func keys(_ context: ScreenContext) -> KeyTable { .form(form, back: "back", backDetail: "back to the logon page") }

    public mutating func perform(_ key: KeyAction, _ input: Input, _ context: ScreenContext) -> [ScreenCommand] {
        guard let action = formAction(key, input), let form else { return [] }
        switch action {
        case .activate(Button.submit.rawValue):
            return OTPEntry.submitLogon(form.text(.otp), notice.prompt, session, for: Self.self, as: Reply.code)
        case .activate(Button.resend.rawValue):
            return OTPReply.requestNew(session, notice, now: context.now) { Self.ask($0, label: $1, as: Reply.resent) }
        case .escape:
            return [.message(nil), .backToLogon(userID: session.userID)]
        case .message(let text):
            return [.message(.error(text))]
        default:
            return []
        }
    }

    public enum Reply: Sendable {
        case code(CodeOutcome<LogonStep>)
        case resent(EmailOTPRequestOutcome)
    }

    public mutating func receive(_ reply: Reply, _ context: ScreenContext) -> [ScreenCommand] {
        switch reply {
        case .resent(let outcome):
            notice = outcome.notice
            if case .sent = outcome { form?.clear(.otp) }
            return [.message(OTPReply.resent(notice))]
        case .code(let outcome):
            return OTPEntry.logonAnswer(outcome, session, function, context, form: &form)
        }
    }
}
