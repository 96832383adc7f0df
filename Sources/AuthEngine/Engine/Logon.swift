import Foundation

extension AuthEngine {
    enum PasswordCheck {
        case ok(Account)
        case invalid
        case locked
        case disabled
    }

    /// Which stored secret a check is against: the regular (2FA) password or the smartcard's.
    enum Secret {
        case password
        case smartcard

        func hash(of account: Account?) -> String? {
            switch self {
            case .password: account?.passwordHash
            case .smartcard: account?.smartcardPasswordHash
            }
        }
    }

    /// The account of a user ID, unless this engine serves a class seat and the account is
    /// another participant's: every way in by user ID (logon, smartcard, reset) asks here.
    func visibleAccount(_ tx: StoreTransaction, _ userID: String) throws -> Account? {
        guard let account = try tx.account(userID) else { return nil }
        if let seat = configuration.seatParticipant, account.participantKey != seat { return nil }
        return account
    }

    /// Runs the KDF for a typed secret against what an account stores, with the same work
    /// whatever the user ID (a dummy KDF for unknown IDs and missing records). Read, verify
    /// outside any transaction, then the caller writes: the one shape of every secret check.
    func verify(_ typed: String, _ secret: Secret, userID: String) throws -> (before: Account?, verified: Bool, stored: PasswordHash?) {
        let before = try store.read { try visibleAccount($0, userID) }
        let stored = secret.hash(of: before).flatMap(PasswordHash.init(encoded:))
        // A hash that is there but cannot be read is a damaged store, not a wrong password.
        if secret.hash(of: before) != nil, stored == nil {
            throw EngineError.storeFailure(.damaged(column: secret == .password ? "passwordHash" : "smartcardPasswordHash"))
        }
        let hasher = configuration.hasher
        guard let stored else {
            try hasher.dummyVerify(typed)
            return (before, false, nil)
        }
        return (before, try hasher.verify(typed, against: stored), stored)
    }

    /// Verifies a secret and records the result in one write: one audit row, a failure
    /// counted towards the lockout (s4.1.2), locked and disabled accounts refused.
    func checkSecret(_ typed: String, _ secret: Secret, userID typedID: String, context: String,
                     failedEvent: AuditEvent = .logonFailed) throws -> PasswordCheck {
        let userID = Self.normalise(typedID)
        let (before, verified, stored) = try verify(typed, secret, userID: userID)
        let now = clock.now()
        let result: PasswordCheck = try store.write { tx in
            guard before != nil, var account = try visibleAccount(tx, userID) else {
                try audit(tx, failedEvent, Self.auditable(userID), "\(context): unknown user ID")
                return .invalid
            }
            if account.locked {
                try audit(tx, .logonRefusedLocked, userID, context)
                return .locked
            }
            // A secret changed by another terminal since it was read is not the one verified.
            guard verified, secret.hash(of: account) == secret.hash(of: before) else {
                let lockedNow = configuration.lockout.recordFailure(&account, at: now)
                try tx.save(account)
                let count = configuration.lockout.recentFailures(account, at: now).count
                let why = secret.hash(of: account) == nil ? "no \(secret == .password ? "password" : "smartcard") set" : "wrong \(secret == .password ? "password" : "smartcard password")"
                try audit(tx, failedEvent, userID, "\(context): \(why) (\(count) of \(configuration.lockout.maxFailures) in 30 min)")
                if lockedNow { try audit(tx, .accountLocked, userID, "\(configuration.lockout.maxFailures) consecutive failed logons") }
                return .invalid
            }
            if account.disabled {
                try audit(tx, .logonRefusedDisabled, userID, context)
                return .disabled
            }
            return .ok(account)
        }
        if case .ok(let account) = result, let stored, configuration.hasher.needsRehash(stored) {
            try rehash(typed, secret, account: account, from: stored)
        }
        return result
    }

    /// Stores a verified secret again at the policy's cost (OWASP: rehash on logon).
    private func rehash(_ typed: String, _ secret: Secret, account: Account, from stored: PasswordHash) throws {
        let fresh = try configuration.hasher.hash(typed)
        try store.write { tx in
            guard var current = try tx.account(account.userID), secret.hash(of: current) == secret.hash(of: account) else { return }
            switch secret {
            case .password: current.passwordHash = fresh.encoded
            case .smartcard: current.smartcardPasswordHash = fresh.encoded
            }
            try tx.save(current)
            try audit(tx, .passwordRehashed, account.userID, "PBKDF2 cost \(stored.iterations) -> \(fresh.iterations)")
        }
    }

    func checkPassword(userID: String, password: String, context: String) throws -> PasswordCheck {
        try checkSecret(password, .password, userID: userID, context: context)
    }

    /// LOG IN with User ID and Password, on the terminal or DMS.
    public func logon(userID: String, password: String, service: ServiceHours.Service = .terminal) throws -> LogonOutcome {
        try requireOpen(service)
        try requireTwoFactorInService()
        switch try checkPassword(userID: userID, password: password, context: "logon") {
        case .invalid: return .invalid
        case .locked: return .locked
        case .disabled: return .disabled
        case .ok(let account):
            if let expiry = passwordExpiry(of: account), clock.now() >= expiry {
                return .passwordExpired(try startFlow(userID: account.userID, purpose: .logon, stage: .passwordExpired, service: service))
            }
            return try secondFactorStep(for: account, session: nil, service: service)
        }
    }

    /// After the password: channel setup, the app code, or an email code (sent now unless the
    /// one sent earlier is unused and still valid).
    func secondFactorStep(for account: Account, session existing: FlowSession?, service: ServiceHours.Service) throws -> LogonOutcome {
        func session(_ stage: FlowStage) throws -> FlowSession {
            if let existing {
                setStage(existing, stage)
                return existing
            }
            return try startFlow(userID: account.userID, purpose: .logon, stage: stage, service: service)
        }
        switch account.state {
        case .app where account.sealedSeed != nil:
            return .enterAppOTP(try session(.appOTP), OTPPrompt(source: .app, digits: OneTimePassword.issued.digits))
        case .email:
            let notice = try requestCode(for: account.userID, purpose: .logon).notice
            return .enterEmailOTP(try session(.emailOTP), notice)
        default:
            return .setUpOTPChannel(try session(.channelSetup))
        }
    }

    /// SUBMIT on a screen of the logon: the code of the app, the email, or the device being
    /// registered. A session of another flow is refused before its code is looked at.
    public func submitLogonOTP(_ session: FlowSession, code: String) throws -> CodeOutcome<LogonStep> {
        try submitOTP(session, code: code, in: .logon).map { next in
            switch next {
            case .loggedOn(let success): .loggedOn(success)
            case .refused(let refusal): .refused(refusal)
            // A logon's accepted code logs on or is refused (`accept`); the purpose is checked above.
            case .choosePassword, .authenticationSettings: throw EngineError.wrongStep(.noOTPExpected)
            }
        }
    }

    /// SUBMIT in Forgot/Reset your Password: the code that proves the user.
    public func submitResetOTP(_ session: FlowSession, code: String) throws -> CodeOutcome<ResetStep> {
        try submitOTP(session, code: code, in: .passwordReset).map { next in
            guard case .choosePassword(let flow) = next else { throw EngineError.wrongStep(.noOTPExpected) }
            return .choosePassword(flow)
        }
    }

    /// SUBMIT in AUTHENTICATION SETTINGS: the app's code that opens the settings.
    public func submitSettingsOTP(_ session: FlowSession, code: String) throws -> CodeOutcome<SettingsStep> {
        try submitOTP(session, code: code, in: .authenticationSettings).map { next in
            guard case .authenticationSettings(let flow) = next else { throw EngineError.wrongStep(.noOTPExpected) }
            return .authenticationSettings(flow)
        }
    }

    private func submitOTP(_ session: FlowSession, code: String, in purpose: FlowPurpose) throws -> OTPOutcome {
        guard try flow(session).purpose == purpose else { throw EngineError.wrongStep(.noOTPExpected) }
        return try submitOTP(session, code: code)
    }

    /// SUBMIT / SUBMIT OTP: the code of whatever the flow is waiting for.
    public func submitOTP(_ session: FlowSession, code typed: String) throws -> OTPOutcome {
        let flow = try flow(session)
        let code = typed.filter { !$0.isWhitespace }
        let now = clock.now()
        let expectedDigits: Int
        switch flow.stage {
        case .appOTP, .deviceRegistration: expectedDigits = OneTimePassword.issued.digits
        case .emailOTP, .decoy: expectedDigits = configuration.emailOTP.digits
        default: throw EngineError.wrongStep(.noOTPExpected)
        }
        guard code.count == expectedDigits, code.allSatisfy(\.isASCIIDigit) else { return .malformed(expectedDigits: expectedDigits) }
        if flow.stage == .decoy { return decoyFailure(session) }
        let result: CodeResult = try store.write { tx in
            guard var account = try tx.account(flow.userID) else { throw EngineError.sessionEnded }
            if account.locked { return .notAccepted(.locked) }
            let check: CodeCheck
            switch flow.stage {
            case .appOTP:
                check = try checkTOTP(tx, &account, sealed: account.sealedSeed, code: code, now: now)
            case .deviceRegistration:
                check = try checkTOTP(tx, &account, sealed: account.pendingSeed, code: code, now: now)
            default:
                check = try checkEmailCode(tx, userID: account.userID, purpose: flow.purpose.emailCodePurpose, code: code, now: now)
            }
            if case .valid(let step) = check {
                account.otpFailures = 0
                return .accepted(try accept(tx, &account, flow: flow, step: step, now: now))
            }
            return .notAccepted(try countWrongCode(tx, &account, check, channel: flow.stage == .emailOTP ? "email" : "app", now: now))
        }
        // The transaction has committed: only now does the flow move on.
        switch result {
        case .notAccepted(let refused):
            switch refused {
            case .countedAsFailedLogon, .locked: endFlow(session)
            default: break
            }
            return refused
        case .accepted(.choosePassword):
            setStage(session, .choosePassword)
            return .accepted(.choosePassword(session))
        case .accepted(.settings):
            setStage(session, .settings)
            return .accepted(.authenticationSettings(session))
        case .accepted(.refused(let refusal)):
            endFlow(session)
            return .accepted(.refused(refusal))
        case .accepted(.loggedOn(let account, let previous, let method)):
            endFlow(session)
            let logon = try startLogon(userID: account.userID, service: flow.service, method: method)
            return .accepted(.loggedOn(LogonSuccess(session: logon, userID: account.userID, role: account.role,
                                                    clearingHouse: account.clearingHouse, participantID: account.participantID,
                                                    loggedOnAt: now, previousLogonAt: previous, method: method)))
        }
    }

    enum CodeResult {
        case accepted(Accepted)
        case notAccepted(OTPOutcome)
    }

    /// Where an accepted code leads, decided inside the transaction.
    enum Accepted {
        case choosePassword
        case settings
        case refused(Refusal)
        case loggedOn(Account, previous: Date?, method: LogonMethod)
    }

    /// A wrong, used or expired code: each counts once towards the three wrong OTPs that make
    /// one failed logon (s4.1.2); the third ends the flow.
    private func countWrongCode(_ tx: StoreTransaction, _ account: inout Account, _ check: CodeCheck, channel: String, now: Date) throws -> OTPOutcome {
        switch check {
        case .replayed: try audit(tx, .otpReplayRefused, account.userID, channel == "email" ? "email code already used" : "TOTP step already used")
        case .expired: try audit(tx, .otpFailed, account.userID, "expired email code")
        case .wrong, .valid: break
        }
        let counted = configuration.lockout.recordOTPFailure(&account, at: now)
        try tx.save(account)
        let rule = configuration.lockout
        try audit(tx, .otpFailed, account.userID, "\(channel) code (\(account.otpFailures) of \(rule.otpFailuresPerLogonFailure))")
        if counted.countedAsLogonFailure {
            try audit(tx, .otpFailuresCountedAsLogonFailure, account.userID, "\(rule.otpFailuresPerLogonFailure) wrong OTPs = 1 failed logon")
            if counted.lockedNow { try audit(tx, .accountLocked, account.userID, "\(rule.maxFailures) consecutive failed logons") }
            return .countedAsFailedLogon(lockedNow: counted.lockedNow)
        }
        let remaining = rule.otpFailuresPerLogonFailure - account.otpFailures
        switch check {
        case .replayed: return .replayed(remaining: remaining)
        case .expired: return .expired(remaining: remaining)
        case .wrong, .valid: return .wrong(remaining: remaining)
        }
    }

    /// A reset for an unknown user ID answers like a real one: three wrong codes, then over.
    private func decoyFailure(_ session: FlowSession) -> OTPOutcome {
        let limit = configuration.lockout.otpFailuresPerLogonFailure
        let failures = flows.withLock { flows -> Int in
            flows[session.token]?.decoyFailures += 1
            return flows[session.token]?.decoyFailures ?? limit
        }
        if failures >= limit {
            endFlow(session)
            return .countedAsFailedLogon(lockedNow: false)
        }
        return .wrong(remaining: limit - failures)
    }

    enum CodeCheck: Equatable {
        case valid(step: Int64?)
        case wrong
        case expired
        case replayed
    }

    func checkTOTP(_ tx: StoreTransaction, _ account: inout Account, sealed: Data?, code: String, now: Date) throws -> CodeCheck {
        guard let sealed else { return .wrong }
        var seed = try tx.openSeed(sealed, for: account.userID, column: sealed == account.pendingSeed ? "pendingSeed" : "sealedSeed")
        defer { wipe(&seed) }
        guard let step = try OneTimePassword.issued.matchingStep(code: code, secret: seed, at: now, window: configuration.totpWindow) else {
            return .wrong
        }
        if let last = account.lastTOTPStep, step <= last { return .replayed }
        return .valid(step: step)
    }

    /// A good code: finish the logon, move a reset on to the new password, or open settings.
    private func accept(_ tx: StoreTransaction, _ account: inout Account, flow: PendingFlow,
                        step: Int64?, now: Date) throws -> Accepted {
        if let step { account.lastTOTPStep = step }
        switch flow.purpose {
        case .passwordReset:
            try tx.save(account)
            return .choosePassword
        case .authenticationSettings:
            try tx.save(account)
            return .settings
        case .logon:
            // DMS is for Delegated Administrators (s4.1): anyone else is refused before logging on.
            if flow.service == .dms, account.kind != .delegatedAdministrator {
                try tx.save(account)
                try audit(tx, .dmsRefused, account.userID, "logon to DMS: not a Delegated Administrator")
                return .refused(.notADelegatedAdministrator(account.userID))
            }
            let method: LogonMethod
            switch flow.stage {
            case .deviceRegistration:
                account.sealedSeed = account.pendingSeed
                account.pendingSeed = nil
                account.otpChannel = .app
                try audit(tx, .deviceRegistered, account.userID, "authenticator app confirmed")
                method = .appOTP
            case .appOTP:
                method = .appOTP
            default:
                if account.otpChannel == nil {
                    account.otpChannel = .email
                    account.sealedSeed = nil
                    account.pendingSeed = nil
                }
                method = .emailOTP
            }
            configuration.lockout.recordSuccess(&account)
            let previous = account.lastLogonAt
            account.lastLogonAt = now
            try tx.save(account)
            try audit(tx, .logonSucceeded, account.userID, "\(method.label) to \(flow.service.rawValue)", facts: AuditFacts(method: method))
            return .loggedOn(account, previous: previous, method: method)
        }
    }

    /// The forced change after an expired password; then the logon goes on to the OTP step.
    public func changeExpiredPassword(_ session: FlowSession, newPassword: String, confirmation: String) throws -> ExpiredPasswordChange {
        let flow = try flow(session)
        guard flow.stage == .passwordExpired else { throw EngineError.wrongStep(.passwordNotExpired) }
        let outcome = try setPassword(userID: flow.userID, newPassword: newPassword, confirmation: confirmation, source: .expired)
        guard outcome == .changed else { return .notChanged(outcome) }
        guard let account = try store.read({ try $0.account(flow.userID) }) else { throw EngineError.sessionEnded }
        return .changed(next: try secondFactorStep(for: account, session: session, service: flow.service))
    }
}

extension AuthEngine.FlowPurpose {
    /// Each purpose has its own newest email code.
    var emailCodePurpose: EmailCodePurpose { self == .passwordReset ? .passwordReset : .logon }
}
