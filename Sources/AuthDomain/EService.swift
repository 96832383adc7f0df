import Foundation

/// The Client Connect eService requests HKEX processes for participants: eService DA3 for
/// delegated administrators (s3.1, s4.1.1, s4.1.2, s5.1, Appendix D c) and eService DA4 for
/// additional user accounts (s4.3.1).
public enum EServiceRequest: Sendable, Equatable {
    /// Add a DA; HKEX assigns the user ID in the participant's DA format unless one is given.
    case addDA(ClearingHouse, participantID: String, userID: String?, email: String, maker: Bool, checker: Bool)
    /// Register or change a DA's email address (s3.1).
    case registerDAEmail(userID: String, email: String)
    /// "Unlock DA Account": with the DA's user ID and registered email; the next logon is a
    /// first-time logon (Appendix D c).
    case unlockDA(userID: String, registeredEmail: String)
    case enableDA(userID: String)
    case disableDA(userID: String)
    case deleteDA(userID: String)
    /// Assign (or take away) the DA role of an existing profile (s5.1).
    case assignDARole(userID: String, maker: Bool, checker: Bool)
    /// eService DA4: more user accounts, HKD 250 each.
    case additionalAccounts(ClearingHouse, participantID: String, count: Int)

    public var form: String {
        if case .additionalAccounts = self { return "eService DA4" }
        return "eService DA3"
    }

    /// The request type as the form names it.
    public var typeName: String {
        switch self {
        case .addDA: "Add"
        case .registerDAEmail: "Email registration"
        case .unlockDA: "Unlock DA Account"
        case .enableDA: "Enable"
        case .disableDA: "Disable"
        case .deleteDA: "Delete"
        case .assignDARole: "DA role"
        case .additionalAccounts: "Additional user accounts"
        }
    }

    /// From when HKEX processes the request type: the types new with 2FA from its launch
    /// (footnotes 3 and 4), the DA role for existing users from the decommissioning of
    /// smartcards (s5.1); nil for a type processed already before.
    public var processedFrom: Date? {
        switch self {
        case .addDA, .unlockDA, .enableDA, .disableDA, .deleteDA, .additionalAccounts: ServicePhase.twoFactorLaunch
        case .assignDARole: ServicePhase.smartcardDecommissioning
        case .registerDAEmail: nil
        }
    }

    /// The profile the request is about, when it names one.
    public var userID: String? {
        switch self {
        case .addDA(_, _, let id, _, _, _): id
        case .registerDAEmail(let id, _), .unlockDA(let id, _), .enableDA(let id), .disableDA(let id), .deleteDA(let id),
             .assignDARole(let id, _, _): id
        case .additionalAccounts: nil
        }
    }
}

/// What a processed eService request did.
public enum EServiceResult: Sendable, Equatable {
    /// A DA was added with this user ID (the participant reads it from the completed eService).
    case daAdded(userID: String, role: AccountRole, participant: String)
    case completed(userID: String)
    case accountsGranted(participant: String, count: Int, feeHKD: Int, maxUsers: Int)
}
