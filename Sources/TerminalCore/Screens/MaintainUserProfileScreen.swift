import AuthEngine

/// DMS: Maintain User Profile, the menu of the security management function.
public struct MaintainUserProfileScreen: Equatable, Sendable {
    public var success: LogonSuccess
    public var form: Form

    public init(success: LogonSuccess) {
        self.success = success
        form = Form([
            .button(id: "create", label: Texts.createUserProfile),
            .button(id: "change", label: Texts.changeUserProfile),
            .button(id: "delete", label: Texts.deleteUserProfile),
            .button(id: "enquire", label: Texts.enquireUserProfile),
            .button(id: "listing", label: Texts.userProfileListing),
            .button(id: "back", label: Texts.back),
        ])
    }

    static func handle(_ screen: MaintainUserProfileScreen, _ input: Input, _ state: inout AppState) -> [Effect] {
        var s = screen
        defer { if case .maintainUserProfile = state.screen { state.screen = .maintainUserProfile(s) } }
        state.message = nil
        switch s.form.handle(input) {
        case .activate("create"): state.screen = .profile(ProfileScreen(function: .create, success: s.success))
        case .activate("change"): state.screen = .profile(ProfileScreen(function: .change, success: s.success))
        case .activate("delete"): state.screen = .profile(ProfileScreen(function: .delete, success: s.success))
        case .activate("enquire"): state.screen = .profile(ProfileScreen(function: .enquire, success: s.success))
        case .activate("listing"):
            state.screen = .profileListing(ProfileListingScreen(success: s.success))
            return state.call(.listing(s.success.clearingHouse, participantID: s.success.participantID, by: s.success.userID), "Preparing the listing...")
        case .activate("back"), .escape:
            state.screen = .loggedOn(LoggedOnScreen(success: s.success, function: .securityManagement))
        default: break
        }
        return []
    }
}
