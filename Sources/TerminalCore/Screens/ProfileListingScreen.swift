import AuthEngine

/// DMS: User Profile Listing, paged on screen and exportable to a text file (s4.3.1).
public struct ProfileListingScreen: Equatable, Sendable {
    public var success: LogonSuccess
    public var lines: [String] = []
    public var scroll = 0
    public var form = Form([.button(id: "export", label: Texts.export), .button(id: "back", label: Texts.back)])

    public init(success: LogonSuccess) { self.success = success }

    static func handle(_ screen: ProfileListingScreen, _ input: Input, _ state: inout AppState) -> [Effect] {
        var s = screen
        defer { if case .profileListing = state.screen { state.screen = .profileListing(s) } }
        let page = max(1, state.size.rows - 10)
        if case .key(let key) = input {
            switch key {
            case .pageDown: s.scroll = min(max(0, s.lines.count - page), s.scroll + page); return []
            case .pageUp: s.scroll = max(0, s.scroll - page); return []
            case .down: s.scroll = min(max(0, s.lines.count - page), s.scroll + 1); return []
            case .up: s.scroll = max(0, s.scroll - 1); return []
            default: break
            }
        }
        switch s.form.handle(input) {
        case .activate("export"):
            return state.call(.exportListing(s.success.clearingHouse, participantID: s.success.participantID, by: s.success.userID), "Exporting...")
        case .activate("back"), .escape:
            state.message = nil
            state.screen = .maintainUserProfile(MaintainUserProfileScreen(success: s.success))
        default: break
        }
        return []
    }

    static func receive(_ screen: ProfileListingScreen, _ result: EngineResult, _ state: inout AppState) -> [Effect] {
        var s = screen
        switch result {
        case .listing(let text):
            s.lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            state.message = .info("PageUp/PageDown to page through the listing.")
        case .exported(let path):
            state.message = .success("Exported to \(path)")
        default:
            break
        }
        state.screen = .profileListing(s)
        return []
    }
}
