import AuthEngine
import Foundation

/// "Please Enter Your One Time Password, Or Request A New One": SUBMIT OTP, and a new code
/// no sooner than five minutes after the previous one.
public struct EmailOTPScreen: Equatable, Sendable {
    public var session: FlowSession
    public var function: TerminalFunction
    public var notice: EmailOTPNotice
    public var form: Form

    public init(session: FlowSession, function: TerminalFunction, notice: EmailOTPNotice) {
        self.session = session
        self.function = function
        self.notice = notice
        form = Self.otpForm
    }

    static var otpForm: Form {
        Form([
            .field(TextField(Texts.otp, kind: .digits(max: 8))),
            .button(id: "submit", label: Texts.submitOTP),
            .button(id: "resend", label: Texts.requestNewOTP),
        ], submit: "submit")
    }

    /// What to tell the user about the newest code.
    static func noticeMessage(_ notice: EmailOTPNotice, now: Date) -> StatusMessage {
        if let problem = notice.deliveryProblem { return .error(problem) }
        if notice.newlySent {
            return .info("An OTP has been sent to \(notice.sentTo). It is valid for 5 minutes.")
        }
        return .info("The OTP sent to \(notice.sentTo) at \(clockTime(notice.sentAt)) is still the one to use.")
    }

    static func clockTime(_ date: Date) -> String {
        String(HongKongTime.format(date).dropFirst(11).prefix(8))
    }

    /// "4:05": the wait before a new code may be requested.
    public static func countdown(_ seconds: Int) -> String { String(format: "%d:%02d", seconds / 60, seconds % 60) }

    static func handle(_ screen: EmailOTPScreen, _ input: Input, _ state: inout AppState) -> [Effect] {
        var s = screen
        defer { if case .emailOTP = state.screen { state.screen = .emailOTP(s) } }
        switch s.form.handle(input) {
        case .activate("submit"):
            let code = s.form.text(Texts.otp)
            guard code.count == 8 else {
                state.message = .error("The email OTP is 8 digits.")
                return []
            }
            return state.call(.submitOTP(s.session, code: code), "Verifying your OTP...")
        case .activate("resend"):
            let wait = s.notice.secondsUntilNextRequest(at: state.now)
            if wait > 0 {
                state.message = .error("A new OTP can be requested in \(countdown(wait)).")
                return []
            }
            return state.call(.requestEmailOTP(s.session), "Requesting a new OTP...")
        case .escape:
            return state.leaveToLogon()
        case .message(let text):
            state.message = .error(text)
        default:
            break
        }
        return []
    }

    static func receive(_ screen: EmailOTPScreen, _ result: EngineResult, _ state: inout AppState) -> [Effect] {
        switch result {
        case .emailOTP(.sent(let notice)):
            var s = screen
            s.notice = notice
            s.form.clear(Texts.otp)
            state.screen = .emailOTP(s)
            state.message = noticeMessage(notice, now: state.now)
            return []
        case .emailOTP(.throttled(let notice, let seconds)):
            var s = screen
            s.notice = notice
            state.screen = .emailOTP(s)
            state.message = .error("A new OTP can be requested in \(countdown(seconds)).")
            return []
        case .otp(let outcome):
            return Navigation.apply(outcome, session: screen.session, function: screen.function, &state)
        default:
            return []
        }
    }
}
