import Foundation

extension AuthEngine {
    /// Forgot/Reset your Password: the first password of a new 2FA account (email code) and
    /// self-service resets of accounts with a registered device (app code, s4.1.2, s4.2.2).
    public func startPasswordReset(userID typed: String, service: ServiceHours.Service = .terminal) throws -> ResetStart {
        try requireOpen(service)
        try requireTwoFactorInService()
        let userID = Self.normalise(typed)
        enum Step { case email, app, refused(ResetStart), decoy }
        let duringTest = configuration.connectivityTest != nil
        let step: Step = try store.write { tx in
            guard let account = try visibleAccount(tx, userID) else {
                try audit(tx, .passwordResetRefused, Self.auditable(userID), "unknown user ID")
                return .decoy
            }
            if account.locked {
                try audit(tx, .passwordResetRefused, userID, "account locked")
                return .refused(.locked)
            }
            if account.disabled {
                try audit(tx, .passwordResetRefused, userID, "account disabled")
                return .refused(.disabled)
            }
            switch account.state {
            case .app:
                // s3.5: no password reset for DAs during the connectivity test (first set-up still works).
                if duringTest, account.kind == .delegatedAdministrator {
                    try audit(tx, .passwordResetRefused, userID, "DA reset during the connectivity test")
                    throw EngineError.unavailable(.duringConnectivityTest)
                }
                try audit(tx, .passwordResetStarted, userID, "app code")
                return .app
            case .email:
                try audit(tx, .passwordResetRefused, userID, "email OTP account: \(account.kind == .user ? "DA" : "HKEX (eService DA3)") must reset")
                return .refused(.askDelegatedAdministrator(account.kind))
            case .smartcardOnly, .notInitialised, .passwordSet:
                guard account.email != nil else {
                    try audit(tx, .passwordResetRefused, userID, "no email registered")
                    return .refused(.noEmailRegistered(account.kind))
                }
                try audit(tx, .passwordResetStarted, userID, "email code")
                return .email
            }
        }
        switch step {
        case .refused(let outcome):
            return outcome
        case .app:
            let session = try startFlow(userID: userID, purpose: .passwordReset, stage: .appOTP, service: service)
            return .enterAppOTP(session, OTPPrompt(source: .app, digits: OneTimePassword.issued.digits))
        case .decoy:
            // Unknown IDs look like a code was sent; no code can ever match.
            return .emailOTPSent(try startFlow(userID: userID, purpose: .passwordReset, stage: .decoy, service: service), decoyNotice())
        case .email:
            let notice = try requestCode(for: userID, purpose: .passwordReset).notice
            return .emailOTPSent(try startFlow(userID: userID, purpose: .passwordReset, stage: .emailOTP, service: service), notice)
        }
    }

    /// The new password, twice (SUBMIT), once the code was accepted.
    public func completePasswordReset(_ session: FlowSession, newPassword: String, confirmation: String) throws -> PasswordChangeOutcome {
        let flow = try flow(session)
        guard flow.purpose == .passwordReset, flow.stage == .choosePassword else {
            throw EngineError.wrongStep(.otpNotYetAccepted)
        }
        let outcome = try setPassword(userID: flow.userID, newPassword: newPassword, confirmation: confirmation,
                                      source: .reset)
        if outcome == .changed { endFlow(session) }
        return outcome
    }
}
