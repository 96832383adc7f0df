import AuthEngine
import Foundation

/// Where engine outcomes lead; shared by the screens that receive them.
enum Navigation {
    /// After user ID and password (LOG IN, or a changed expired password).
    static func apply(_ outcome: LogonOutcome, function: TerminalFunction, userID: String, _ state: inout AppState) -> [Effect] {
        switch outcome {
        case .setUpOTPChannel(let session):
            state.message = nil
            state.screen = .channelSetup(ChannelSetupScreen(session: session, function: function))
        case .enterAppOTP(let session):
            state.message = nil
            state.screen = .appOTP(AppOTPScreen(session: session, function: function))
        case .enterEmailOTP(let session, let notice):
            state.message = EmailOTPScreen.noticeMessage(notice, now: state.now)
            state.screen = .emailOTP(EmailOTPScreen(session: session, function: function, notice: notice))
        case .passwordExpired(let session):
            state.message = .error("Your password has expired. Please change it now.")
            state.screen = .passwordExpired(PasswordExpiredScreen(session: session, function: function))
        case .locked:
            return refuse(Texts.locked, function: function, userID: userID, &state)
        case .disabled:
            return refuse(Texts.disabled, function: function, userID: userID, &state)
        case .invalid:
            return refuse(Texts.invalidCredentials, function: function, userID: userID, &state)
        }
        return []
    }

    private static func refuse(_ text: String, function: TerminalFunction, userID: String, _ state: inout AppState) -> [Effect] {
        var logon = LogonScreen(function: function, userID: userID)
        logon.form.focus(on: Texts.password)
        state.screen = .logon(logon)
        state.message = .error(text)
        return []
    }

    /// After a submitted OTP on a logon screen (app, email, or device registration).
    static func apply(_ outcome: OTPOutcome, session: FlowSession, function: TerminalFunction, _ state: inout AppState) -> [Effect] {
        switch outcome {
        case .accepted(.loggedOn(let success)):
            return loggedOn(success, function: function, &state)
        case .accepted:
            state.message = .error("Unexpected answer from the authentication service.")
        case .wrong(let remaining):
            state.clearOTPField()
            state.message = .error(Texts.wrongOTP(remaining: remaining))
        case .expired:
            state.clearOTPField()
            state.message = .error(Texts.expiredOTP)
        case .replayed:
            state.clearOTPField()
            state.message = .error(Texts.usedOTP)
        case .malformed(let text):
            state.message = .error(text)
        case .countedAsFailedLogon:
            state.message = .error(Texts.threeWrongOTPs + " Please log in again.")
            var logon = LogonScreen(function: function, userID: session.userID)
            logon.form.focus(on: Texts.password)
            state.screen = .logon(logon)
        case .locked:
            return apply(.locked, function: function, userID: session.userID, &state)
        }
        return []
    }

    /// The function's first screen, or a refusal when a user who is not a DA logs on to DMS.
    static func loggedOn(_ success: LogonSuccess, function: TerminalFunction, _ state: inout AppState) -> [Effect] {
        if state.console == .dms, success.kind != .delegatedAdministrator {
            state.screen = .landing(LandingScreen(console: state.console, phase: state.phase))
            state.message = .error(Texts.notADA)
            return []
        }
        state.screen = .loggedOn(LoggedOnScreen(success: success, function: function, connectivityTest: state.connectivityTest))
        state.message = .success("Logged on as \(success.userID) by \(success.method.rawValue).")
        return []
    }
}

extension AppState {
    /// Empties the OTP field of the screen that asked for a code, after a refused one.
    mutating func clearOTPField() {
        switch screen {
        case .appOTP(var s):
            s.form.clear(Texts.otp)
            screen = .appOTP(s)
        case .emailOTP(var s):
            s.form.clear(Texts.otp)
            screen = .emailOTP(s)
        case .registerDevice(var s):
            s.form.clear(Texts.otp)
            screen = .registerDevice(s)
        default:
            break
        }
    }
}

extension AppState {
    /// SUBMIT on an app-code field: the shape is checked here, the code by the engine.
    mutating func submitAppOTP(_ session: FlowSession, code: String) -> [Effect] {
        guard code.count == 6 else {
            message = .error(Texts.appOTPShape)
            return []
        }
        return call(.submitOTP(session, code: code), "Verifying your OTP...")
    }

    /// Esc on a screen of the logon flow: the flow ends and the logon page comes back.
    mutating func leaveToLogon() -> [Effect] {
        message = nil
        return Update.backToLogon(&self)
    }
}
