import Foundation

/// What DMS shows of user profiles: Enquire / Delete User Profile and the User Profile Listing
/// (s3.2, s4.3, s4.3.1).
/// One labelled value of a user profile as DMS shows it.
public struct ProfileField: Sendable, Equatable {
    public var label: String
    public var value: String
    public init(_ label: String, _ value: String) {
        self.label = label
        self.value = value
    }
}

extension AuthEngine {
    /// The fields of Enquire User Profile: "Locked" and "OTP Enabled" once 2FA is initialised,
    /// else the smartcard's "SRN (for user using smartcard)" and "Certificate Expiry Date".
    public func profileFields(userID typed: String) throws -> [ProfileField] {
        let userID = Self.normalise(typed)
        guard let account = try account(userID) else { throw EngineError.unknownAccount(userID) }
        var fields = [
            ProfileField("User ID", account.userID),
            ProfileField("Participant", account.participantKey),
            ProfileField("Role", account.roleDescription),
            ProfileField("Email Address", account.email ?? ""),
            ProfileField("Business User Groups", account.businessGroups.replacingOccurrences(of: ",", with: ", ")),
        ]
        if account.twoFactorInitialised {
            fields.append(ProfileField("Locked", account.locked ? "Y" : "N"))
            fields.append(ProfileField("OTP Enabled", account.otpChannel == .app ? "Y" : "N"))
        } else {
            fields.append(ProfileField("SRN (for user using smartcard)", account.smartcardSRN ?? ""))
            fields.append(ProfileField("Certificate Expiry Date", account.certificateExpiry.map(Self.certificateDate) ?? ""))
        }
        return fields
    }

    /// DMS reads go to the audit log too: who looked at which profile or listing.
    public func recordDMSRead(_ event: AuditEvent, userID: String?, by actor: String, _ detail: String = "") throws {
        try store.write { tx in
            try audit(tx, event, userID.map(Self.normalise), "by \(actor)\(detail.isEmpty ? "" : ": \(detail)")")
        }
    }

    /// "31-Dec-30 23:59:59", as the profile shows it.
    static func certificateDate(_ date: Date) -> String {
        let c = HongKongTime.components(date)
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        return String(format: "%02d-%@-%02d %02d:%02d:%02d", c.day, months[c.month - 1], c.year % 100, c.hour, c.minute, c.second)
    }

    /// The User Profile Listing of a participant, ending with the totals exactly as s4.3.1 shows them.
    public func userProfileListing(clearingHouse: ClearingHouse, participantID: String) throws -> String {
        try store.read { tx in
            guard let participant = try tx.participant(clearingHouse, participantID) else {
                throw EngineError.unknownParticipant("\(clearingHouse.rawValue):\(participantID)")
            }
            let accounts = try tx.accounts(of: participant)
            var lines = [
                "USER PROFILE LISTING",
                "PARTICIPANT: \(participant.key) \(participant.name)",
                "",
                "USER ID   ROLE                 STATUS              EMAIL ADDRESS",
            ]
            for account in accounts {
                var status = account.twoFactorInitialised ? "2FA" : account.smartcardSRN != nil ? "SMARTCARD" : "2FA NOT SET UP"
                if account.locked { status += " LOCKED" }
                if account.disabled { status += " DISABLED" }
                lines.append(account.userID.padding(toLength: 10, withPad: " ", startingAt: 0)
                    + account.roleDescription.padding(toLength: 21, withPad: " ", startingAt: 0)
                    + status.padding(toLength: 20, withPad: " ", startingAt: 0)
                    + (account.email ?? ""))
            }
            let das = accounts.filter { $0.kind == .delegatedAdministrator }.count
            lines += [
                "",
                "MAX. NO. OF USERS :\(participant.maxUsers)",
                "",
                "TOTAL NO. OF USERS :\(accounts.count)",
                "",
                "TOTAL NO. OF DELEGATED ADMINISTRATORS :\(das)",
                "",
                "TOTAL NO. OF USERS EXCEPT DELEGATED ADMINISTRATORS:\(accounts.count - das)",
                "",
                "*** END OF REPORT ***",
            ]
            return lines.map { $0.replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression) }.joined(separator: "\n") + "\n"
        }
    }
}
