import SafeIO
import Foundation

/// The functions of Maintain User Profile in DMS (Appendix A, Appendix D c, s4.3).
public enum DMSFunction: String, Sendable, Equatable, CaseIterable {
    case create, change, delete, enquire, listing
}

/// A change to a user profile that a DA maker submits in DMS and a DA checker authorises on
/// the same screen (s3.1, s4.3, s5.1, Appendix A, Appendix D c).
public enum ProfileChange: Sendable, Equatable {
    /// Create User Profile: a user created after the launch logs on by 2FA only.
    case create(userID: String, email: String)
    /// Change User Profile: register or change the email (Appendix A).
    case changeEmail(userID: String, email: String)
    /// Change User Profile: Unlock/ Reset OTP Device Registration (Appendix D c).
    case resetOTPRegistration(userID: String)
    /// Delete User Profile.
    case delete(userID: String)
    /// After smartcard decommissioning: the business user groups of a profile (s5.1). (The DA
    /// role is HKEX's to give, through eService DA3: `EServiceRequest.assignDARole`.)
    case assignBusinessGroups(userID: String, groups: [String])

    public var userID: String {
        switch self {
        case .create(let id, _), .changeEmail(let id, _), .resetOTPRegistration(let id), .delete(let id), .assignBusinessGroups(let id, _): id
        }
    }

    /// Which change it is, by id (the audit log records it).
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case create, changeEmail, resetOTPRegistration, delete, assignBusinessGroups
    }

    public var kind: Kind {
        switch self {
        case .create: .create
        case .changeEmail: .changeEmail
        case .resetOTPRegistration: .resetOTPRegistration
        case .delete: .delete
        case .assignBusinessGroups: .assignBusinessGroups
        }
    }

    public var summary: String {
        switch self {
        case .create(let id, let email): "create user profile \(id) (\(email))"
        case .changeEmail(let id, let email): "change the email of \(id) to \(email)"
        case .resetOTPRegistration(let id): "unlock/ reset OTP device registration of \(id)"
        case .delete(let id): "delete user profile \(id)"
        case .assignBusinessGroups(let id, let groups): "business user groups of \(id): \(groups.isEmpty ? "none" : groups.joined(separator: ", "))"
        }
    }
}

/// A submitted change waiting for its checker. The engine keeps the authoritative copy; a
/// checker's confirmation names the ticket by its ID only.
public struct PendingChange: Sendable, Equatable {
    public let id: String
    public let maker: String
    public let participantKey: String
    public let change: ProfileChange
    /// Set when the participant is already below 1 DA maker and 2 DA checkers (s5.1): the
    /// change goes through, and the screen says so.
    public let belowMinimum: DAMinimumShortfall?

    package init(id: String, maker: String, participantKey: String, change: ProfileChange, belowMinimum: DAMinimumShortfall?) {
        self.id = id
        self.maker = maker
        self.participantKey = participantKey
        self.change = change
        self.belowMinimum = belowMinimum
    }
}

/// A participant with fewer DAs than s5.1 asks for.
public struct DAMinimumShortfall: Sendable, Equatable, CustomStringConvertible {
    public let participant: String
    public let makers: Int
    public let checkers: Int

    package init(participant: String, makers: Int, checkers: Int) {
        self.participant = participant
        self.makers = makers
        self.checkers = checkers
    }

    public var description: String {
        "Note: \(participant) has \(makers) DA maker\(makers == 1 ? "" : "s") and \(checkers) DA checker\(checkers == 1 ? "" : "s"); at least 1 DA maker and 2 DA checkers should be assigned."
    }
}

public enum AuthorisationOutcome: Sendable, Equatable {
    case applied(PendingChange)
    case refused(AuthorisationRefusal)
}

/// Why a checker's confirmation did not apply the change.
public enum AuthorisationRefusal: Sendable, Equatable, CustomStringConvertible {
    /// Wrong Checker ID or Authorization Code; the change takes `attemptsLeft` more.
    case invalidCheckerCredentials(attemptsLeft: Int)
    /// The change had too many wrong confirmations and was withdrawn: the maker submits again.
    case changeWithdrawn
    /// This checker gave too many wrong codes lately and may not confirm before `until`.
    case checkerSuspended(until: Date)
    case notPermitted(Refusal)
    /// The change no longer holds (another terminal changed things since it was submitted).
    case noLongerValid(EngineError)

    public var description: String {
        switch self {
        case .invalidCheckerCredentials(let left):
            left > 0 ? "Invalid Checker ID or Authorization Code. \(left) more attempt\(left == 1 ? "" : "s") for this request."
                     : "Invalid Checker ID or Authorization Code."
        case .changeWithdrawn: "Too many invalid confirmations: the request was withdrawn. The maker may submit it again."
        case .checkerSuspended(let until):
            "Too many invalid Authorization Codes from this checker: confirmations are suspended until \(HongKongTime.format(until).dropFirst(11).prefix(5)) HKT."
        case .notPermitted(let refusal): refusal.description
        case .noLongerValid(let error): "Refused: \(error.description)"
        }
    }
}

/// What a DMS function may show of a profile (s4.3): Enquire and Delete show "Locked" and
/// "OTP Enabled" once 2FA is initialised, else the smartcard's SRN and Certificate Expiry
/// Date; Change shows neither. Business user groups exist once smartcards are decommissioned.
public struct UserProfile: Sendable, Equatable {
    public struct TwoFactorStatus: Sendable, Equatable {
        public let locked: Bool
        public let otpEnabled: Bool
        package init(locked: Bool, otpEnabled: Bool) {
            self.locked = locked
            self.otpEnabled = otpEnabled
        }
    }

    public struct Smartcard: Sendable, Equatable {
        public let srn: String
        public let certificateExpiry: Date?
        package init(srn: String, certificateExpiry: Date?) {
            self.srn = srn
            self.certificateExpiry = certificateExpiry
        }
    }

    /// What Change User Profile may change on this profile.
    public struct ChangeOptions: Sendable, Equatable {
        public let email: Bool
        public let resetOTPRegistration: Bool
        public let businessGroups: Bool

        package init(email: Bool, resetOTPRegistration: Bool, businessGroups: Bool) {
            self.email = email
            self.resetOTPRegistration = resetOTPRegistration
            self.businessGroups = businessGroups
        }

        public static let none = ChangeOptions(email: false, resetOTPRegistration: false, businessGroups: false)
        public var isEmpty: Bool { self == .none }
    }

    public let function: DMSFunction
    public let userID: String
    public let participantKey: String
    public let role: AccountRole
    public let state: AccountState
    public let email: String?
    /// Nil while smartcards are in service (the field does not exist yet).
    public let businessGroups: [String]?
    public let twoFactor: TwoFactorStatus?
    public let smartcard: Smartcard?
    public let changeOptions: ChangeOptions
    /// Why this function can change nothing here (a DA before decommissioning: eService DA3).
    public let restriction: Refusal?

    package init(function: DMSFunction, userID: String, participantKey: String, role: AccountRole, state: AccountState, email: String?,
                 businessGroups: [String]?, twoFactor: TwoFactorStatus?, smartcard: Smartcard?, changeOptions: ChangeOptions,
                 restriction: Refusal?) {
        self.function = function
        self.userID = userID
        self.participantKey = participantKey
        self.role = role
        self.state = state
        self.email = email
        self.businessGroups = businessGroups
        self.twoFactor = twoFactor
        self.smartcard = smartcard
        self.changeOptions = changeOptions
        self.restriction = restriction
    }

    /// "31-Dec-30 23:59:59", as the profile shows a certificate's expiry (s4.3).
    public static func certificateDate(_ date: Date) -> String {
        let c = HongKongTime.components(date)
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(two(c.day))-\(months[c.month - 1])-\(two(c.year % 100)) \(two(c.hour)):\(two(c.minute)):\(two(c.second))"
    }
}

/// The User Profile Listing of a participant (s3.2, s4.3.1): one report, the same text in
/// every front end and in the export.
public struct UserProfileListing: Sendable, Equatable {
    public struct Row: Sendable, Equatable {
        public let userID: String
        public let role: AccountRole
        public let state: AccountState
        public let locked: Bool
        public let disabled: Bool
        public let email: String?

        package init(userID: String, role: AccountRole, state: AccountState, locked: Bool, disabled: Bool, email: String?) {
            self.userID = userID
            self.role = role
            self.state = state
            self.locked = locked
            self.disabled = disabled
            self.email = email
        }

        /// The state in the words every listing uses, with the locked and disabled flags.
        public var status: String {
            ([state.rawValue] + (locked ? ["locked"] : []) + (disabled ? ["disabled"] : [])).joined(separator: ", ")
        }
    }

    public let participantKey: String
    public let participantName: String
    public let rows: [Row]
    public let maxUsers: Int

    package init(participantKey: String, participantName: String, rows: [Row], maxUsers: Int) {
        self.participantKey = participantKey
        self.participantName = participantName
        self.rows = rows
        self.maxUsers = maxUsers
    }

    public var delegatedAdministrators: Int { rows.filter { $0.role.kind == .delegatedAdministrator }.count }

    /// The title, the participant, a blank and the column headings: what stays on screen while
    /// the rows scroll.
    public static let headingLines = 4
    /// The User ID column, which stays in place when long lines scroll sideways.
    public static let firstColumnWidth = 10

    /// The report, ending with the totals exactly as s4.3.1 shows them; names and addresses
    /// made safe (`SafeText`), whether it goes to a screen, a printout or the export.
    public var lines: [String] {
        func pad(_ text: String, _ width: Int) -> String { text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count) }
        var lines = [
            "USER PROFILE LISTING",
            "PARTICIPANT: \(participantKey) \(participantName.safe())",
            "",
            "USER ID   ROLE                 STATUS                         EMAIL ADDRESS",
        ]
        for row in rows {
            let line = pad(row.userID, 10) + pad(row.role.description, 21) + pad(row.status, 31) + (row.email ?? "").safe()
            lines.append(String(line.reversed().drop(while: { $0 == " " }).reversed()))
        }
        lines += [
            "",
            "MAX. NO. OF USERS :\(maxUsers)",
            "",
            "TOTAL NO. OF USERS :\(rows.count)",
            "",
            "TOTAL NO. OF DELEGATED ADMINISTRATORS :\(delegatedAdministrators)",
            "",
            "TOTAL NO. OF USERS EXCEPT DELEGATED ADMINISTRATORS:\(rows.count - delegatedAdministrators)",
            "",
            "*** END OF REPORT ***",
        ]
        return lines
    }

    public var text: String { lines.joined(separator: "\n") + "\n" }
}
