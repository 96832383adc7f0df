/// Where the package (s7, Appendix B) sends people with questions: the CCASS/ DCASS Hotline by
/// clearing house, its office hours, and the email addresses.
public enum HKEXContact {
    // Non-breaking spaces: a wrapped message never splits a phone number.
    public static let ccassHotline = "2979\u{00A0}7111"
    public static let ccmsHotline = "2979\u{00A0}7222"
    public static let ccassEmail = "ClearingPS@hkex.com.hk"
    public static let ccmsEmail = "ClearingPSD@hkex.com.hk"
    public static let officeHours = "09:00-18:00 Mon-Fri except public holidays"

    /// CCASS serves HKSCC participants and designated banks; CCMS serves HKCC and SEOCH.
    public static func hotline(for house: ClearingHouse?) -> String {
        switch house {
        case .hkcc?, .seoch?: ccmsHotline
        case .hksccParticipant?, .hksccDesignatedBank?: ccassHotline
        case nil: "\(ccassHotline) (CCASS) or \(ccmsHotline) (CCMS)"
        }
    }

    /// One sentence to end a message with.
    public static func sentence(for house: ClearingHouse? = nil) -> String {
        switch house {
        case .hkcc?, .seoch?: "HKEX: CCASS/ DCASS Hotline \(ccmsHotline) or \(ccmsEmail) (\(officeHours))."
        case .hksccParticipant?, .hksccDesignatedBank?: "HKEX: CCASS/ DCASS Hotline \(ccassHotline) or \(ccassEmail) (\(officeHours))."
        case nil: "HKEX: CCASS/ DCASS Hotline \(ccassHotline) (CCASS) or \(ccmsHotline) (CCMS), \(officeHours); \(ccassEmail) (CCASS) or \(ccmsEmail) (CCMS)."
        }
    }
}
