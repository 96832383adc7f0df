import AuthDomain

/// The landing page (s4, s5): exactly the logon options of the console and phase, chosen with
/// 1-N, arrows and Enter. V opens the connectivity verification of s3.3 (no logon).
public struct LandingScreen: ScreenModel {
    public var screen: Screen { .landing(self) }
    public var options: [LogonOption]
    public var focus: Int
    /// An option was chosen while the service is closed: the notice is shown in full.
    public var triedWhileClosed = false

    public init(console: Console, phase: ServicePhase) {
        options = LogonOption.offered(on: console.service, in: phase)
        focus = 0
    }

    public var form: Form? {
        get { nil }
        set {}
    }

    /// The key that opens the connectivity verification.
    public static let verificationKey: Character = "v"

    /// While the service is closed nothing opens: the choices still answer (with the notice),
    /// but only the verification is hinted.
    public func keys(_ context: ScreenContext) -> KeyTable {
        let open = context.closedNotice == nil && !options.isEmpty
        return KeyTable([
            KeyBinding([.digits], .choose, label: options.count > 1 ? "1-\(options.count)" : "1", help: open ? "choose" : "",
                       detail: "choose a logon option"),
            KeyBinding([.enter], .choose, label: "Enter", help: open ? "open" : "", detail: "open the option in focus"),
            KeyBinding([.key(.character("v")), .key(.character("V"))], .verifyConnectivity, label: "V", help: "verify connectivity",
                       detail: "the connectivity verification (s3.3: the SSO server's page, no logon)"),
            KeyBinding([.tab, .backTab, .up, .down, .left, .right], .moveFocus, label: "↑↓", help: "",
                       detail: "move between the logon options"),
            KeyBinding([.escape], .back, label: "Esc", help: "", detail: "says how to leave (Ctrl-C)"),
        ])
    }

    public mutating func perform(_ action: KeyAction, _ input: Input, _ context: ScreenContext) -> [ScreenCommand] {
        guard case .key(let key) = input else { return [] }
        switch action {
        case .verifyConnectivity:
            return [.message(nil), .show(ConnectivityCheckScreen().screen)]
        case .back:
            return [.message(.info("Press Ctrl-C to leave the terminal."))]
        case .moveFocus where !options.isEmpty:
            let forward = [Key.tab, .down, .right].contains(key)
            focus = (focus + (forward ? 1 : options.count - 1)) % options.count
            return []
        case .choose where !options.isEmpty:
            if case .character(let c) = key {
                guard let n = Int(String(c)), (1...options.count).contains(n) else {
                    return [.message(.error("Choose 1 to \(options.count)."))]
                }
                focus = n - 1
            }
            return open(context)
        default:
            return []
        }
    }

    private mutating func open(_ context: ScreenContext) -> [ScreenCommand] {
        if context.closedNotice != nil {
            triedWhileClosed = true
            return [.message(nil)]
        }
        let option = options[focus]
        let function: TerminalFunction = switch option {
        case .otpOnlineFunctions: .onlineFunctions
        case .otpOvernightReports: .overnightReports
        case .smartcardTerminal: .smartcardTerminal
        case .otpSecurityManagement, .smartcardSecurityManagement: .securityManagement
        }
        let next = option.usesSmartcard ? SmartcardScreen(function: function, console: context.console).screen : LogonScreen(function: function).screen
        return [.message(nil), .show(next)]
    }
}
