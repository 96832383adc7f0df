import AuthDomain

/// The landing page (s4, s5): exactly the logon options of the console and phase, chosen with
/// 1-N, arrows and Enter. V opens the connectivity verification of s3.3 (no logon).
public struct LandingScreen: ScreenModel {
    public static let name = "landing"
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

    public mutating func handle(_ input: Input, _ context: ScreenContext) -> [ScreenCommand] {
        guard case .key(let key) = input else { return [] }
        switch key {
        case .character(let c) where c.lowercased() == String(Self.verificationKey):
            return [.message(nil), .show(ConnectivityCheckScreen().any)]
        case .escape:
            return [.message(.info("Press Ctrl-C to leave the terminal."))]
        default:
            break
        }
        guard !options.isEmpty else { return [] }
        switch key {
        case .tab, .down, .right: focus = (focus + 1) % options.count
        case .backTab, .up, .left: focus = (focus + options.count - 1) % options.count
        case .character(let c) where c.isNumber:
            guard let n = Int(String(c)), (1...options.count).contains(n) else {
                return [.message(.error("Choose 1 to \(options.count)."))]
            }
            focus = n - 1
            return open(context)
        case .enter: return open(context)
        default: break
        }
        return []
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
        let next = option.usesSmartcard ? SmartcardScreen(function: function, console: context.console).any : LogonScreen(function: function).any
        return [.message(nil), .show(next)]
    }
}
