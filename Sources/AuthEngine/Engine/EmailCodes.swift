import Foundation

extension AuthEngine {
    /// "john.doe@example.com" -> "j******e@example.com"
    static func mask(_ email: String) -> String {
        guard let at = email.lastIndex(of: "@") else { return "your registered email address" }
        let local = email[..<at]
        let domain = email[at...]
        guard local.count > 2 else { return String(local.prefix(1)) + "*" + domain }
        return String(local.first!) + String(repeating: "*", count: local.count - 2) + String(local.last!) + domain
    }

    /// Issues a new code unless the newest one is unused, still valid and younger than the
    /// resend interval: then that code stands and nothing is sent (the notice says so). A used
    /// or expired code never holds up a new one. Runs inside the caller's transaction; returns
    /// the mail to send once that transaction has committed.
    func issueEmailCode(_ tx: StoreTransaction, account: Account, purpose: EmailCodePurpose,
                        now: Date) throws -> (EmailOTPRequestOutcome, MailMessage?) {
        let rule = configuration.emailOTP
        guard let address = account.email else { throw EngineError.noEmailRegistered(account.userID) }
        if let previous = try tx.emailCode(account.userID, purpose), !previous.consumed, now < previous.expiresAt,
           now < previous.issuedAt.addingTimeInterval(rule.resendInterval) {
            let notice = EmailOTPNotice(sentTo: Self.mask(previous.sentTo), sentAt: previous.issuedAt,
                                        expiresAt: previous.expiresAt,
                                        nextRequestAt: previous.issuedAt.addingTimeInterval(rule.resendInterval),
                                        newlySent: false, digits: rule.digits)
            try audit(tx, .emailOTPThrottled, account.userID, "\(purpose.rawValue); \(notice.secondsUntilNextRequest(at: now)) s to wait")
            return (.throttled(notice, seconds: notice.secondsUntilNextRequest(at: now)), nil)
        }
        let code = try SecureRandom.digits(rule.digits, from: configuration.random)
        let record = EmailCode(userID: account.userID, purpose: purpose,
                               codeMAC: try tx.codeMAC(code, userID: account.userID, purpose: purpose),
                               sentTo: address, issuedAt: now, expiresAt: now.addingTimeInterval(rule.validity),
                               consumed: false)
        try tx.save(record)
        try audit(tx, .emailOTPIssued, account.userID, "\(purpose.rawValue) code sent to \(Self.mask(address))")
        let mail = OTPMail.message(code: code, to: address, validFor: Int(rule.validity / 60), at: now, messageID: try messageID())
        let notice = EmailOTPNotice(sentTo: Self.mask(address), sentAt: now, expiresAt: record.expiresAt,
                                    nextRequestAt: now.addingTimeInterval(rule.resendInterval), newlySent: true, digits: rule.digits)
        return (.sent(notice), mail)
    }

    func messageID() throws -> String {
        "\(try configuration.random.bytes(8).map { String(format: "%02x", $0) }.joined())@ccass-terminal.invalid"
    }

    /// Issues (or points to) the account's code for a purpose and delivers it after the commit.
    func requestCode(for userID: String, purpose: EmailCodePurpose) throws -> EmailOTPRequestOutcome {
        let now = clock.now()
        let (outcome, mail) = try store.write { tx -> (EmailOTPRequestOutcome, MailMessage?) in
            guard let account = try tx.account(userID) else { throw EngineError.sessionEnded }
            return try issueEmailCode(tx, account: account, purpose: purpose, now: now)
        }
        return deliver(mail, outcome, userID: userID, purpose: purpose, issuedAt: now)
    }

    /// Sends a mail made inside a committed transaction. A mail that reached nobody withdraws
    /// its code (it expires at once, so the next request sends a new one rather than wait out
    /// the resend interval for a code nobody received); one the mail server did not take is
    /// still in the Maildir, and its code stands. The notice and the audit log say which.
    func deliver(_ mail: MailMessage?, _ outcome: EmailOTPRequestOutcome, userID: String, purpose: EmailCodePurpose,
                 issuedAt: Date) -> EmailOTPRequestOutcome {
        guard let mail else { return outcome }
        do {
            try mailer.send(mail)
            return outcome
        } catch {
            let keptInMaildir = error is SMTPMailer.Failure
            let problem = keptInMaildir ? "The OTP email could not be delivered: \(error)."
                                        : "The OTP email could not be delivered: \(StoreFault(error)). Please request a new OTP."
            try? store.write { tx in
                // The code this request issued (the store keeps dates to the millisecond).
                if !keptInMaildir, var record = try tx.emailCode(userID, purpose),
                   abs(record.issuedAt.timeIntervalSince(issuedAt)) < 0.001, !record.consumed {
                    record.expiresAt = issuedAt
                    try tx.save(record)
                }
                try audit(tx, .emailOTPDeliveryFailed, userID, keptInMaildir ? "\(error)" : "\(StoreFault(error))")
            }
            switch outcome {
            case .sent(var notice):
                notice.deliveryProblem = problem
                if !keptInMaildir {
                    notice.delivered = false
                    notice.expiresAt = issuedAt
                    notice.nextRequestAt = issuedAt
                }
                return .sent(notice)
            case .throttled(var notice, let seconds):
                notice.deliveryProblem = problem
                return .throttled(notice, seconds: seconds)
            }
        }
    }

    /// Compares a submitted code with the newest one for the purpose (constant time, MACs).
    func checkEmailCode(_ tx: StoreTransaction, userID: String, purpose: EmailCodePurpose,
                        code: String, now: Date) throws -> CodeCheck {
        guard let record = try tx.emailCode(userID, purpose) else { return .wrong }
        let matches = constantTimeEqual(Array(try tx.codeMAC(code, userID: userID, purpose: purpose)), Array(record.codeMAC))
        guard matches else { return .wrong }
        if record.consumed { return .replayed }
        if now >= record.expiresAt { return .expired }
        var consumed = record
        consumed.consumed = true
        try tx.save(consumed)
        try tx.recordUse(of: record, at: now)
        return .valid(step: nil)
    }

    /// Where an emailed code stands, for the trainer's inbox view.
    public enum EmailCodeStatus: Sendable, Equatable {
        case valid(until: Date)
        case expired
        case used
        /// A newer code was sent to the same account since: only the newest counts.
        case superseded
    }

    /// The status of a code sent to `address`, found by its MAC among the newest codes.
    public func emailCodeStatus(sentTo address: String, code: String) throws -> EmailCodeStatus {
        let now = clock.now()
        return try store.read { tx in
            for record in try tx.emailCodes(sentTo: address) {
                let mac = try tx.codeMAC(code, userID: record.userID, purpose: record.purpose)
                guard constantTimeEqual(Array(mac), Array(record.codeMAC)) else { continue }
                if record.consumed { return .used }
                return now >= record.expiresAt ? .expired : .valid(until: record.expiresAt)
            }
            // Not the newest code: used (it logged on, then a newer one was sent), or superseded.
            for used in try tx.usedEmailCodes(sentTo: address) {
                let mac = try tx.codeMAC(code, userID: used.userID, purpose: used.purpose)
                if constantTimeEqual(Array(mac), Array(used.codeMAC)) { return .used }
            }
            return .superseded
        }
    }

    /// "Request a new one": a new email code for a flow waiting for one.
    public func requestEmailOTP(_ session: FlowSession) throws -> EmailOTPRequestOutcome {
        let flow = try flow(session)
        if flow.stage == .decoy { return .sent(decoyNotice()) }
        guard flow.stage == .emailOTP else { throw EngineError.wrongStep(.noEmailCodeExpected) }
        return try requestCode(for: flow.userID, purpose: flow.purpose.emailCodePurpose)
    }

    /// What a reset for an unknown user ID says: like a code was sent; none can ever match.
    func decoyNotice() -> EmailOTPNotice {
        let now = clock.now(), rule = configuration.emailOTP
        return EmailOTPNotice(sentTo: "your registered email address", sentAt: now, expiresAt: now.addingTimeInterval(rule.validity),
                              nextRequestAt: now.addingTimeInterval(rule.resendInterval), newlySent: true, digits: rule.digits)
    }
}
