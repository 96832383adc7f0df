import AuthDomain
import TerminalCore

extension ProfileScreen: Drawable {
    public func draw(_ canvas: inout Canvas, _ state: AppState, _ content: Rect) {
        Renderer.panel(&canvas, content, title: title, width: 76, state: state) { w in
            switch stage {
            case .userID:
                w.line(dmsFunction == .create ? "Enter the new User ID and the user's email address, then Submit." : "Enter the User ID, then Submit.",
                       role: .subtle)
                w.gap()
                if let form { w.form(form, fieldWidth: 40) }
            case .profile(let profile):
                w.pairs(ProfileScreen.rows(profile, editing: dmsFunction == .change), labelWidth: 33)
                w.gap()
                if let form { w.form(form, labelWidth: 22, fieldWidth: 44) }
            case .checker(let pending):
                w.paragraph("Request by \(pending.maker): \(pending.change.summary).", role: .label)
                w.gap()
                w.paragraph("To be performed by DA Checker: enter Checker ID and Authorization Code, then Confirm.", role: .subtle)
                w.gap()
                if let form { w.form(form) }
            case .done(let pending):
                w.paragraph("Confirmed: \(pending.change.summary).", role: .success)
                w.gap()
                if let form { w.form(form) }
            }
        }
    }

    /// The profile's rows as s4.3 names them; Change shows only what it does not edit.
    static func rows(_ profile: UserProfile, editing: Bool) -> [(String, String)] {
        var rows = [(Texts.userID, profile.userID), ("Participant", profile.participantKey), ("Role", profile.role.description)]
        if !(editing && profile.changeOptions.email) { rows.append((Texts.emailAddress, profile.email ?? "")) }
        if let groups = profile.businessGroups, !(editing && profile.changeOptions.businessGroups) {
            rows.append((Texts.businessUserGroups, groups.joined(separator: ", ")))
        }
        if let status = profile.twoFactor {
            rows.append((Texts.locked, status.locked ? "Y" : "N"))
            rows.append((Texts.otpEnabled, status.otpEnabled ? "Y" : "N"))
        }
        if let card = profile.smartcard {
            rows.append((Texts.srn, card.srn))
            rows.append((Texts.certificateExpiry, card.certificateExpiry.map(UserProfile.certificateDate) ?? ""))
        }
        return rows
    }
}
