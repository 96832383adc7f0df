/// The clearing houses and participant kinds of s3.2.
public enum ClearingHouse: String, Sendable, CaseIterable, Codable {
    case hksccParticipant = "HKSCC-CP"
    case hksccDesignatedBank = "HKSCC-DB"
    case hkcc = "HKCC"
    case seoch = "SEOCH"

    public var title: String {
        switch self {
        case .hksccParticipant: "HKSCC Participant"
        case .hksccDesignatedBank: "HKSCC Designated Bank"
        case .hkcc: "HKCC Participant"
        case .seoch: "SEOCH Participant"
        }
    }
}

/// A clearing or settlement participant with its allowance of user accounts.
public struct Participant: Sendable, Equatable, Codable {
    public var clearingHouse: ClearingHouse
    /// HKSCC: the six-character participant ID (B01234, BNK999). HKCC/SEOCH: the customer code (ABC).
    public var participantID: String
    public var name: String
    public var maxUsers: Int

    public init(clearingHouse: ClearingHouse, participantID: String, name: String, maxUsers: Int) {
        self.clearingHouse = clearingHouse
        self.participantID = participantID
        self.name = name
        self.maxUsers = maxUsers
    }

    /// Stable key across clearing houses (HKCC and SEOCH may share a customer code).
    public var key: String { "\(clearingHouse.rawValue):\(participantID)" }
}
