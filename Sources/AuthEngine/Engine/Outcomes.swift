import Foundation

/// A flow in progress (a logon, a password reset, authentication settings), held by the
/// engine that started it. The token is random; the user ID is what was typed.
public struct FlowSession: Sendable, Hashable {
    public let token: String
    public let userID: String
}

/// Where a logon with user ID and password leads (s4, Appendix C).
public enum LogonOutcome: Sendable, Equatable {
    /// First logon after the password was set: REGISTER DEVICE or SKIP THIS STEP.
    case setUpOTPChannel(FlowSession)
    case enterAppOTP(FlowSession)
    case enterEmailOTP(FlowSession, EmailOTPNotice)
    /// The password is older than the policy allows: change it now, then logon continues.
    case passwordExpired(FlowSession)
    case locked
    case disabled
    /// Unknown user ID or wrong password: the same outcome, after the same work.
    case invalid
}

/// What the engine says about the newest email code of a flow.
public struct EmailOTPNotice: Sendable, Equatable {
    /// The registered address, partly masked, e.g. "j***e@example.com".
    public var sentTo: String
    public var sentAt: Date
    public var expiresAt: Date
    /// No new code may be requested before this moment.
    public var nextRequestAt: Date
    /// False when the code sent earlier still stands (throttled).
    public var newlySent: Bool
    /// Set when delivery failed; the code is still recorded.
    public var deliveryProblem: String?

    public func secondsUntilNextRequest(at now: Date) -> Int {
        max(0, Int(nextRequestAt.timeIntervalSince(now).rounded(.up)))
    }
}

public enum EmailOTPRequestOutcome: Sendable, Equatable {
    case sent(EmailOTPNotice)
    /// A code was sent less than the resend interval ago: wait `seconds`.
    case throttled(EmailOTPNotice, seconds: Int)
}

public struct LogonSuccess: Sendable, Equatable {
    public var userID: String
    public var kind: AccountKind
    public var isMaker: Bool
    public var isChecker: Bool
    public var clearingHouse: ClearingHouse
    public var participantID: String
    public var loggedOnAt: Date
    /// The logon before this one, for "last logon" on the first screen.
    public var previousLogonAt: Date?
    public var method: LogonMethod
}

public enum LogonMethod: String, Sendable, Equatable {
    case appOTP = "2FA (authenticator app)"
    case emailOTP = "2FA (email OTP)"
    case smartcard = "smartcard"
}

/// What a submitted OTP led to.
public enum OTPOutcome: Sendable, Equatable {
    case accepted(OTPNext)
    /// Wrong code; `remaining` more wrong codes before it counts as a failed logon.
    case wrong(remaining: Int)
    /// The email code is older than its validity: request a new one.
    case expired
    /// A code (or time step) that was already used.
    case replayed
    /// Not the right shape (digits and length); nothing was counted.
    case malformed(String)
    /// The third wrong code: counted as one failed logon; the flow is over.
    case countedAsFailedLogon(lockedNow: Bool)
    case locked
}

public enum OTPNext: Sendable, Equatable {
    case loggedOn(LogonSuccess)
    /// Password reset: the code proved the user; now choose the new password.
    case choosePassword(FlowSession)
    /// Authentication settings are open.
    case authenticationSettings(FlowSession)
}

/// Forgot/Reset your Password, first step.
public enum ResetStart: Sendable, Equatable {
    case emailOTPSent(FlowSession, EmailOTPNotice)
    case enterAppOTP(FlowSession)
    /// Email-OTP accounts cannot reset themselves: a DA (users) or HKEX via eService DA3 (DAs) must.
    case askDelegatedAdministrator(AccountKind)
    /// No email registered, so no code can be sent (s3.1).
    case noEmailRegistered(AccountKind)
    case locked
    case disabled
}

public enum PasswordChangeOutcome: Sendable, Equatable {
    case changed
    /// The two entries differ.
    case mismatch
    /// Policy rules the new password fails, by name.
    case rejected([PasswordRule])
    case sameAsCurrent
    /// Wrong current password or unknown user ID (counted as a failed logon).
    case invalidCredentials
    case locked
    case disabled
}

public enum ExpiredPasswordChange: Sendable, Equatable {
    case notChanged(PasswordChangeOutcome)
    /// Changed; the logon continues with the OTP step.
    case changed(next: LogonOutcome)
}

/// Authentication settings (Appendix D d), first step.
public enum SettingsStart: Sendable, Equatable {
    case enterAppOTP(FlowSession)
    /// Only accounts with a registered device can use the self-service settings.
    case askDelegatedAdministrator(AccountKind)
    case invalid
    case locked
    case disabled
}

public enum SmartcardOutcome: Sendable, Equatable {
    case loggedOn(LogonSuccess)
    case invalid
    case locked
    case disabled
}

/// What REGISTER DEVICE shows: the QR payload and the key for manual entry.
public struct DeviceRegistration: Sendable, Equatable {
    public var uri: OTPAuthURI
    public var issuer: String { uri.issuer ?? "" }
    public var accountName: String { uri.account }
    /// Base32 secret in groups of four for typing into an app.
    public var manualKey: String {
        let key = Base32.encode(uri.secret)
        return stride(from: 0, to: key.count, by: 4).map { offset in
            let start = key.index(key.startIndex, offsetBy: offset)
            return String(key[start..<(key.index(start, offsetBy: 4, limitedBy: key.endIndex) ?? key.endIndex)])
        }.joined(separator: " ")
    }
}
