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

/// Where an account stands on the way to 2FA (s4.3, Appendix C), derived from its fields.
/// One name per state: `demo`, `users`, the trainer's panel, DMS and the class dashboard all
/// say these words.
public enum AccountState: String, Sendable, CaseIterable, Codable {
    /// Migrated with a smartcard and no email: 2FA cannot be initialised yet.
    case smartcardOnly = "smartcard-only"
    /// Email registered (or created after launch), no regular password yet.
    case notInitialised = "2fa-not-initialised"
    /// Regular password set, OTP channel not (or no longer) set up: the next logon sets it up.
    case passwordSet = "password-set"
    case app = "2fa-app"
    case email = "2fa-email"

    /// The password and an OTP channel are both set up.
    public var twoFactorInitialised: Bool { self == .app || self == .email }

    /// The state from the fields that decide it.
    public static func of(hasPassword: Bool, channel: OTPChannel?, hasSmartcard: Bool, hasEmail: Bool) -> AccountState {
        switch (hasPassword, channel) {
        case (true, .app?): return .app
        case (true, .email?): return .email
        case (true, nil): return .passwordSet
        case (false, _): return hasSmartcard && !hasEmail ? .smartcardOnly : .notInitialised
        }
    }
}

/// A profile's kind and DA roles (s5.1), as DMS and the listing name them.
public struct AccountRole: Sendable, Equatable, Hashable, Codable {
    public var kind: AccountKind
    public var isMaker: Bool
    public var isChecker: Bool

    public init(kind: AccountKind, isMaker: Bool = false, isChecker: Bool = false) {
        self.kind = kind
        self.isMaker = kind == .delegatedAdministrator && isMaker
        self.isChecker = kind == .delegatedAdministrator && isChecker
    }

    public static let user = AccountRole(kind: .user)

    public var description: String {
        switch kind {
        case .user: return "User"
        case .delegatedAdministrator:
            switch (isMaker, isChecker) {
            case (true, true): return "DA maker and checker"
            case (true, false): return "DA maker"
            case (false, true): return "DA checker"
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
    /// A DMS enquiry, listing or export refused (another participant, not a DA, wrong phase).
    case dmsRefused = "dms.refused"
    /// A wrong Checker ID or Authorization Code at a checker's confirmation.
    case authorisationFailed = "dms.authorisation-failed"
    case loggedOut = "logon.logout"
    /// An HKEX eService request (DA3, DA4) processed or refused.
    case eServiceProcessed = "hkex.eservice"
    case eServiceRefused = "hkex.eservice-refused"
}

public struct AuditEntry: Sendable, Equatable, Codable {
    public var id: Int64?
    public var at: Date
    /// Whose account the entry is about (the target of a DA's change).
    public var userID: String?
    public var event: AuditEvent
    /// For people reading the log; reports read the typed fields, never this text.
    public var detail: String
    public var terminal: String
    /// How a logon proved the second factor (`logonSucceeded`, `smartcardLogonSucceeded`).
    public var method: LogonMethod?
    /// Which change a DA made (`changeAuthorised`).
    public var change: ProfileChange.Kind?
    /// Who acted on the account, when it was not its owner (the DA Checker who authorised).
    public var actor: String?
    /// How a password came to be set (`passwordChanged`).
    public var passwordSource: PasswordSource?

    public init(id: Int64? = nil, at: Date, userID: String?, event: AuditEvent, detail: String, terminal: String,
                facts: AuditFacts = AuditFacts()) {
        self.id = id
        self.at = at
        self.userID = userID
        self.event = event
        self.detail = detail
        self.terminal = terminal
        method = facts.method
        change = facts.change
        actor = facts.actor
        passwordSource = facts.passwordSource
    }
}

/// The typed fields an audit entry carries beside its event.
public struct AuditFacts: Sendable, Equatable {
    public var method: LogonMethod?
    public var change: ProfileChange.Kind?
    public var actor: String?
    public var passwordSource: PasswordSource?

    public init(method: LogonMethod? = nil, change: ProfileChange.Kind? = nil, actor: String? = nil, passwordSource: PasswordSource? = nil) {
        self.method = method
        self.change = change
        self.actor = actor
        self.passwordSource = passwordSource
    }
}

/// How a password was set; the raw value is its id in the audit log.
public enum PasswordSource: String, Sendable, Codable, CaseIterable {
    /// Change Password, by the user.
    case user
    /// Forgot/Reset your Password (also the first-time logon's).
    case reset
    /// The forced change of an expired password during logon.
    case expired

    /// The audit log's words for it.
    public var label: String {
        switch self {
        case .user: "changed by the user"
        case .reset: "set through Forgot/Reset your Password"
        case .expired: "expired password changed"
        }
    }
}

/// The smartcard password stays as it was (s4): 6 to 8 digits.
public enum SmartcardPassword {
    public static let lengths = 6...8

    public static func isValid(_ text: String) -> Bool {
        lengths.contains(text.count) && text.allSatisfy(\.isASCIIDigit)
    }
}
