import Foundation

/// s4.1.2 / s4.2.2: five consecutive failed logons within 30 minutes lock the account;
/// three consecutive wrong OTPs count as one failed logon; a successful logon starts afresh.
public struct LockoutRule: Sendable, Equatable {
    public var maxFailures = 5
    public var window: TimeInterval = 30 * 60
    public var otpFailuresPerLogonFailure = 3

    public init() {}

    /// The failures still inside the window at `now`.
    public func recentFailures(_ account: Account, at now: Date) -> [Date] {
        account.failedLogons.filter { now.timeIntervalSince($0) < window }
    }

    /// Records one failed logon; true when this failure locks the account.
    public func recordFailure(_ account: inout Account, at now: Date) -> Bool {
        account.failedLogons = recentFailures(account, at: now) + [now]
        account.otpFailures = 0
        guard !account.locked, account.failedLogons.count >= maxFailures else { return false }
        account.locked = true
        account.lockedAt = now
        return true
    }

    /// Records one wrong OTP; the third in a row becomes a failed logon.
    public func recordOTPFailure(_ account: inout Account, at now: Date) -> (countedAsLogonFailure: Bool, lockedNow: Bool) {
        account.otpFailures += 1
        guard account.otpFailures >= otpFailuresPerLogonFailure else { return (false, false) }
        return (true, recordFailure(&account, at: now))
    }

    public func recordSuccess(_ account: inout Account) {
        account.failedLogons = []
        account.otpFailures = 0
    }

    public func unlock(_ account: inout Account) {
        account.locked = false
        account.lockedAt = nil
        recordSuccess(&account)
    }
}

/// Email codes valid 5 minutes, a new one only 5 minutes after the previous (the package,
/// Appendix C); 8 digits, single use, only the newest counting (ours: the package gives no
/// length and says nothing of reuse).
public struct EmailOTPRule: Sendable, Equatable {
    public var digits = 8
    public var validity: TimeInterval = 5 * 60
    public var resendInterval: TimeInterval = 5 * 60

    public init() {}
}
