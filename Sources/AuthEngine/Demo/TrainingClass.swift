import Foundation

/// A hands-on class: one participant per trainee (seat), with the accounts of every exercise,
/// so trainees never step on each other. Seat K of class number N is HKSCC participant
/// T{N:03}{K:02} (a capital letter and five digits, s3.2), its users T{N}{K}01-04 and its DAs
/// T{N}{K}X1, Y1, Z1. The class itself (name, number, size, when each seat was last set up) is
/// kept in `classes/NAME/class.json` beside the store; the accounts are in the store.
public struct TrainingClass: Codable, Sendable, Equatable {
    public static let maxTrainees = 99
    public static let maxClasses = 999

    public var name: String
    public var number: Int
    public var trainees: Int
    public var createdAt: Date
    /// The audit log's last entry when each seat was set up: its progress counts from the next
    /// one, whatever the training clock says (it may have been set back since).
    public var seatsSetUpAfterAuditID: [Int: Int64] = [:]
    /// The class's own settings, which every seat and tool reads from here (not from its
    /// command line). Optional in the file: a class made before they existed has the defaults.
    public var hoursSetting: Hours?
    public var policySetting: String?
    public var consoleSetting: ServiceHours.Service?
    /// Unix accounts that log on with a password instead of a key (`class logins`), by seat.
    public var logins: [String: Int]?

    /// When the seats are open: the CCASS operating hours, or at any hour (a class on a
    /// Saturday, in the evening, or taught from another time zone).
    public enum Hours: String, Codable, Sendable, CaseIterable {
        case real, always
    }

    public var hours: Hours { hoursSetting ?? .real }
    /// The password policy of the class's seats (a profile name), else the store's.
    public var policy: String? { policySetting }

    /// The session a seat of this class opens under: its hours and its policy (the store's,
    /// HKEX 2023 by default, unless the class names one).
    public var sessionEnvironment: SessionEnvironment {
        SessionEnvironment(hours: hours == .always ? nil : .shipped, policy: policy.flatMap(PasswordPolicy.named) ?? .hkex2023)
    }
    /// The console a seat opens when the trainee's SSH command does not say (`ssh … dms`).
    public var console: ServiceHours.Service { consoleSetting ?? .terminal }

    /// "hours real, policy hkex-2023, console terminal", for the dashboard and the commands.
    public var settingsSummary: String {
        "hours \(hours.rawValue) (\(hours == .always ? "open at any hour" : "CCASS operating hours")), policy \(policy ?? "the store's"), console \(console.rawValue)"
    }

    public init(name: String, number: Int, trainees: Int, createdAt: Date) {
        self.name = name
        self.number = number
        self.trainees = trainees
        self.createdAt = createdAt
    }

    public struct Invalid: Error, CustomStringConvertible, Equatable {
        public let description: String
        public init(_ description: String) { self.description = description }
    }

    /// A class name is also a directory name and part of an SSH key comment: 1-24 lower-case
    /// letters, digits and hyphens, starting with a letter.
    public static func validate(name: String) throws {
        let ok = (1...24).contains(name.count) && name.first!.isLowercaseASCIILetter
            && name.allSatisfy { $0.isLowercaseASCIILetter || $0.isASCIIDigit || $0 == "-" }
        guard ok else { throw Invalid("class name \"\(name)\" must be 1-24 lower-case letters, digits or hyphens, starting with a letter") }
    }

    public static func validate(trainees: Int) throws {
        guard (1...maxTrainees).contains(trainees) else {
            throw Invalid("--trainees \(trainees) is not possible: a class has 1 to \(maxTrainees) seats (two digits of its participant IDs)")
        }
    }

    public func validate(seat: Int) throws {
        guard (1...trainees).contains(seat) else { throw Invalid("class \(name) has seats 1 to \(trainees), not \(seat)") }
    }

    public var seats: ClosedRange<Int> { 1...trainees }

    /// What a seat's terminal says first: whose seat it is and its user IDs.
    public func greeting(seat: Int) -> String {
        let ids = accounts(seat: seat).map(\.userID)
        return "Seat \(seat) of class \(name): users \(ids[0])-\(ids[3].suffix(2)), DAs \(ids[4]), \(ids[5]), \(ids[6])."
    }

    /// The terminal a seat's audit entries are written at: the seat that typed them.
    public func terminalName(seat: Int) -> String { "seat \(name)/\(seat)" }

    /// Whether an audit entry was written at a class seat (any class's).
    public static func isSeatTerminal(_ terminal: String) -> Bool { terminal.hasPrefix("seat ") }

    /// "1 seat", "30 seats".
    public static func seatCount(_ count: Int) -> String { count == 1 ? "1 seat" : "\(count) seats" }

    public func participant(seat: Int) -> Participant {
        Participant(clearingHouse: .hksccParticipant, participantID: String(format: "T%03d%02d", number, seat),
                    name: "Seat \(seat) Securities Limited (class \(name))", maxUsers: 10)
    }

    /// What each account of a seat is for, in the order of the roster.
    public enum Exercise: String, CaseIterable, Sendable {
        case firstLogon, appUser, emailUser, lockedUser, daMaker, daChecker1, daChecker2
    }

    /// One account of a seat, as the roster lists it.
    public struct SeatAccount: Sendable, Equatable {
        public var exercise: Exercise
        public var userID: String
        public var role: AccountRole
        public var email: String
        public var state: AccountState
        public var locked: Bool
        public var purpose: String
    }

    public func accounts(seat: Int) -> [SeatAccount] {
        let pid = participant(seat: seat).participantID
        let domain = "seat\(String(format: "%02d", seat)).\(name).training.example"
        return Exercise.allCases.map { exercise in
            switch exercise {
            case .firstLogon:
                SeatAccount(exercise: exercise, userID: pid + "01", role: .user, email: "first.logon@\(domain)", state: .notInitialised, locked: false,
                            purpose: "first-time logon: password by email OTP, then REGISTER DEVICE or SKIP THIS STEP")
            case .appUser:
                SeatAccount(exercise: exercise, userID: pid + "02", role: .user, email: "app.user@\(domain)", state: .app, locked: false,
                            purpose: "logon by app; self-service password reset; lock it with 5 wrong passwords")
            case .emailUser:
                SeatAccount(exercise: exercise, userID: pid + "03", role: .user, email: "email.user@\(domain)", state: .email, locked: false,
                            purpose: "logon by email OTP")
            case .lockedUser:
                SeatAccount(exercise: exercise, userID: pid + "04", role: .user, email: "locked.user@\(domain)", state: .app, locked: true,
                            purpose: "locked: the DA maker and a DA checker unlock it in DMS")
            case .daMaker:
                SeatAccount(exercise: exercise, userID: pid + "X1", role: AccountRole(kind: .delegatedAdministrator, isMaker: true), email: "da.maker@\(domain)", state: .app, locked: false,
                            purpose: "DMS: submits the unlock")
            case .daChecker1:
                SeatAccount(exercise: exercise, userID: pid + "Y1", role: AccountRole(kind: .delegatedAdministrator, isChecker: true), email: "da.checker1@\(domain)", state: .app, locked: false,
                            purpose: "DMS: authorises it")
            case .daChecker2:
                SeatAccount(exercise: exercise, userID: pid + "Z1", role: AccountRole(kind: .delegatedAdministrator, isChecker: true), email: "da.checker2@\(domain)", state: .app, locked: false,
                            purpose: "DMS: the second checker s5.1 asks for")
            }
        }
    }

    /// The seat's accounts as demo data: made through the store like the demo's, the same
    /// training password.
    func demoData(seats: [Int]) throws -> DemoData {
        let shipped = try DemoData.shipped()
        var participants: [DemoData.DemoParticipant] = []
        var accounts: [DemoData.DemoAccount] = []
        for seat in seats {
            let participant = participant(seat: seat)
            participants.append(DemoData.DemoParticipant(clearingHouse: participant.clearingHouse, participantID: participant.participantID,
                                                         name: participant.name, maxUsers: participant.maxUsers))
            for account in self.accounts(seat: seat) {
                accounts.append(DemoData.DemoAccount(
                    userID: account.userID, participant: participant.key, kind: account.role.kind,
                    maker: account.role.isMaker, checker: account.role.isChecker,
                    email: account.email, state: account.state, smartcard: account.exercise == .firstLogon ? true : nil,
                    locked: account.locked, disabled: nil, passwordAgeDays: nil, demonstrates: account.purpose))
            }
        }
        return DemoData(password: shipped.password, smartcardPassword: shipped.smartcardPassword, participants: participants, accounts: accounts)
    }

    /// Creates (or puts back) the seats' participants and accounts and marks where their
    /// progress starts; returns the app enrolments of each seat, for its phone.
    public mutating func install(seats: [Int], into engine: AuthEngine) throws -> [Int: [DemoData.Enrolment]] {
        // Accounts a trainee's DA created go too: the seat starts as it was given.
        try engine.store.write { tx in
            for seat in seats {
                let participant = participant(seat: seat)
                guard try tx.participant(participant.clearingHouse, participant.participantID) != nil else { continue }
                for account in try tx.accounts(of: participant) { try tx.delete(account) }
            }
        }
        let enrolments = try demoData(seats: seats).install(into: engine)
        let mark = try engine.store.read { try $0.lastAuditID() }
        for seat in seats { seatsSetUpAfterAuditID[seat] = mark }
        var bySeat: [Int: [DemoData.Enrolment]] = [:]
        for seat in seats {
            let pid = participant(seat: seat).participantID
            bySeat[seat] = enrolments.filter { $0.userID.hasPrefix(pid) }
        }
        return bySeat
    }

    /// Removes every account and participant of the class from the store.
    public func remove(from engine: AuthEngine) throws {
        try engine.store.write { tx in
            for seat in seats {
                let participant = participant(seat: seat)
                for account in try tx.accounts(of: participant) { try tx.delete(account) }
                try tx.delete(participant)
                try tx.audit(.accountChanged, userID: nil, at: engine.clock.now(), terminal: engine.configuration.terminal,
                             "class \(name): seat \(seat) (\(participant.key)) removed")
            }
        }
    }

    /// Whether the store already has a participant of this class's number (another class, or
    /// one deleted by hand).
    public func isFree(in engine: AuthEngine) throws -> Bool {
        try engine.store.read { tx in try seats.allSatisfy { try tx.participant(.hksccParticipant, participant(seat: $0).participantID) == nil } }
    }
}
