import AuthDomain

/// After the first password logon: REGISTER DEVICE or SKIP THIS STEP (Appendix C h, i, o).
public struct ChannelSetupScreen: ScreenModel {
    public var screen: Screen { .channelSetup(self) }
    /// The buttons its forms offer, for coverage reports (`Screen.Kind`).
    public enum Button: String, CaseIterable { case register, skip }
    public static var buttons: [String] { Button.allCases.map(\.rawValue) }
    public var session: FlowSession
    public var function: TerminalFunction?
    public var form: Form? = Form([
        .button(Button.register, label: Texts.registerDevice),
        .button(Button.skip, label: Texts.skipThisStep),
    ])

    /// `focus`: the button in focus (SKIP THIS STEP when coming back from the warning it opened).
    public init(session: FlowSession, function: TerminalFunction, focus: Button = .register) {
        self.session = session
        self.function = function
        form?.focus(on: focus.rawValue)
    }

    public var flows: [FlowSession] { [session] }
    public var userID: String? { session.userID }

    public func keys(_ context: ScreenContext) -> KeyTable { .form(form, back: "back", backDetail: "back to the logon page") }

    public mutating func perform(_ key: KeyAction, _ input: Input, _ context: ScreenContext) -> [ScreenCommand] {
        guard let action = formAction(key, input) else { return [] }
        switch action {
        case .activate(Button.register.rawValue):
            return [Self.ask(.beginDeviceRegistration(session), label: "Preparing your QR code...")]
        case .activate(Button.skip.rawValue):
            return [.message(nil), .show(RiskWarningScreen(session: session, function: function ?? .onlineFunctions).screen)]
        case .escape:
            return [.message(nil), .backToLogon(userID: session.userID)]
        default:
            return []
        }
    }

    public mutating func receive(_ registration: DeviceRegistration, _ context: ScreenContext) -> [ScreenCommand] {
        [.message(nil), .show(RegisterDeviceScreen(session: session, function: function ?? .onlineFunctions, registration: registration).screen)]
    }
}
