import AuthDomain
import Foundation

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
        AccountState.of(hasPassword: passwordHash != nil, channel: otpChannel, hasSmartcard: smartcardSRN != nil, hasEmail: email != nil)
    }

    public var twoFactorInitialised: Bool { state.twoFactorInitialised }

    /// The state and the locked and disabled flags, as every listing words them:
    /// "2fa-app, locked" (the User Profile Listing's STATUS says the same).
    public var stateWithFlags: String {
        UserProfileListing.Row(userID: userID, role: role, state: state, locked: locked, disabled: disabled, email: email).status
    }

    public var role: AccountRole { AccountRole(kind: kind, isMaker: isMaker, isChecker: isChecker) }

    public var hasSmartcard: Bool { smartcardSRN != nil && smartcardPasswordHash != nil }

    /// When the regular password expires under a policy with a maximum age.
    public func passwordExpiry(maxAge: TimeInterval?) -> Date? {
        guard let maxAge, let changed = passwordChangedAt else { return nil }
        return changed.addingTimeInterval(maxAge)
    }

    public var roleDescription: String { role.description }
}
