import AuthDomain

/// What the DMS screens do when the engine says their logon is no longer good: back to the
/// landing page, whichever way the DA logged on (OTP or smartcard).
enum DMSSession {
    static func fail(_ error: EngineError, _ success: LogonSuccess, _ context: ScreenContext) -> [ScreenCommand]? {
        switch error {
        case .sessionEnded, .notPermitted(.notLoggedOn), .notPermitted(.locked), .notPermitted(.disabled),
             .notPermitted(.notADelegatedAdministrator):
            return [.leave(.logout(success.session)), .show(LandingScreen(console: context.console, phase: context.phase).screen),
                    .message(.error(error.description))]
        default:
            return nil
        }
    }
}
