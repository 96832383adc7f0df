/// The user ID formats of s3.2, per clearing house and role.
///
/// HKSCC participants and designated banks: participant ID + 2 letters/digits (users),
/// participant ID + X/Y/Z + 1-9 (DAs). HKCC and SEOCH: HK + customer code + 1-4 + 2
/// letters/digits (users), HK + code + 1-4 + X/Y/Z + 1-9 (DAs). The package's SEOCH DA
/// heading puts X/Y/Z before the digit but its own example (HKABC2X1) does not; the
/// example is followed, so HKCC and SEOCH share one shape.
public enum UserIDFormat {
    public enum Role: Sendable { case user, delegatedAdministrator }

    public struct Invalid: Error, Equatable, CustomStringConvertible {
        public let description: String
    }

    /// What a valid ID looks like, for messages and help screens.
    public static func describe(_ house: ClearingHouse, _ role: Role, participantID: String? = nil) -> String {
        let pid = participantID ?? example(house).participant
        switch (house, role) {
        case (.hksccParticipant, .user), (.hksccDesignatedBank, .user):
            return "participant ID + 2 letters or digits, e.g. \(pid)01"
        case (.hksccParticipant, .delegatedAdministrator), (.hksccDesignatedBank, .delegatedAdministrator):
            return "participant ID + X/Y/Z + 1-9, e.g. \(pid)X1"
        case (.hkcc, .user), (.seoch, .user):
            return "HK + customer code + 1/2/3/4 + 2 letters or digits, e.g. HK\(pid)\(house == .hkcc ? 1 : 2)01"
        case (.hkcc, .delegatedAdministrator), (.seoch, .delegatedAdministrator):
            return "HK + participant ID + 1/2/3/4 + X/Y/Z + 1-9, e.g. HK\(pid)\(house == .hkcc ? 1 : 2)X1"
        }
    }

    static func example(_ house: ClearingHouse) -> (participant: String, user: String) {
        switch house {
        case .hksccParticipant: ("B01234", "B0123401")
        case .hksccDesignatedBank: ("BNK999", "BNK99901")
        case .hkcc: ("ABC", "HKABC101")
        case .seoch: ("ABC", "HKABC201")
        }
    }

    /// Checks a participant ID's own shape.
    public static func validateParticipantID(_ id: String, for house: ClearingHouse) throws {
        let chars = Array(id)
        let ok: Bool
        let shape: String
        switch house {
        case .hksccParticipant:
            ok = chars.count == 6 && chars[0].isUppercaseASCIILetter && chars[1...].allSatisfy(\.isASCIIDigit)
            shape = "a capital letter and 5 digits, e.g. B01234"
        case .hksccDesignatedBank:
            ok = chars.count == 6 && chars.allSatisfy(\.isUpperAlphanumeric) && chars[0].isUppercaseASCIILetter
            shape = "6 capital letters or digits starting with a letter, e.g. BNK999"
        case .hkcc, .seoch:
            ok = chars.count == 3 && chars.allSatisfy(\.isUppercaseASCIILetter)
            shape = "a customer code of 3 capital letters, e.g. ABC"
        }
        guard ok else {
            throw Invalid(description: "\"\(id)\" is not a \(house.title) ID: it must be \(shape)")
        }
    }

    /// Checks a user ID against its participant and role; the error says what the format is.
    public static func validate(_ userID: String, role: Role, participant: Participant) throws {
        let chars = Array(userID)
        let pid = participant.participantID
        let roleName = role == .user ? "user" : "delegated administrator"
        func fail(_ why: String) -> Invalid {
            Invalid(description: "\(why). \(participant.clearingHouse.title) \(roleName) IDs are "
                + describe(participant.clearingHouse, role, participantID: pid))
        }
        guard chars.count == 8 else { throw fail("User ID \"\(userID)\" has \(chars.count) characters, not 8") }
        guard chars.allSatisfy(\.isUpperAlphanumeric) else {
            throw fail("User ID \"\(userID)\" may only contain capital letters and digits")
        }
        let suffix: ArraySlice<Character>
        switch participant.clearingHouse {
        case .hksccParticipant, .hksccDesignatedBank:
            guard userID.hasPrefix(pid) else { throw fail("User ID \"\(userID)\" does not start with participant ID \(pid)") }
            suffix = chars[6...]
        case .hkcc, .seoch:
            guard userID.hasPrefix("HK" + pid) else {
                throw fail("User ID \"\(userID)\" does not start with HK\(pid)")
            }
            guard ("1"..."4").contains(chars[5]) else {
                throw fail("User ID \"\(userID)\" needs 1, 2, 3 or 4 after HK\(pid)")
            }
            suffix = chars[6...]
        }
        let looksLikeDA = "XYZ".contains(suffix.first!) && ("1"..."9").contains(suffix.last!)
        switch role {
        case .delegatedAdministrator:
            guard looksLikeDA else { throw fail("User ID \"\(userID)\" does not end in X, Y or Z and a digit 1-9") }
        case .user:
            guard !looksLikeDA else {
                throw fail("User ID \"\(userID)\" ends like a delegated administrator's (X/Y/Z + 1-9), which users may not use")
            }
        }
    }

    /// A quick shape check for a logon screen, before any participant is known: 8 capital letters or digits.
    public static func validateShape(_ userID: String) throws {
        guard !userID.isEmpty else { throw Invalid(description: "Please enter your User ID") }
        guard userID.count == 8, userID.allSatisfy(\.isUpperAlphanumeric) else {
            throw Invalid(description: "A User ID is 8 capital letters or digits, e.g. B0123401 or HKABC101")
        }
    }
}

extension Character {
    // Shared with the engine (same package).

    package var isASCIIDigit: Bool { ("0"..."9").contains(self) }
    package var isUppercaseASCIILetter: Bool { ("A"..."Z").contains(self) }
    package var isLowercaseASCIILetter: Bool { ("a"..."z").contains(self) }
    package var isUpperAlphanumeric: Bool { isASCIIDigit || isUppercaseASCIILetter }
}
