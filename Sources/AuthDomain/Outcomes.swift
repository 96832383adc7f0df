import Foundation

/// A flow in progress (a logon, a password reset, authentication settings), held by the
/// engine that started it. The token is random; the user ID is what was typed.
public struct FlowSession: Sendable, Hashable {
    public let token: String
    public let userID: String

    package init(token: String, userID: String) {
        self.token = token
        self.userID = userID
    }
}

/// What a screen asking for a code needs to know about it: how many digits, and from where.
public struct OTPPrompt: Sendable, Equatable {
    public enum Source: Sendable, Equatable { case app, email }
    public let source: Source
    public let digits: Int

    package init(source: Source, digits: Int) {
        self.source = source
        self.digits = digits
    }
}

/// Where a logon with user ID and password leads (s4, Appendix C).
public enum LogonOutcome: Sendable, Equatable {
    /// First logon after the password was set: REGISTER DEVICE or SKIP THIS STEP.
    case setUpOTPChannel(FlowSession)
    case enterAppOTP(FlowSession, OTPPrompt)
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
    public let sentTo: String
    public let sentAt: Date
    public package(set) var expiresAt: Date
    /// No new code may be requested before this moment.
    public package(set) var nextRequestAt: Date
    /// False when the code sent earlier is still unused and valid: no new code was sent.
    public let newlySent: Bool
    /// The code's shape, from the engine's rule.
    public let digits: Int
    /// Set when delivery failed somewhere (a mail server down: the code is still in the Maildir).
    public var deliveryProblem: String?
    /// False when the mail reached nobody: the code was withdrawn, and a new one may be
    /// requested at once.
    public package(set) var delivered = true

    package init(sentTo: String, sentAt: Date, expiresAt: Date, nextRequestAt: Date, newlySent: Bool, digits: Int,
                 deliveryProblem: String? = nil) {
        self.sentTo = sentTo
        self.sentAt = sentAt
        self.expiresAt = expiresAt
        self.nextRequestAt = nextRequestAt
        self.newlySent = newlySent
        self.digits = digits
        self.deliveryProblem = deliveryProblem
    }

    /// How long the code is valid, in whole minutes (5 in the package).

    public var validMinutes: Int { Int((expiresAt.timeIntervalSince(sentAt) / 60).rounded()) }

    public var prompt: OTPPrompt { OTPPrompt(source: .email, digits: digits) }

    /// The wait before a new code may be requested; none when this one was never delivered.
    public func secondsUntilNextRequest(at now: Date) -> Int {
        guard delivered else { return 0 }
        return max(0, Int(nextRequestAt.timeIntervalSince(now).rounded(.up)))
    }
}

public enum EmailOTPRequestOutcome: Sendable, Equatable {
    case sent(EmailOTPNotice)
    /// The code sent earlier is unused and still valid, and the resend wait is not over.
    case throttled(EmailOTPNotice, seconds: Int)

    public var notice: EmailOTPNotice {
        switch self {
        case .sent(let notice), .throttled(let notice, _): notice
        }
    }
}

/// A live logon: who it is, held by the engine that made it. Nothing here can be changed by
/// a caller; operations that act for someone find the actor again by `session`.
public struct LogonSuccess: Sendable, Equatable {
    public let session: ActorSession
    public let userID: String
    public let role: AccountRole
    public let clearingHouse: ClearingHouse
    public let participantID: String
    public let loggedOnAt: Date
    /// The logon before this one, for "last logon" on the first screen.
    public let previousLogonAt: Date?
    public let method: LogonMethod

    package init(session: ActorSession, userID: String, role: AccountRole, clearingHouse: ClearingHouse, participantID: String,
                 loggedOnAt: Date, previousLogonAt: Date?, method: LogonMethod) {
        self.session = session
        self.userID = userID
        self.role = role
        self.clearingHouse = clearingHouse
        self.participantID = participantID
        self.loggedOnAt = loggedOnAt
        self.previousLogonAt = previousLogonAt
        self.method = method
    }

    public var kind: AccountKind { role.kind }
    public var participantKey: String { "\(clearingHouse.rawValue):\(participantID)" }
}

/// The engine's handle on a live logon (random, unguessable). Operations that act for a
/// logged-on person take it and look the person up again.
public struct ActorSession: Sendable, Hashable {
    public let token: String
    package init(token: String) { self.token = token }
}

/// Who asks for an administrative operation: a person logged on to DMS, or HKEX processing an
/// eService request (the `hkex` console).
public enum Actor: Sendable, Equatable {
    case dms(ActorSession)
    case hkex(operatorName: String)
}

/// How a logon proved the second factor; the raw value is its id, `label` what screens show.
public enum LogonMethod: String, Sendable, Equatable, CaseIterable, Codable {
    case appOTP = "app-otp"
    case emailOTP = "email-otp"
    case smartcard

    public var label: String {
        switch self {
        case .appOTP: "2FA (authenticator app)"
        case .emailOTP: "2FA (email OTP)"
        case .smartcard: "smartcard"
        }
    }
}

/// What a submitted OTP led to, in the flow it was typed in: `Next` is where that flow goes on
/// (`LogonStep` in a logon, `ResetStep` in a password reset, `SettingsStep` in authentication
/// settings), so a screen is never handed a step of another flow. A used or an expired code
/// counts like a wrong one towards the three wrong OTPs that make one failed logon.
public enum CodeOutcome<Next: Sendable & Equatable>: Sendable, Equatable {
    case accepted(Next)
    /// Wrong code; `remaining` more wrong codes before it counts as a failed logon.
    case wrong(remaining: Int)
    /// The email code is older than its validity: request a new one.
    case expired(remaining: Int)
    /// A code (or time step) that was already used.
    case replayed(remaining: Int)
    /// Not the right shape (digits and length); nothing was counted.
    case malformed(expectedDigits: Int)
    /// The third wrong code: counted as one failed logon; the flow is over.
    case countedAsFailedLogon(lockedNow: Bool)
    case locked

    /// The same outcome with the accepted step given in another type.
    public func map<Other>(_ step: (Next) throws -> Other) rethrows -> CodeOutcome<Other> {
        switch self {
        case .accepted(let next): .accepted(try step(next))
        case .wrong(let remaining): .wrong(remaining: remaining)
        case .expired(let remaining): .expired(remaining: remaining)
        case .replayed(let remaining): .replayed(remaining: remaining)
        case .malformed(let digits): .malformed(expectedDigits: digits)
        case .countedAsFailedLogon(let lockedNow): .countedAsFailedLogon(lockedNow: lockedNow)
        case .locked: .locked
        }
    }
}

/// A code of any flow, as the engine's own `submitOTP` answers it.
public typealias OTPOutcome = CodeOutcome<OTPNext>

public enum OTPNext: Sendable, Equatable {
    case loggedOn(LogonSuccess)
    /// Password reset: the code proved the user; now choose the new password.
    case choosePassword(FlowSession)
    /// Authentication settings are open.
    case authenticationSettings(FlowSession)
    /// Both factors were right, but the logon is not allowed here (DMS for a user).
    case refused(Refusal)
}

/// Where an accepted code leads in a logon.
public enum LogonStep: Sendable, Equatable {
    case loggedOn(LogonSuccess)
    /// Both factors were right, but the logon is not allowed here (DMS for a user).
    case refused(Refusal)
}

/// Where an accepted code leads in Forgot/Reset your Password: choosing the new password.
public enum ResetStep: Sendable, Equatable {
    case choosePassword(FlowSession)
}

/// Where an accepted code leads in AUTHENTICATION SETTINGS: the settings are open.
public enum SettingsStep: Sendable, Equatable {
    case authenticationSettings(FlowSession)
}

/// Forgot/Reset your Password, first step.
public enum ResetStart: Sendable, Equatable {
    case emailOTPSent(FlowSession, EmailOTPNotice)
    case enterAppOTP(FlowSession, OTPPrompt)
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
    case enterAppOTP(FlowSession, OTPPrompt)
    /// Only accounts with a registered device can use the self-service settings.
    case askDelegatedAdministrator(AccountKind)
    case invalid
    case locked
    case disabled
}

/// What AUTHENTICATION SETTINGS changed.
public enum SettingsChange: Sendable, Equatable {
    /// x Delete: the registered device is gone; the next logon sets up the OTP channel again.
    case deviceDeleted
    /// OATH switched off: codes come by email from the next logon.
    case oathDisabled
}

public enum SmartcardOutcome: Sendable, Equatable {
    case loggedOn(LogonSuccess)
    /// The smartcard was right, but the logon is not allowed here (DMS for a user).
    case refused(Refusal)
    case invalid
    case locked
    case disabled
}

/// What REGISTER DEVICE shows: the QR payload and the key for manual entry with its type.
public struct DeviceRegistration: Sendable, Equatable {
    /// The otpauth:// URI the QR code holds.
    public let uri: String
    public let issuer: String
    public let accountName: String
    /// Base32 secret in groups of four for typing into an app.
    public let manualKey: String
    public let digits: Int
    public let period: Int
    public let algorithm: String
    /// The same key as the last time REGISTER DEVICE was shown (it is kept until a code
    /// confirms it): an app that scanned it then shows its codes.
    public let shownBefore: Bool

    package init(uri: String, issuer: String, accountName: String, manualKey: String, digits: Int, period: Int, algorithm: String,
                 shownBefore: Bool = false) {
        self.shownBefore = shownBefore
        self.uri = uri
        self.issuer = issuer
        self.accountName = accountName
        self.manualKey = manualKey
        self.digits = digits
        self.period = period
        self.algorithm = algorithm
    }

    /// "Time-based, SHA1, 6 digits, every 30 s": what an app asks when the key is typed.
    public var keyType: String { "Time-based, \(algorithm), \(digits) digits, every \(period) s" }
    public var prompt: OTPPrompt { OTPPrompt(source: .app, digits: digits) }

    /// "ABCD EFGH ..." from a Base32 key.
    package static func groups(_ key: String) -> String {
        stride(from: 0, to: key.count, by: 4).map { offset in
            let start = key.index(key.startIndex, offsetBy: offset)
            return String(key[start..<(key.index(start, offsetBy: 4, limitedBy: key.endIndex) ?? key.endIndex)])
        }.joined(separator: " ")
    }
}
