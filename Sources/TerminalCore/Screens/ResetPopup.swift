import AuthEngine

/// The "Forgot/Reset your Password" pop-up: User ID, the OTP (by email before 2FA is
/// initialised, by app afterwards), the new password twice, "Password changed successfully".
public struct ResetPopup: Equatable, Sendable {
    public enum Stage: Equatable, Sendable {
        case userID
        case emailOTP(EmailOTPNotice)
        case appOTP
        case newPassword
        case done
        case refused(String)
    }

    public var stage: Stage
    public var session: FlowSession?
    public var form: Form

    public init(userID: String) {
        stage = .userID
        form = Form([
            .field(TextField(Texts.userID, kind: .userID, text: userID)),
            .button(id: "submit", label: Texts.submit),
            .button(id: "close", label: Texts.close),
        ], submit: "submit")
    }

    static func handle(_ popup: ResetPopup, _ input: Input, _ state: inout AppState) -> [Effect] {
        var p = popup
        defer { if case .reset = state.popup { state.popup = .reset(p) } }
        switch p.form.handle(input) {
        case .activate("close"), .escape:
            return close(p, &state)
        case .activate("submit") where p.stage == .userID:
            let userID = p.form.text(Texts.userID)
            if let problem = LogonScreen.checkUserID(userID) {
                state.message = .error(problem)
                return []
            }
            state.message = nil
            return state.call(.startPasswordReset(userID: userID), "Checking your User ID...")
        case .activate("submit"):
            guard let session = p.session else { return [] }
            switch p.stage {
            case .emailOTP, .appOTP:
                let code = p.form.text(Texts.otp)
                let digits = p.stage == .appOTP ? 6 : 8
                guard code.count == digits else {
                    state.message = .error("The OTP is \(digits) digits.")
                    return []
                }
                return state.call(.submitOTP(session, code: code), "Verifying your OTP...")
            case .newPassword:
                let new = p.form.text(Texts.newPassword), confirmation = p.form.text(Texts.confirmPassword)
                if let problem = PasswordChecks.precheck(new, confirmation, userID: session.userID, policy: state.policy) {
                    state.message = .error(problem)
                    return []
                }
                return state.call(.completePasswordReset(session, new: new, confirmation: confirmation), "Setting your password...")
            default:
                return []
            }
        case .activate("resend"):
            guard let session = p.session, case .emailOTP(let notice) = p.stage else { return [] }
            let wait = notice.secondsUntilNextRequest(at: state.now)
            if wait > 0 {
                state.message = .error("A new OTP can be requested in \(EmailOTPScreen.countdown(wait)).")
                return []
            }
            return state.call(.requestEmailOTP(session), "Requesting a new OTP...")
        case .message(let text):
            state.message = .error(text)
        default:
            break
        }
        return []
    }

    private static func close(_ p: ResetPopup, _ state: inout AppState) -> [Effect] {
        state.popup = nil
        state.focusLogonPassword()
        if p.stage != .done { state.message = nil }
        guard let session = p.session, p.stage != .done else { return [] }
        return state.call(.cancel(session), "")
    }

    static func otpForm(email: Bool) -> Form {
        var items: [FormItem] = [
            .field(TextField(Texts.otp, kind: .digits(max: email ? 8 : 6))),
            .button(id: "submit", label: Texts.submitOTP),
        ]
        if email { items.append(.button(id: "resend", label: Texts.requestNewOTP)) }
        items.append(.button(id: "close", label: Texts.close))
        return Form(items, submit: "submit")
    }

    static func receive(_ popup: ResetPopup, _ result: EngineResult, _ state: inout AppState) -> [Effect] {
        var p = popup
        defer { if case .reset = state.popup { state.popup = .reset(p) } }
        switch result {
        case .resetStart(let start):
            switch start {
            case .emailOTPSent(let session, let notice):
                p.session = session
                p.stage = .emailOTP(notice)
                p.form = otpForm(email: true)
                state.message = EmailOTPScreen.noticeMessage(notice, now: state.now)
            case .enterAppOTP(let session):
                p.session = session
                p.stage = .appOTP
                p.form = otpForm(email: false)
                state.message = .info(Texts.enterAppOTP)
            case .askDelegatedAdministrator(let kind):
                p.stage = .refused(kind == .user
                    ? "Your OTP is sent by email, so the password cannot be reset here. Please ask your Delegated Administrator to perform Unlock/ Reset OTP Device Registration for you."
                    : "Your OTP is sent by email, so the password cannot be reset here. Please ask your company to submit eService DA3 to HKEX to Unlock/ Reset OTP Device Registration.")
                p.form = Form([.button(id: "close", label: Texts.close)])
                state.message = nil
            case .noEmailRegistered(let kind):
                p.stage = .refused(kind == .user
                    ? "No email address is registered for this User ID. Please ask your Delegated Administrator to register it (Change User Profile)."
                    : "No email address is registered for this User ID. Please ask your company to register it with HKEX (eService DA3).")
                p.form = Form([.button(id: "close", label: Texts.close)])
                state.message = nil
            case .locked, .disabled:
                p.stage = .refused(start == .locked ? Texts.locked : Texts.disabled)
                p.form = Form([.button(id: "close", label: Texts.close)])
                state.message = nil
            }
        case .emailOTP(.sent(let notice)):
            p.stage = .emailOTP(notice)
            p.form.clear(Texts.otp)
            state.message = EmailOTPScreen.noticeMessage(notice, now: state.now)
        case .emailOTP(.throttled(let notice, let seconds)):
            p.stage = .emailOTP(notice)
            state.message = .error("A new OTP can be requested in \(EmailOTPScreen.countdown(seconds)).")
        case .otp(let outcome):
            switch outcome {
            case .accepted(.choosePassword):
                p.stage = .newPassword
                p.form = Form([
                    .field(TextField(Texts.newPassword, kind: .password)),
                    .field(TextField(Texts.confirmPassword, kind: .password)),
                    .button(id: "submit", label: Texts.submit),
                    .button(id: "close", label: Texts.close),
                ], submit: "submit")
                state.message = .info("Please enter your new password twice.")
            case .wrong(let remaining):
                p.form.clear(Texts.otp)
                state.message = .error(Texts.wrongOTP(remaining: remaining))
            case .expired:
                p.form.clear(Texts.otp)
                state.message = .error(Texts.expiredOTP)
            case .replayed:
                p.form.clear(Texts.otp)
                state.message = .error(Texts.usedOTP)
            case .malformed(let text):
                state.message = .error(text)
            case .countedAsFailedLogon, .locked:
                p.stage = .refused(outcome == .locked ? Texts.locked : Texts.threeWrongOTPs + " Please start again.")
                p.session = nil
                p.form = Form([.button(id: "close", label: Texts.close)])
                state.message = nil
            case .accepted:
                break
            }
        case .passwordChange(let outcome):
            if outcome == .changed {
                p.stage = .done
                p.session = nil
                p.form = Form([.button(id: "close", label: Texts.close)])
                state.message = .success(Texts.passwordChanged)
            } else {
                p.form.clear(Texts.newPassword)
                p.form.clear(Texts.confirmPassword)
                p.form.focus(on: Texts.newPassword)
                state.message = .error(PasswordChecks.describe(outcome))
            }
        default:
            break
        }
        return []
    }
}
