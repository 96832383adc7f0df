import Foundation

extension AuthEngine {
    /// The checks a screen can make before submitting: both entries equal and every policy
    /// rule met. Nil when the new password may be submitted.
    public func precheckNewPassword(userID: String, newPassword: String, confirmation: String) -> PasswordChangeOutcome? {
        let failures = policy.failures(newPassword, context: PasswordContext(userID: Self.normalise(userID)))
        if !failures.isEmpty { return .rejected(failures) }
        if newPassword != confirmation { return .mismatch }
        return nil
    }

    /// Sets a new regular password after the policy, the confirmation and "differs from the
    /// current one" hold. The KDF runs outside the write transaction.
    func setPassword(userID: String, newPassword: String, confirmation: String, source: PasswordSource) throws -> PasswordChangeOutcome {
        let reason = source.label
        if let refusal = precheckNewPassword(userID: userID, newPassword: newPassword, confirmation: confirmation) {
            try store.write { try audit($0, .passwordChangeRefused, userID, "\(reason): \(Self.describe(refusal))") }
            return refusal
        }
        let current = try store.read { try $0.account(userID) }?.passwordHash
        if let current, let stored = PasswordHash(encoded: current),
           try configuration.hasher.verify(newPassword, against: stored) {
            try store.write { try audit($0, .passwordChangeRefused, userID, "\(reason): same as the current password") }
            return .sameAsCurrent
        }
        let fresh = try configuration.hasher.hash(newPassword)
        let now = clock.now()
        try store.write { tx in
            guard var account = try tx.account(userID) else { throw EngineError.sessionEnded }
            account.passwordHash = fresh.encoded
            account.passwordChangedAt = now
            try tx.save(account)
            try audit(tx, .passwordChanged, userID, reason, facts: AuditFacts(passwordSource: source))
        }
        return .changed
    }

    static func describe(_ outcome: PasswordChangeOutcome) -> String {
        switch outcome {
        case .rejected(let rules): return "fails " + rules.map(\.id).joined(separator: ", ")
        case .mismatch: return "the two entries differ"
        default: return "\(outcome)"
        }
    }

    /// Change Password (Appendix D a): new password twice, then the current one. A wrong
    /// current password counts as a failed logon.
    public func changePassword(userID typed: String, currentPassword: String, newPassword: String,
                               confirmation: String, service: ServiceHours.Service = .terminal) throws -> PasswordChangeOutcome {
        try requireOpen(service)
        try requireTwoFactorInService()
        let userID = Self.normalise(typed)
        switch try checkPassword(userID: userID, password: currentPassword, context: "change password") {
        case .invalid: return .invalidCredentials
        case .locked: return .locked
        case .disabled: return .disabled
        case .ok:
            return try setPassword(userID: userID, newPassword: newPassword, confirmation: confirmation,
                                   source: .user)
        }
    }
}
