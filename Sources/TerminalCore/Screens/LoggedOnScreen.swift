import AuthEngine

/// After logon: the chosen function's first screen with the user ID, the function and the
/// last logon time, and Logout back to the landing page.
public struct LoggedOnScreen: Equatable, Sendable {
    public var success: LogonSuccess
    public var function: TerminalFunction
    /// During the connectivity test no function is available: the logon itself is the test.
    public var connectivityTest: ConnectivitySession?
    public var form: Form

    public init(success: LogonSuccess, function: TerminalFunction, connectivityTest: ConnectivitySession? = nil) {
        self.success = success
        self.function = function
        self.connectivityTest = connectivityTest
        let menu = connectivityTest == nil ? Self.menu(function) : []
        form = Form(menu.enumerated().map { .button(id: "item\($0.offset)", label: $0.element) }
            + [.button(id: "logout", label: Texts.logout)])
    }

    /// The menu of each function. The emulation stops at the logon: these are the doors.
    public static func menu(_ function: TerminalFunction) -> [String] {
        switch function {
        case .onlineFunctions:
            return ["Settlement Instruction Maintenance", "Stock Position Enquiry", "Money Position Enquiry",
                    "Nominee Services", "Collateral Management"]
        case .overnightReports:
            return ["Daily Final Clearing Statement", "Settlement Report", "Statement of Money Ledger",
                    "Stock Movement Report", "Nominee Activities Report"]
        case .smartcardTerminal:
            return ["Online Functions", "Overnight Report Download"]
        case .securityManagement:
            return ["Maintain User Profile"]
        }
    }

    static func handle(_ screen: LoggedOnScreen, _ input: Input, _ state: inout AppState) -> [Effect] {
        var s = screen
        defer { if case .loggedOn = state.screen { state.screen = .loggedOn(s) } }
        switch s.form.handle(input) {
        case .activate("logout"):
            state.screen = .landing(LandingScreen(console: state.console, phase: state.phase))
            state.message = .info("\(s.success.userID) logged out.")
        case .activate("item0") where s.function == .securityManagement:
            state.message = nil
            state.screen = .maintainUserProfile(MaintainUserProfileScreen(success: s.success))
        case .activate(let id):
            if let index = Int(id.dropFirst(4)) {
                state.message = .info("\(Self.menu(s.function)[index]): Function not available in this emulator, which covers the logon.")
            }
        case .escape:
            s.form.focus(on: "logout")
            state.message = .info("Select Logout to leave.")
        default:
            break
        }
        return []
    }
}
