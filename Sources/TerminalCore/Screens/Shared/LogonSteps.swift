import AuthDomain

/// Where engine outcomes lead in the logon flow; shared by the screens that receive them.
enum LogonSteps {
    /// After user ID and password (LOG IN, or a changed expired password).
    static func next(_ outcome: LogonOutcome, function: TerminalFunction, userID: String, _ context: ScreenContext) -> [ScreenCommand] {
        switch outcome {
        case .setUpOTPChannel(let session):
            return [.message(nil), .show(ChannelSetupScreen(session: session, function: function).screen)]
        case .enterAppOTP(let session, let prompt):
            return [.message(nil), .show(AppOTPScreen(session: session, function: function, prompt: prompt).screen)]
        case .enterEmailOTP(let session, let notice):
            return [.message(OTPReply.arrival(notice)), .show(EmailOTPScreen(session: session, function: function, notice: notice).screen)]
        case .passwordExpired(let session):
            return [.message(.error("Your password has expired. Please change it now.")),
                    .show(PasswordExpiredScreen(session: session, function: function).screen)]
        case .locked:
            return refuse(Texts.locked(), function: function, userID: userID)
        case .disabled:
            return refuse(Texts.disabled, function: function, userID: userID)
        case .invalid:
            return refuse(Texts.invalidCredentials, function: function, userID: userID)
        }
    }

    private static func refuse(_ text: String, function: TerminalFunction, userID: String) -> [ScreenCommand] {
        [.show(LogonScreen(function: function, userID: userID, focusOnPassword: true).screen), .message(.error(text))]
    }

    /// After a code on a screen of the logon flow (app, email, or device registration). Nil
    /// when the screen itself handles the outcome (a refused code it stays on).
    static func next(_ outcome: CodeOutcome<LogonStep>, session: FlowSession, function: TerminalFunction, _ context: ScreenContext) -> [ScreenCommand]? {
        switch outcome {
        case .accepted(.loggedOn(let success)):
            return loggedOn(success, function: function, context)
        case .accepted(.refused(let refusal)):
            return [.show(LandingScreen(console: context.console, phase: context.phase).screen), .message(.error(refusal.description))]
        case .countedAsFailedLogon:
            return [.show(LogonScreen(function: function, userID: session.userID, focusOnPassword: true).screen),
                    .message(.error(OTPReply.threeWrong + " Please log in again."))]
        case .locked:
            return refuse(Texts.locked(), function: function, userID: session.userID)
        case .wrong, .expired, .replayed, .malformed:
            return nil
        }
    }

    /// The function's first screen.
    static func loggedOn(_ success: LogonSuccess, function: TerminalFunction, _ context: ScreenContext) -> [ScreenCommand] {
        [.show(LoggedOnScreen(success: success, function: function, connectivityTest: context.connectivityTest).screen),
         .message(.success("Logged on as \(success.userID) by \(success.method.label)."))]
    }
}
