import AuthDomain

/// After the first password logon: REGISTER DEVICE or SKIP THIS STEP (Appendix C h, i, o).
public struct ChannelSetupScreen: ScreenModel {
    public static let name = "channel-setup"
    /// The buttons its forms offer, for coverage reports (`Screens.all`).
    public enum Button: String, CaseIterable { case register, skip }
    public static var buttons: [String] { Button.allCases.map(\.rawValue) }
    public var session: FlowSession
    public var function: TerminalFunction?
    public var form: Form? = Form([
        .button(Button.register, label: Texts.registerDevice),
        .button(Button.skip, label: Texts.skipThisStep),
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
        case .activate(Button.register.rawValue):
            return [.call(.beginDeviceRegistration(session), label: "Preparing your QR code...")]
        case .activate(Button.skip.rawValue):
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
