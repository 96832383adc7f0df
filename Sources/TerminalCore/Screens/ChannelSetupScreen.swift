import AuthEngine

/// After the first password logon: REGISTER DEVICE or SKIP THIS STEP (Appendix C h, i, o).
public struct ChannelSetupScreen: Equatable, Sendable {
    public var session: FlowSession
    public var function: TerminalFunction
    public var form: Form

    public init(session: FlowSession, function: TerminalFunction) {
        self.session = session
        self.function = function
        form = Form([
            .button(id: "register", label: Texts.registerDevice),
            .button(id: "skip", label: Texts.skipThisStep),
        ])
    }

    static func handle(_ screen: ChannelSetupScreen, _ input: Input, _ state: inout AppState) -> [Effect] {
        var s = screen
        defer { if case .channelSetup = state.screen { state.screen = .channelSetup(s) } }
        switch s.form.handle(input) {
        case .activate("register"):
            return state.call(.beginDeviceRegistration(s.session), "Preparing your QR code...")
        case .activate("skip"):
            state.message = nil
            state.screen = .riskWarning(RiskWarningScreen(session: s.session, function: s.function))
            return []
        case .escape:
            return state.leaveToLogon()
        default:
            return []
        }
    }

    static func receive(_ screen: ChannelSetupScreen, _ result: EngineResult, _ state: inout AppState) -> [Effect] {
        guard case .registration(let registration) = result else { return [] }
        state.message = nil
        state.screen = .registerDevice(RegisterDeviceScreen(session: screen.session, function: screen.function, registration: registration))
        return []
    }
}
