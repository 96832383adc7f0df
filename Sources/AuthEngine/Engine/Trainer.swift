import Foundation

extension AuthEngine {
    /// Why an account is where it is, for the trainer's panel: failures in the lockout window,
    /// OTP failures, the email code's time left and the resend wait, days to password expiry.
    public func trainerNotes(userID typed: String) throws -> [String] {
        let userID = Self.normalise(typed)
        let now = clock.now()
        return try store.read { tx -> [String] in
            guard let account = try tx.account(userID) else { return ["\(userID): no such account"] }
            var notes: [String] = []
            let rule = configuration.lockout
            var first = "\(userID) \(account.stateWithFlags)"
            first += " | failed logons \(rule.recentFailures(account, at: now).count)/\(rule.maxFailures) in 30 min"
            first += " | wrong OTPs \(account.otpFailures)/\(rule.otpFailuresPerLogonFailure)"
            notes.append(first)
            var second: [String] = []
            if let code = try tx.emailCode(userID, .logon) ?? tx.emailCode(userID, .passwordReset) {
                let left = Int(code.expiresAt.timeIntervalSince(now))
                second.append(code.consumed ? "email code used" : left > 0 ? "email code \(left / 60):\(String(format: "%02d", left % 60)) left" : "email code expired")
            }
            if let expiry = passwordExpiry(of: account) {
                // Days started count: 82.9 days left is "expires in 83 days".
                let days = Int((expiry.timeIntervalSince(now) / 86_400).rounded(.up))
                second.append(days > 0 ? "password expires in \(days) d" : "password expired")
            } else if account.passwordHash == nil {
                second.append("no password yet")
            }
            second.append(phase.rawValue)
            notes.append(second.joined(separator: " | "))
            return notes
        }
    }
}
