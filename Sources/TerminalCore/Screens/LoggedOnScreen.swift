import AuthDomain

/// After logon: the chosen function's first screen with the user ID, the function and the
/// last logon time, and Logout back to the landing page.
public struct LoggedOnScreen: ScreenModel {
    public var screen: Screen { .loggedOn(self) }
    /// Logout, and the function's menu (whose entries count as one button: "menu").
    public enum Button: String, CaseIterable { case logout, menu }
    public static var buttons: [String] { Button.allCases.map(\.rawValue) }
    public static func coverageButton(_ id: String) -> String { id == Button.logout.rawValue ? id : Button.menu.rawValue }
    public var success: LogonSuccess
    public var function: TerminalFunction?
    /// During the connectivity test no function is offered: the logon itself is the test (the
    /// terminal's functions are not available; DAs perform no security management then).
    public var connectivityTest: ConnectivitySession?
    public var form: Form?

    public init(success: LogonSuccess, function: TerminalFunction, connectivityTest: ConnectivitySession? = nil) {
        self.success = success
        self.function = function
        self.connectivityTest = connectivityTest
        let menu = connectivityTest == nil ? Self.menu(function) : []
        form = Form(menu.enumerated().map { .button(id: "item\($0.offset)", label: $0.element) }
            + [.button(Button.logout, label: Texts.logout)])
    }

    public var userID: String? { success.userID }
    public var logon: ActorSession? { success.session }

    /// The menu of each function. The emulation stops at the logon: these are the doors.
    public static func menu(_ function: TerminalFunction) -> [String] {
        switch function {
        case .onlineFunctions:
            ["Settlement Instruction Maintenance", "Stock Position Enquiry", "Money Position Enquiry",
             "Nominee Services", "Collateral Management"]
        case .overnightReports:
            ["Daily Final Clearing Statement", "Settlement Report", "Statement of Money Ledger",
             "Stock Movement Report", "Nominee Activities Report"]
        case .smartcardTerminal:
            ["Online Functions", "Overnight Report Download"]
        case .securityManagement:
            [Texts.maintainUserProfile]
        }
    }

    /// Esc does not leave: it points at Logout (and says so), so it is not hinted as "back".
    public func keys(_ context: ScreenContext) -> KeyTable {
        var table = KeyTable.form(form, back: nil)
        table.bindings.append(KeyBinding([.escape], .back, label: "Esc", help: "", detail: "moves the focus to Logout, which leaves"))
        return table
    }

    public mutating func perform(_ key: KeyAction, _ input: Input, _ context: ScreenContext) -> [ScreenCommand] {
        guard let action = formAction(key, input) else { return [] }
        switch action {
        case .activate(Button.logout.rawValue):
            return [.leave(.logout(success.session)), .show(LandingScreen(console: context.console, phase: context.phase).screen),
                    .message(.info("\(success.userID) logged out."))]
        case .activate("item0") where function == .securityManagement:
            return [.message(nil), .show(MaintainUserProfileScreen(success: success).screen)]
        case .activate(let id):
            guard let index = Int(id.dropFirst(4)), let function else { return [] }
            return [.message(.info("\(Self.menu(function)[index]) is outside this emulator, which covers the logon only."))]
        case .escape:
            form?.focus(on: "logout")
            return [.message(.info("Select Logout to leave."))]
        default:
            return []
        }
    }
}
