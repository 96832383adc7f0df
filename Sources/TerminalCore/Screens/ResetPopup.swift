import AuthDomain
import Foundation

/// The "Forgot/Reset your Password" pop-up: User ID, the OTP (by email before 2FA is
/// initialised, by app afterwards), the new password twice, "Password changed successfully"
/// (Appendix C c-g, Appendix D b). Its form is derived from its stage: each stage holds its
/// own fields, so no stage can show another's.
public struct ResetPopup: ScreenModel {
    public var screen: Screen { .forgotResetPassword(self) }
    /// The buttons its forms offer, for coverage reports (`Screen.Kind`).
    public enum Button: String, CaseIterable { case close, submit, resend }
    public static var buttons: [String] { Button.allCases.map(\.rawValue) }
    public static let isPopup = true

    public enum Stage: Equatable, Sendable {
        case userID(TextField)
        case emailOTP(FlowSession, EmailOTPNotice, otp: TextField)
        case appOTP(FlowSession, OTPPrompt, otp: TextField)
        case newPassword(FlowSession, new: TextField, confirmation: TextField)
        /// "Password changed successfully" for this user ID.
        case done(userID: String)
        case refused(String)
    }

    public var stage: Stage
    private var focus: Int

    public init(userID: String) {
        stage = .userID(TextField(.userID, kind: .userID, text: userID))
        focus = 0
    }

    public var session: FlowSession? {
        switch stage {
        case .emailOTP(let s, _, _), .appOTP(let s, _, _), .newPassword(let s, _, _): s
        case .userID, .done, .refused: nil
        }
    }

    public var flows: [FlowSession] { session.map { [$0] } ?? [] }
    public var codeEntry: CodeEntry? {
        switch stage {
        case .emailOTP(let s, _, _): CodeEntry(source: .email, userID: s.userID)
        case .appOTP(let s, let prompt, _): CodeEntry(source: prompt.source, userID: s.userID)
        case .userID, .newPassword, .done, .refused: nil
        }
    }

    public func nextChange(after now: Date) -> Date? {
        guard case .emailOTP(_, let notice, _) = stage else { return nil }
        return everySecond(until: notice.nextRequestAt, after: now)
    }
    public var userID: String? {
        if case .userID(let field) = stage { return field.text }
        return session?.userID
    }

    private static let close = FormItem.button(Button.close, label: Texts.close)

    public var form: Form? {
        get {
            switch stage {
            case .userID(let field):
                return Form([.field(field), .button(Button.submit, label: Texts.submit), Self.close], submit: Button.submit.rawValue, focus: focus)
            case .emailOTP(_, _, let otp):
                return Form([.field(otp), .button(Button.submit, label: Texts.submitOTP), .button(Button.resend, label: Texts.requestNewOTP), Self.close],
                            submit: Button.submit.rawValue, focus: focus)
            case .appOTP(_, _, let otp):
                return Form([.field(otp), .button(Button.submit, label: Texts.submitOTP), Self.close], submit: Button.submit.rawValue, focus: focus)
            case .newPassword(_, let new, let confirmation):
                return Form([.field(new), .field(confirmation), .button(Button.submit, label: Texts.submit), Self.close], submit: Button.submit.rawValue, focus: focus)
            case .done, .refused:
                return Form([Self.close])
            }
        }
        set {
            guard let newValue else { return }
            focus = newValue.focus
            func take(_ field: TextField) -> TextField { newValue.field(field.id) ?? field }
            switch stage {
            case .userID(let field): stage = .userID(take(field))
            case .emailOTP(let s, let notice, let otp): stage = .emailOTP(s, notice, otp: take(otp))
            case .appOTP(let s, let prompt, let otp): stage = .appOTP(s, prompt, otp: take(otp))
            case .newPassword(let s, let new, let confirmation): stage = .newPassword(s, new: take(new), confirmation: take(confirmation))
            case .done, .refused: break
            }
        }
    }

    private mutating func go(_ next: Stage, focus: Int = 0) {
        stage = next
        self.focus = focus
    }

    public func keys(_ context: ScreenContext) -> KeyTable { .form(form, back: "close", backDetail: "close the pop-up (the focus returns to what opened it)") }

    public mutating func perform(_ key: KeyAction, _ input: Input, _ context: ScreenContext) -> [ScreenCommand] {
        guard let action = formAction(key, input), let form else { return [] }
        switch action {
        case .activate(Button.close.rawValue), .escape:
            if case .done(let userID) = stage { return [.closeToLogIn(userID: userID)] }
            return PopupClose.commands(done: false, session: session)
        case .activate(Button.submit.rawValue):
            return submit(form, context)
        case .activate(Button.resend.rawValue):
            guard case .emailOTP(let session, let notice, _) = stage else { return [] }
            return OTPReply.requestNew(session, notice, now: context.now) { Self.ask($0, label: $1, as: Reply.resent) }
        case .message(let text):
            return [.message(.error(text))]
        default:
            return []
        }
    }

    private mutating func submit(_ form: Form, _ context: ScreenContext) -> [ScreenCommand] {
        switch stage {
        case .userID(let field):
            if let problem = LogonScreen.checkUserID(field.text) { return [.message(.error(problem))] }
            return [.message(nil), Self.ask(.startPasswordReset(userID: field.text, context.console.service), label: "Checking your User ID...", as: Reply.start)]
        case .emailOTP(let session, let notice, let otp):
            return submitCode(otp.text, notice.prompt, session)
        case .appOTP(let session, let prompt, let otp):
            return submitCode(otp.text, prompt, session)
        case .newPassword(let session, let new, let confirmation):
            if let problem = PasswordChecks.precheck(new.text, confirmation.text, userID: session.userID, policy: context.policy) {
                focus = problem.field == .newPassword ? 0 : 1
                return [.message(.error(problem.message))]
            }
            return [Self.ask(.completePasswordReset(session, new: new.text, confirmation: confirmation.text), label: "Setting your password...",
                             as: Reply.passwordSet)]
        case .done, .refused:
            return []
        }
    }

    private func submitCode(_ code: String, _ prompt: OTPPrompt, _ session: FlowSession) -> [ScreenCommand] {
        OTPEntry.submit(code, prompt) { Self.ask(.submitResetOTP(session, code: $0), label: $1, as: Reply.code) }
    }

    private static func otpField(_ digits: Int) -> TextField { TextField(.otp, kind: .digits(max: digits)) }

    public enum Reply: Sendable {
        case start(ResetStart)
        case resent(EmailOTPRequestOutcome)
        case code(CodeOutcome<ResetStep>)
        case passwordSet(PasswordChangeOutcome)
    }

    public mutating func receive(_ reply: Reply, _ context: ScreenContext) -> [ScreenCommand] {
        switch reply {
        case .start(let start):
            switch start {
            case .emailOTPSent(let session, let notice):
                go(.emailOTP(session, notice, otp: Self.otpField(notice.digits)))
                return [.message(OTPReply.arrival(notice))]
            case .enterAppOTP(let session, let prompt):
                go(.appOTP(session, prompt, otp: Self.otpField(prompt.digits)))
                return [.message(.info(Texts.enterAppOTP(prompt.digits)))]
            case .askDelegatedAdministrator(let kind):
                go(.refused(kind == .user
                    ? "Your OTP is sent by email, so the password cannot be reset here. Please ask your Delegated Administrator to perform Unlock/ Reset OTP Device Registration for you."
                    : "Your OTP is sent by email, so the password cannot be reset here. Please ask your company to submit eService DA3 (Unlock DA Account) to HKEX. \(Texts.contactHKEX)"))
            case .noEmailRegistered(let kind):
                go(.refused(kind == .user
                    ? "No email address is registered for this User ID. Please ask your Delegated Administrator to register it (Change User Profile)."
                    : "No email address is registered for this User ID. Please ask your company to register it with HKEX (eService DA3). \(Texts.contactHKEX)"))
            case .locked:
                go(.refused(Texts.locked()))
            case .disabled:
                go(.refused(Texts.disabled))
            }
            return [.message(nil)]
        case .resent(let outcome):
            guard case .emailOTP(let session, _, var otp) = stage else { return [] }
            if case .sent = outcome { otp.clear() }
            stage = .emailOTP(session, outcome.notice, otp: otp)
            return [.message(OTPReply.resent(outcome.notice))]
        case .code(let outcome):
            return otp(outcome)
        case .passwordSet(let outcome):
            guard case .newPassword(let session, var new, var confirmation) = stage else { return [] }
            if outcome == .changed {
                go(.done(userID: session.userID))
                return [.message(.success(Texts.passwordChanged + ". Close, then LOG IN with the new password."))]
            }
            new.clear()
            confirmation.clear()
            go(.newPassword(session, new: new, confirmation: confirmation))
            return [.message(.error(PasswordChecks.describe(outcome)))]
        }
    }

    private mutating func otp(_ outcome: CodeOutcome<ResetStep>) -> [ScreenCommand] {
        switch outcome {
        case .accepted(.choosePassword(let session)):
            go(.newPassword(session, new: TextField(.newPassword, kind: .password), confirmation: TextField(.confirmPassword, kind: .password)))
            return [.message(.info("Please enter your new password twice."))]
        case .countedAsFailedLogon, .locked:
            go(.refused(outcome == .locked ? Texts.locked() : OTPReply.threeWrong + " Please start again."))
            return [.message(nil)]
        case .wrong, .expired, .replayed, .malformed:
            switch stage {
            case .emailOTP(let s, let notice, var otp): otp.clear(); stage = .emailOTP(s, notice, otp: otp)
            case .appOTP(let s, let prompt, var otp): otp.clear(); stage = .appOTP(s, prompt, otp: otp)
            default: break
            }
            return [.message(OTPReply.refusal(outcome).map(StatusMessage.error))]
        }
    }
}
