import AuthEngine

/// The landing page (s4, s5): the logon methods and functions of the phase.
public struct LandingScreen: Equatable, Sendable {
    public struct Option: Equatable, Sendable {
        public var label: String
        public var function: TerminalFunction
        public var smartcard: Bool
        /// The connectivity verification of s3.3: the SSO server's page, no logon.
        public var verification = false
    }

    public var options: [Option]
    public var focus: Int

    public init(console: Console, phase: ServicePhase) {
        var options: [Option] = []
        if phase.twoFactorInService {
            switch console {
            case .terminal:
                options.append(Option(label: Texts.otpOnline, function: .onlineFunctions, smartcard: false))
                options.append(Option(label: Texts.otpReports, function: .overnightReports, smartcard: false))
            case .dms:
                options.append(Option(label: Texts.otpDMS, function: .securityManagement, smartcard: false))
            }
        }
        if phase.smartcardInService {
            switch console {
            case .terminal: options.append(Option(label: Texts.smartcardTerminal, function: .smartcardTerminal, smartcard: true))
            case .dms: options.append(Option(label: Texts.smartcardDMS, function: .securityManagement, smartcard: true))
            }
        }
        options.append(Option(label: Texts.connectivityVerification, function: .onlineFunctions, smartcard: false, verification: true))
        self.options = options
        focus = 0
    }

    static func handle(_ screen: LandingScreen, _ input: Input, _ state: inout AppState) -> [Effect] {
        var s = screen
        defer { if case .landing = state.screen { state.screen = .landing(s) } }
        guard case .key(let key) = input, !s.options.isEmpty else { return [] }
        switch key {
        case .tab, .down, .right: s.focus = (s.focus + 1) % s.options.count
        case .backTab, .up, .left: s.focus = (s.focus + s.options.count - 1) % s.options.count
        case .character(let c) where c.isNumber:
            if let n = Int(String(c)), (1...s.options.count).contains(n) { s.focus = n - 1; return open(s, &state) }
        case .enter: return open(s, &state)
        default: break
        }
        return []
    }

    private static func open(_ s: LandingScreen, _ state: inout AppState) -> [Effect] {
        let option = s.options[s.focus]
        state.message = nil
        if option.verification {
            state.screen = .connectivityCheck(ConnectivityCheckScreen())
            return []
        }
        if let closed = state.closedNotice {
            state.message = .error(closed)
            return []
        }
        state.screen = option.smartcard ? .smartcard(SmartcardScreen(function: option.function))
                                        : .logon(LogonScreen(function: option.function))
        return []
    }
}
