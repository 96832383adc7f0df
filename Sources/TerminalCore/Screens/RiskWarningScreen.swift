import AuthDomain

/// "Potential Risk" after SKIP THIS STEP: ACCEPT, or back to the channel choice (Appendix C p).
public struct RiskWarningScreen: ScreenModel {
    public var screen: Screen { .potentialRisk(self) }
    /// The buttons its forms offer, for coverage reports (`Screen.Kind`).
    public enum Button: String, CaseIterable { case accept, back }
    public static var buttons: [String] { Button.allCases.map(\.rawValue) }
    public var session: FlowSession
    public var function: TerminalFunction?
    /// A warning's default is the safe choice: the focus starts on BACK, so a stray Enter does
    /// not accept the risk.
    public var form: Form? = Form([
        .button(Button.accept, label: Texts.accept),
        .button(Button.back, label: Texts.back),
    ], focusOn: Button.back.rawValue)

    public init(session: FlowSession, function: TerminalFunction) {
        self.session = session
        self.function = function
    }

    public var flows: [FlowSession] { [session] }
    public var userID: String? { session.userID }

    public func keys(_ context: ScreenContext) -> KeyTable { .form(form, back: "back", backDetail: "back to the channel choice") }

    public mutating func perform(_ key: KeyAction, _ input: Input, _ context: ScreenContext) -> [ScreenCommand] {
        guard let action = formAction(key, input) else { return [] }
        switch action {
        case .activate(Button.accept.rawValue):
            return [Self.ask(.skipDeviceRegistration(session), label: "Sending your OTP by email...")]
        case .activate(Button.back.rawValue), .escape:
            // Back to the choice, on SKIP THIS STEP, which opened the warning.
            return [.message(nil), .show(ChannelSetupScreen(session: session, function: function ?? .onlineFunctions, focus: .skip).screen)]
        default:
            return []
        }
    }

    public mutating func receive(_ notice: EmailOTPNotice, _ context: ScreenContext) -> [ScreenCommand] {
        [.message(OTPReply.arrival(notice)), .show(EmailOTPScreen(session: session, function: function ?? .onlineFunctions, notice: notice).screen)]
    }
}
