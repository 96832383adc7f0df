import Foundation

public enum AccountKind: String, Sendable, Codable, CaseIterable {
    case user
    case delegatedAdministrator = "da"
}

/// How an account receives its one-time passwords once 2FA is initialised.
public enum OTPChannel: String, Sendable, Codable {
    case app
    case email
}

/// The states of s4.3 a trainer talks about, derived from the account's fields.
public enum AccountState: String, Sendable, CaseIterable {
    /// Migrated with a smartcard and no email: 2FA cannot be initialised yet.
    case smartcardOnly = "smartcard-only"
    /// Email registered (or created after launch) but password and OTP channel not both set up.
    case notInitialised = "2fa-not-initialised"
    case app = "2fa-app"
    case email = "2fa-email"
}

/// One CCASS/CCMS or DMS account.
public struct Account: Sendable, Equatable, Codable {
    public var userID: String
    public var clearingHouse: ClearingHouse
    public var participantID: String
    public var kind: AccountKind
    /// DA roles (s5.1); false for users.
    public var isMaker: Bool
    public var isChecker: Bool
    public var email: String?

    /// The regular (2FA) password, as `PasswordHash.encoded`.
    public var passwordHash: String?
    public var passwordChangedAt: Date?
    public var otpChannel: OTPChannel?
    /// Confirmed authenticator seed, sealed with the store key.
    public var sealedSeed: Data?
    /// Seed shown on REGISTER DEVICE, until the first valid code confirms it.
    public var pendingSeed: Data?
    /// Highest TOTP step accepted so far: no code at or before it is accepted again.
    public var lastTOTPStep: Int64?
    public var riskAcceptedAt: Date?

    /// Smartcard data of migrated accounts (s4.3).
    public var smartcardSRN: String?
    public var certificateExpiry: Date?
    public var smartcardPasswordHash: String?

    public var locked: Bool
    public var lockedAt: Date?
    public var disabled: Bool
    /// Times of the consecutive failed logons since the last success.
    public var failedLogons: [Date]
    /// Consecutive wrong OTPs not yet counted as a failed logon.
    public var otpFailures: Int

    public var createdAt: Date
    public var lastLogonAt: Date?
    /// Business user groups (s5.1), comma-separated names; empty when none.
    public var businessGroups: String

    public init(userID: String, participant: Participant, kind: AccountKind, isMaker: Bool = false,
                isChecker: Bool = false, email: String?, createdAt: Date) {
        self.userID = userID
        clearingHouse = participant.clearingHouse
        participantID = participant.participantID
        self.kind = kind
        self.isMaker = isMaker
        self.isChecker = isChecker
        self.email = email
        locked = false
        disabled = false
        failedLogons = []
        otpFailures = 0
        self.createdAt = createdAt
        businessGroups = ""
    }

    public var participantKey: String { "\(clearingHouse.rawValue):\(participantID)" }

    public var state: AccountState {
        if passwordHash != nil, let otpChannel {
            return otpChannel == .app ? .app : .email
        }
        if smartcardSRN != nil, email == nil { return .smartcardOnly }
        return .notInitialised
    }

    public var twoFactorInitialised: Bool { state == .app || state == .email }

    public var hasSmartcard: Bool { smartcardSRN != nil && smartcardPasswordHash != nil }

    /// When the regular password expires under a policy with a maximum age.
    public func passwordExpiry(maxAge: TimeInterval?) -> Date? {
        guard let maxAge, let changed = passwordChangedAt else { return nil }
        return changed.addingTimeInterval(maxAge)
    }

    public var roleDescription: String {
        switch kind {
        case .user: return "User"
        case .delegatedAdministrator:
            switch (isMaker, isChecker) {
            case (true, true): return "DA (maker, checker)"
            case (true, false): return "DA (maker)"
            case (false, true): return "DA (checker)"
            case (false, false): return "DA"
            }
        }
    }
}

/// The reference package's audit vocabulary: one entry per security event, never a secret.
public enum AuditEvent: String, Sendable, Codable, CaseIterable {
    case logonSucceeded = "logon.success"
    case logonFailed = "logon.failure"
    case logonRefusedLocked = "logon.refused.locked"
    case logonRefusedDisabled = "logon.refused.disabled"
    case smartcardLogonSucceeded = "smartcard.success"
    case smartcardLogonFailed = "smartcard.failure"
    case otpFailed = "otp.failure"
    case otpReplayRefused = "otp.replay"
    case otpFailuresCountedAsLogonFailure = "otp.failures-counted"
    case accountLocked = "account.locked"
    case accountUnlocked = "account.unlocked"
    case emailOTPIssued = "email-otp.issued"
    case emailOTPThrottled = "email-otp.throttled"
    case emailOTPDeliveryFailed = "email-otp.delivery-failed"
    case passwordResetStarted = "reset.started"
    case passwordResetRefused = "reset.refused"
    case passwordChanged = "password.changed"
    case passwordChangeRefused = "password.change-refused"
    case passwordRehashed = "password.rehashed"
    case deviceRegistrationStarted = "enrolment.started"
    case deviceRegistered = "enrolment.confirmed"
    case riskAccepted = "enrolment.skipped-risk-accepted"
    case deviceDeleted = "settings.device-deleted"
    case oathDisabled = "settings.oath-disabled"
    case otpRegistrationReset = "admin.otp-registration-reset"
    case accountCreated = "admin.account-created"
    case accountChanged = "admin.account-changed"
    case participantCreated = "admin.participant-created"
    case changeSubmitted = "dms.change-submitted"
    case changeAuthorised = "dms.change-authorised"
    case changeRefused = "dms.change-refused"
    case profileViewed = "dms.profile-viewed"
    case listingViewed = "dms.listing-viewed"
    case listingExported = "dms.listing-exported"
}

public struct AuditEntry: Sendable, Equatable, Codable {
    public var id: Int64?
    public var at: Date
    public var userID: String?
    public var event: AuditEvent
    public var detail: String
    public var terminal: String
}
