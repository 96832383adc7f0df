import AuthDomain
import Foundation

/// The words for codes, the same wherever a code is entered: what a refused code means, what
/// the engine said about an email code, and the wait before a new one.
enum OTPReply {
    /// A refused code the screen stays on (the field is emptied); nil for other outcomes.
    static func refusal<Step>(_ outcome: CodeOutcome<Step>) -> String? {
        switch outcome {
        case .wrong(let remaining): "Invalid OTP. \(remainder(remaining))"
        case .expired(let remaining): "This OTP has expired. Please request a new one. \(remainder(remaining))"
        case .replayed(let remaining): "This OTP has already been used. Please use a new one. \(remainder(remaining))"
        case .malformed(let digits): "The OTP is \(digits) digits."
        case .accepted, .countedAsFailedLogon, .locked: nil
        }
    }

    private static func remainder(_ remaining: Int) -> String {
        "\(remaining) more invalid OTP\(remaining == 1 ? "" : "s") will count as a failed logon."
    }

    static let threeWrong = "Three invalid OTPs count as one failed logon."

    /// The code's shape, checked before it is sent (the engine checks again).
    static func shapeProblem(_ code: String, _ prompt: OTPPrompt) -> String? {
        code.count == prompt.digits ? nil : "The OTP is the \(prompt.digits) digits \(prompt.source == .app ? "your authenticator app shows" : "of the email")."
    }

    /// What the engine said about the newest email code: sent now, still the one to use, or
    /// not delivered. Never says a code was sent when none was.
    static func notice(_ notice: EmailOTPNotice) -> StatusMessage {
        if let problem = notice.deliveryProblem { return .error(problem) }
        if notice.newlySent {
            return .info("An OTP has been sent to \(notice.sentTo). It is valid for \(notice.validMinutes) minutes.")
        }
        return .info("No new OTP was sent: the one sent to \(notice.sentTo) at \(clockTime(notice.sentAt)) is unused and still valid.")
    }

    /// The message for a code box just shown: none when the box itself says the code was sent
    /// (the same words twice would be noise); the engine's news otherwise (a code still valid, a
    /// mail that could not be delivered).
    static func arrival(_ notice: EmailOTPNotice) -> StatusMessage? {
        notice.newlySent && notice.deliveryProblem == nil ? nil : self.notice(notice)
    }

    /// After REQUEST A NEW OTP: a new code was sent (the box says where), or why not.
    static func resent(_ notice: EmailOTPNotice) -> StatusMessage {
        notice.newlySent && notice.deliveryProblem == nil ? .info("A new OTP has been sent. It is valid for \(notice.validMinutes) minutes.") : self.notice(notice)
    }

    /// REQUEST A NEW OTP: asked of the engine once the wait is over; before that, the screen
    /// points at the countdown it shows (one value on screen at a time).
    /// `ask` makes the screen's call from the request and its label.
    static func requestNew(_ session: FlowSession, _ notice: EmailOTPNotice, now: Date,
                           _ ask: (EngineCall<EmailOTPRequestOutcome>, String) -> ScreenCommand) -> [ScreenCommand] {
        guard notice.secondsUntilNextRequest(at: now) == 0 else {
            return [.message(.error("A new OTP can be requested when the wait shown above is over."))]
        }
        return [ask(.requestEmailOTP(session), "Requesting a new OTP...")]
    }

    /// "4:05": the wait before a new code may be requested.
    static func countdown(_ seconds: Int) -> String { String(format: "%d:%02d", seconds / 60, seconds % 60) }

    static func clockTime(_ date: Date) -> String { String(HongKongTime.format(date).dropFirst(11).prefix(8)) }
}

/// A code field on any screen: SUBMIT checks the shape and asks the engine; on a screen of the
/// logon flow a refused code empties the field and says why, anything else moves the logon on.
enum OTPEntry {
    /// `ask` makes the screen's call (its flow's submit) from the code and the label.
    static func submit(_ code: String, _ prompt: OTPPrompt, _ ask: (String, String) -> ScreenCommand) -> [ScreenCommand] {
        if let problem = OTPReply.shapeProblem(code, prompt) { return [.message(.error(problem))] }
        return [ask(code, "Verifying your OTP...")]
    }

    /// SUBMIT on a screen of the logon (app, email, device registration).
    static func submitLogon<S: ScreenModel>(_ code: String, _ prompt: OTPPrompt, _ session: FlowSession, for screen: S.Type,
                                            as reply: @escaping @Sendable (CodeOutcome<LogonStep>) -> S.Reply) -> [ScreenCommand] {
        submit(code, prompt) { S.ask(.submitLogonOTP(session, code: $0), label: $1, as: reply) }
    }

    static func logonAnswer(_ outcome: CodeOutcome<LogonStep>, _ session: FlowSession, _ function: TerminalFunction?, _ context: ScreenContext,
                            form: inout Form?) -> [ScreenCommand] {
        if let next = LogonSteps.next(outcome, session: session, function: function ?? .onlineFunctions, context) { return next }
        form?.clear(.otp)
        return [.message(OTPReply.refusal(outcome).map(StatusMessage.error))]
    }
}

/// Closing a pop-up of a flow: the pop-up goes, its message too unless it reports what was
/// done, and the flow it held ends.
enum PopupClose {
    static func commands(done: Bool, session: FlowSession?) -> [ScreenCommand] {
        [.close] + (done ? [] : [.message(nil)]) + (session.map { [.leave(.cancel($0))] } ?? [])
    }
}
