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

    /// Issues a new code unless one was sent within the resend interval. Runs inside the
    /// caller's transaction; returns the mail to send once that transaction has committed.
    func issueEmailCode(_ tx: StoreTransaction, account: Account, purpose: EmailCodePurpose,
                        now: Date) throws -> (EmailOTPRequestOutcome, MailMessage?) {
        let rule = configuration.emailOTP
        guard let address = account.email else {
            throw EngineError.invalid("No email address is registered for \(account.userID).")
        }
        if let previous = try tx.emailCode(account.userID, purpose),
           now < previous.issuedAt.addingTimeInterval(rule.resendInterval) {
            let notice = EmailOTPNotice(sentTo: Self.mask(previous.sentTo), sentAt: previous.issuedAt,
                                        expiresAt: previous.expiresAt,
                                        nextRequestAt: previous.issuedAt.addingTimeInterval(rule.resendInterval),
                                        newlySent: false)
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
        let messageID = "\(try configuration.random.bytes(8).map { String(format: "%02x", $0) }.joined())@ccass-terminal.invalid"
        let mail = OTPMail.message(code: code, to: address, validFor: Int(rule.validity / 60), at: now, messageID: messageID)
        let notice = EmailOTPNotice(sentTo: Self.mask(address), sentAt: now, expiresAt: record.expiresAt,
                                    nextRequestAt: now.addingTimeInterval(rule.resendInterval), newlySent: true)
        return (.sent(notice), mail)
    }

    /// Sends a mail made inside a committed transaction; a failure is reported on the
    /// notice and in the audit log, and the code stays valid.
    func deliver(_ mail: MailMessage?, _ outcome: EmailOTPRequestOutcome, userID: String) -> EmailOTPRequestOutcome {
        guard let mail else { return outcome }
        do {
            try mailer.send(mail)
            return outcome
        } catch {
            let problem = "The OTP email could not be delivered: \(error)."
            try? store.write { try audit($0, .emailOTPDeliveryFailed, userID, "\(error)") }
            switch outcome {
            case .sent(var notice):
                notice.deliveryProblem = problem
                return .sent(notice)
            case .throttled(var notice, let seconds):
                notice.deliveryProblem = problem
                return .throttled(notice, seconds: seconds)
            }
        }
    }

    enum EmailCodeCheck { case valid, wrong, expired, used }

    /// Compares a submitted code with the newest one for the purpose (constant time, MACs).
    func checkEmailCode(_ tx: StoreTransaction, userID: String, purpose: EmailCodePurpose,
                        code: String, now: Date) throws -> EmailCodeCheck {
        guard let record = try tx.emailCode(userID, purpose) else { return .wrong }
        let matches = constantTimeEqual(Array(try tx.codeMAC(code, userID: userID, purpose: purpose)), Array(record.codeMAC))
        guard matches else { return .wrong }
        if record.consumed { return .used }
        if now >= record.expiresAt { return .expired }
        var consumed = record
        consumed.consumed = true
        try tx.save(consumed)
        return .valid
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
            return .superseded
        }
    }

    /// "Request a new one": a new email code for a flow waiting for one.
    public func requestEmailOTP(_ session: FlowSession) throws -> EmailOTPRequestOutcome {
        let flow = try flow(session)
        let now = clock.now()
        if flow.stage == .decoy {
            let notice = EmailOTPNotice(sentTo: "your registered email address", sentAt: now,
                                        expiresAt: now.addingTimeInterval(configuration.emailOTP.validity),
                                        nextRequestAt: now.addingTimeInterval(configuration.emailOTP.resendInterval), newlySent: true)
            return .sent(notice)
        }
        guard flow.stage == .emailOTP else { throw EngineError.wrongStage("no email code is expected") }
        let purpose: EmailCodePurpose = flow.purpose == .passwordReset ? .passwordReset : .logon
        let (outcome, mail) = try store.write { tx -> (EmailOTPRequestOutcome, MailMessage?) in
            guard let account = try tx.account(flow.userID) else { throw EngineError.unknownSession }
            return try issueEmailCode(tx, account: account, purpose: purpose, now: now)
        }
        return deliver(mail, outcome, userID: flow.userID)
    }
}
