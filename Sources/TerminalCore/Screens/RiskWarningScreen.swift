import AuthEngine

/// "Potential Risk" after SKIP THIS STEP: ACCEPT, or back to the channel choice (Appendix C p).
public struct RiskWarningScreen: Equatable, Sendable {
    public var session: FlowSession
    public var function: TerminalFunction
    public var form: Form

    public init(session: FlowSession, function: TerminalFunction) {
        self.session = session
        self.function = function
        form = Form([
            .button(id: "accept", label: Texts.accept),
            .button(id: "back", label: Texts.back),
        ])
    }

    static func handle(_ screen: RiskWarningScreen, _ input: Input, _ state: inout AppState) -> [Effect] {
        var s = screen
        defer { if case .riskWarning = state.screen { state.screen = .riskWarning(s) } }
        switch s.form.handle(input) {
        case .activate("accept"):
            return state.call(.skipDeviceRegistration(s.session), "Sending your OTP by email...")
        case .activate("back"), .escape:
            state.message = nil
            state.screen = .channelSetup(ChannelSetupScreen(session: s.session, function: s.function))
        default:
            break
        }
        return []
    }

    static func receive(_ screen: RiskWarningScreen, _ result: EngineResult, _ state: inout AppState) -> [Effect] {
        guard case .skipped(let notice) = result else { return [] }
        state.message = EmailOTPScreen.noticeMessage(notice, now: state.now)
        state.screen = .emailOTP(EmailOTPScreen(session: screen.session, function: screen.function, notice: notice))
        return []
    }
}
