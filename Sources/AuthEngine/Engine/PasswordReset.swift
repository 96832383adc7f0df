import Foundation

extension AuthEngine {
    /// Forgot/Reset your Password: the first password of a new 2FA account (email code) and
    /// self-service resets of accounts with a registered device (app code, s4.1.2, s4.2.2).
    public func startPasswordReset(userID typed: String) throws -> ResetStart {
        try requireTwoFactorInService()
        let userID = Self.normalise(typed)
        let now = clock.now()
        enum Step { case email(Account), app, refused(ResetStart), decoy }
        let step: Step = try store.write { tx in
            guard let account = try tx.account(userID) else {
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
                try audit(tx, .passwordResetStarted, userID, "app code")
                return .app
            case .email:
                try audit(tx, .passwordResetRefused, userID, "email OTP account: \(account.kind == .user ? "DA" : "HKEX (eService DA3)") must reset")
                return .refused(.askDelegatedAdministrator(account.kind))
            case .smartcardOnly, .notInitialised:
                guard account.email != nil else {
                    try audit(tx, .passwordResetRefused, userID, "no email registered")
                    return .refused(.noEmailRegistered(account.kind))
                }
                try audit(tx, .passwordResetStarted, userID, "email code")
                return .email(account)
            }
        }
        switch step {
        case .refused(let outcome):
            return outcome
        case .app:
            return .enterAppOTP(try startFlow(userID: userID, purpose: .passwordReset, stage: .appOTP))
        case .decoy:
            // Unknown IDs look like a code was sent; no code can ever match.
            let session = try startFlow(userID: userID, purpose: .passwordReset, stage: .decoy)
            let rule = configuration.emailOTP
            return .emailOTPSent(session, EmailOTPNotice(sentTo: "your registered email address", sentAt: now,
                                                         expiresAt: now.addingTimeInterval(rule.validity),
                                                         nextRequestAt: now.addingTimeInterval(rule.resendInterval), newlySent: true))
        case .email(let account):
            let session = try startFlow(userID: userID, purpose: .passwordReset, stage: .emailOTP)
            let (outcome, mail) = try store.write { tx in
                try issueEmailCode(tx, account: account, purpose: .passwordReset, now: now)
            }
            switch deliver(mail, outcome, userID: userID) {
            case .sent(let notice), .throttled(let notice, _):
                return .emailOTPSent(session, notice)
            }
        }
    }

    /// The new password, twice (SUBMIT), once the code was accepted.
    public func completePasswordReset(_ session: FlowSession, newPassword: String, confirmation: String) throws -> PasswordChangeOutcome {
        let flow = try flow(session)
        guard flow.purpose == .passwordReset, flow.stage == .choosePassword else {
            throw EngineError.wrongStage("the one-time password has not been accepted yet")
        }
        let outcome = try setPassword(userID: flow.userID, newPassword: newPassword, confirmation: confirmation,
                                      reason: "set through Forgot/Reset your Password")
        if outcome == .changed { endFlow(session) }
        return outcome
    }
}
