import Foundation

extension AuthEngine {
    enum PasswordCheck {
        case ok(Account)
        case invalid
        case locked
        case disabled
    }

    /// Verifies a regular password with the same work whatever the user ID: the KDF runs
    /// (a dummy one for unknown IDs and accounts without a password) and one audit row is
    /// written. A failure counts towards the lockout. Rehashes a record below the policy cost.
    func checkPassword(userID typed: String, password: String, context: String) throws -> PasswordCheck {
        let userID = Self.normalise(typed)
        let hasher = configuration.hasher
        let before = try store.read { try $0.account(userID) }
        let stored = before?.passwordHash.flatMap(PasswordHash.init(encoded:))
        let verified: Bool
        if let stored {
            verified = hasher.verify(password, against: stored)
        } else {
            hasher.dummyVerify(password)
            verified = false
        }
        let now = clock.now()
        let result: PasswordCheck = try store.write { tx in
            guard before != nil, var account = try tx.account(userID) else {
                try audit(tx, .logonFailed, Self.auditable(userID), "\(context): unknown user ID")
                return .invalid
            }
            if account.locked {
                try audit(tx, .logonRefusedLocked, userID, context)
                return .locked
            }
            // A password changed by another terminal since it was read is not the one verified.
            guard verified, account.passwordHash == before?.passwordHash else {
                let lockedNow = configuration.lockout.recordFailure(&account, at: now)
                try tx.save(account)
                let count = configuration.lockout.recentFailures(account, at: now).count
                let why = account.passwordHash == nil ? "no password set yet" : "wrong password"
                try audit(tx, .logonFailed, userID, "\(context): \(why) (\(count) of \(configuration.lockout.maxFailures) in 30 min)")
                if lockedNow { try audit(tx, .accountLocked, userID, "\(configuration.lockout.maxFailures) consecutive failed logons") }
                return .invalid
            }
            if account.disabled {
                try audit(tx, .logonRefusedDisabled, userID, context)
                return .disabled
            }
            return .ok(account)
        }
        if case .ok(let account) = result, let stored, hasher.needsRehash(stored) {
            let fresh = try hasher.hash(password)
            try store.write { tx in
                guard var current = try tx.account(account.userID), current.passwordHash == account.passwordHash else { return }
                current.passwordHash = fresh.encoded
                try tx.save(current)
                try audit(tx, .passwordRehashed, account.userID, "PBKDF2 cost \(stored.iterations) -> \(fresh.iterations)")
            }
        }
        return result
    }

    /// LOG IN with User ID and Password.
    public func logon(userID: String, password: String) throws -> LogonOutcome {
        try requireTwoFactorInService()
        switch try checkPassword(userID: userID, password: password, context: "logon") {
        case .invalid: return .invalid
        case .locked: return .locked
        case .disabled: return .disabled
        case .ok(let account):
            if let expiry = passwordExpiry(of: account), clock.now() >= expiry {
                return .passwordExpired(try startFlow(userID: account.userID, purpose: .logon, stage: .passwordExpired))
            }
            return try secondFactorStep(for: account, session: nil)
        }
    }

    /// After the password: channel setup, the app code, or an email code sent now.
    func secondFactorStep(for account: Account, session existing: FlowSession?) throws -> LogonOutcome {
        func session(_ stage: FlowStage) throws -> FlowSession {
            if let existing {
                setStage(existing, stage)
                return existing
            }
            return try startFlow(userID: account.userID, purpose: .logon, stage: stage)
        }
        switch account.otpChannel {
        case .app where account.sealedSeed != nil:
            return .enterAppOTP(try session(.appOTP))
        case .email:
            let flowSession = try session(.emailOTP)
            let notice = try sendLogonCode(userID: account.userID)
            return .enterEmailOTP(flowSession, notice)
        default:
            return .setUpOTPChannel(try session(.channelSetup))
        }
    }

    /// Sends (or, while throttled, points to) the logon email code.
    func sendLogonCode(userID: String) throws -> EmailOTPNotice {
        let now = clock.now()
        let (outcome, mail) = try store.write { tx -> (EmailOTPRequestOutcome, MailMessage?) in
            guard let account = try tx.account(userID) else { throw EngineError.unknownSession }
            return try issueEmailCode(tx, account: account, purpose: .logon, now: now)
        }
        switch deliver(mail, outcome, userID: userID) {
        case .sent(let notice), .throttled(let notice, _): return notice
        }
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
        default: throw EngineError.wrongStage("no one-time password is expected")
        }
        guard code.count == expectedDigits, code.allSatisfy(\.isASCIIDigit) else {
            return .malformed("The OTP is \(expectedDigits) digits.")
        }
        if flow.stage == .decoy { return decoyFailure(session) }
        let outcome: OTPOutcome = try store.write { tx in
            guard var account = try tx.account(flow.userID) else { throw EngineError.unknownSession }
            if account.locked { return .locked }
            let check: CodeCheck
            switch flow.stage {
            case .appOTP:
                check = try checkTOTP(tx, &account, sealed: account.sealedSeed, code: code, now: now)
            case .deviceRegistration:
                check = try checkTOTP(tx, &account, sealed: account.pendingSeed, code: code, now: now)
            default:
                let purpose: EmailCodePurpose = flow.purpose == .passwordReset ? .passwordReset : .logon
                switch try checkEmailCode(tx, userID: account.userID, purpose: purpose, code: code, now: now) {
                case .valid: check = .valid(step: nil)
                case .wrong: check = .wrong
                case .expired: check = .expired
                case .used: check = .replayed
                }
            }
            switch check {
            case .valid(let step):
                account.otpFailures = 0
                return try accept(tx, &account, flow: flow, session: session, step: step, now: now)
            case .expired:
                try tx.save(account)
                try audit(tx, .otpFailed, account.userID, "expired email code")
                return .expired
            case .replayed, .wrong:
                if check == .replayed {
                    try audit(tx, .otpReplayRefused, account.userID, flow.stage == .emailOTP ? "email code already used" : "TOTP step already used")
                }
                let counted = configuration.lockout.recordOTPFailure(&account, at: now)
                try tx.save(account)
                try audit(tx, .otpFailed, account.userID, "\(flow.stage == .emailOTP ? "email" : "app") code (\(account.otpFailures) of \(configuration.lockout.otpFailuresPerLogonFailure))")
                if counted.countedAsLogonFailure {
                    try audit(tx, .otpFailuresCountedAsLogonFailure, account.userID,
                              "\(configuration.lockout.otpFailuresPerLogonFailure) wrong OTPs = 1 failed logon")
                    if counted.lockedNow {
                        try audit(tx, .accountLocked, account.userID, "\(configuration.lockout.maxFailures) consecutive failed logons")
                    }
                    return .countedAsFailedLogon(lockedNow: counted.lockedNow)
                }
                if check == .replayed { return .replayed }
                return .wrong(remaining: configuration.lockout.otpFailuresPerLogonFailure - account.otpFailures)
            }
        }
        switch outcome {
        case .countedAsFailedLogon, .locked: endFlow(session)
        case .accepted(.loggedOn): endFlow(session)
        default: break
        }
        return outcome
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
        var seed = try tx.openSeed(sealed, for: account.userID)
        defer { wipe(&seed) }
        guard let step = try OneTimePassword.issued.matchingStep(code: code, secret: seed, at: now, window: configuration.totpWindow) else {
            return .wrong
        }
        if let last = account.lastTOTPStep, step <= last { return .replayed }
        return .valid(step: step)
    }

    /// A good code: finish the logon, move a reset on to the new password, or open settings.
    private func accept(_ tx: StoreTransaction, _ account: inout Account, flow: PendingFlow, session: FlowSession,
                        step: Int64?, now: Date) throws -> OTPOutcome {
        if let step { account.lastTOTPStep = step }
        switch flow.purpose {
        case .passwordReset:
            try tx.save(account)
            setStage(session, .choosePassword)
            return .accepted(.choosePassword(session))
        case .authenticationSettings:
            try tx.save(account)
            setStage(session, .settings)
            return .accepted(.authenticationSettings(session))
        case .logon:
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
            try audit(tx, .logonSucceeded, account.userID, method.rawValue)
            return .accepted(.loggedOn(LogonSuccess(
                userID: account.userID, kind: account.kind, isMaker: account.isMaker, isChecker: account.isChecker,
                clearingHouse: account.clearingHouse, participantID: account.participantID,
                loggedOnAt: now, previousLogonAt: previous, method: method)))
        }
    }

    /// The forced change after an expired password; then the logon goes on to the OTP step.
    public func changeExpiredPassword(_ session: FlowSession, newPassword: String, confirmation: String) throws -> ExpiredPasswordChange {
        let flow = try flow(session)
        guard flow.stage == .passwordExpired else { throw EngineError.wrongStage("the password has not expired") }
        let outcome = try setPassword(userID: flow.userID, newPassword: newPassword, confirmation: confirmation, reason: "expired password changed")
        guard outcome == .changed else { return .notChanged(outcome) }
        guard let account = try store.read({ try $0.account(flow.userID) }) else { throw EngineError.unknownSession }
        return .changed(next: try secondFactorStep(for: account, session: session))
    }
}
