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
        form = Form(menu.map { .button($0, label: $0.label) }
            + [.button(Button.logout, label: Texts.logout)])
    }

    public var userID: String? { success.userID }
    public var logon: ActorSession? { success.session }

    /// An entry of a function's menu, by id (its button's); `label` is what the menu shows.
    public enum MenuEntry: String, CaseIterable, Sendable {
        case settlementInstructions, stockPositions, moneyPositions, nomineeServices, collateral
        case dailyFinalClearingStatement, settlementReport, moneyLedger, stockMovementReport, nomineeActivitiesReport
        case onlineFunctions, overnightReportDownload
        case maintainUserProfile

        public var label: String {
            switch self {
            case .settlementInstructions: "Settlement Instruction Maintenance"
            case .stockPositions: "Stock Position Enquiry"
            case .moneyPositions: "Money Position Enquiry"
            case .nomineeServices: "Nominee Services"
            case .collateral: "Collateral Management"
            case .dailyFinalClearingStatement: "Daily Final Clearing Statement"
            case .settlementReport: "Settlement Report"
            case .moneyLedger: "Statement of Money Ledger"
            case .stockMovementReport: "Stock Movement Report"
            case .nomineeActivitiesReport: "Nominee Activities Report"
            case .onlineFunctions: "Online Functions"
            case .overnightReportDownload: "Overnight Report Download"
            case .maintainUserProfile: Texts.maintainUserProfile
            }
        }
    }

    /// The menu of each function. The emulation stops at the logon: these are the doors (DMS's
    /// Maintain User Profile is emulated).
    public static func menu(_ function: TerminalFunction) -> [MenuEntry] {
        switch function {
        case .onlineFunctions: [.settlementInstructions, .stockPositions, .moneyPositions, .nomineeServices, .collateral]
        case .overnightReports: [.dailyFinalClearingStatement, .settlementReport, .moneyLedger, .stockMovementReport, .nomineeActivitiesReport]
        case .smartcardTerminal: [.onlineFunctions, .overnightReportDownload]
        case .securityManagement: [.maintainUserProfile]
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
        case .activate(MenuEntry.maintainUserProfile.rawValue):
            return [.message(nil), .show(MaintainUserProfileScreen(success: success).screen)]
        case .activate(let id):
            guard let entry = MenuEntry(rawValue: id) else { return [] }
            return [.message(.info("\(entry.label) is outside this emulator, which covers the logon only."))]
        case .escape:
            form?.focus(on: "logout")
            return [.message(.info("Select Logout to leave."))]
        default:
            return []
        }
    }
}
