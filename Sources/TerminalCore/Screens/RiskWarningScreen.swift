import AuthDomain

/// "Potential Risk" after SKIP THIS STEP: ACCEPT, or back to the channel choice (Appendix C p).
public struct RiskWarningScreen: ScreenModel {
    public static let name = "potential-risk"
    /// The buttons its forms offer, for coverage reports (`Screens.all`).
    public enum Button: String, CaseIterable { case accept, back }
    public static var buttons: [String] { Button.allCases.map(\.rawValue) }
    public var session: FlowSession
    public var function: TerminalFunction?
    public var form: Form? = Form([
        .button(Button.accept, label: Texts.accept),
        .button(Button.back, label: Texts.back),
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
        case .activate(Button.accept.rawValue):
            return [.call(.skipDeviceRegistration(session), label: "Sending your OTP by email...")]
        case .activate(Button.back.rawValue), .escape:
            return [.message(nil), .show(ChannelSetupScreen(session: session, function: function ?? .onlineFunctions).any)]
        default:
            return []
        }
    }

    public mutating func receive(_ answer: EngineAnswer, _ context: ScreenContext) -> [ScreenCommand] {
        guard case .skipped(let notice) = answer else { return [] }
        return [.message(OTPReply.notice(notice)), .show(EmailOTPScreen(session: session, function: function ?? .onlineFunctions, notice: notice).any)]
    }
}
