import AuthDomain

/// After the first password logon: REGISTER DEVICE or SKIP THIS STEP (Appendix C h, i, o).
public struct ChannelSetupScreen: ScreenModel {
    public static let name = "channel-setup"
    public var session: FlowSession
    public var function: TerminalFunction?
    public var form: Form? = Form([
        .button(id: "register", label: Texts.registerDevice),
        .button(id: "skip", label: Texts.skipThisStep),
    ])

    public init(session: FlowSession, function: TerminalFunction) {
        self.session = session
        self.function = function
    }

    public var flows: [FlowSession] { [session] }
    public var userID: String? { session.userID }

    public mutating func handle(_ input: Input, _ context: ScreenContext) -> [ScreenCommand] {
        guard let action = form?.handle(input) else { return [] }
        switch action {
        case .activate("register"):
            return [.call(.beginDeviceRegistration(session), label: "Preparing your QR code...")]
        case .activate("skip"):
            return [.message(nil), .show(RiskWarningScreen(session: session, function: function ?? .onlineFunctions).any)]
        case .escape:
            return [.message(nil), .backToLogon(userID: session.userID)]
        default:
            return []
        }
    }

    public mutating func receive(_ answer: EngineAnswer, _ context: ScreenContext) -> [ScreenCommand] {
        guard case .registration(let registration) = answer else { return [] }
        return [.message(nil), .show(RegisterDeviceScreen(session: session, function: function ?? .onlineFunctions, registration: registration).any)]
    }
}
