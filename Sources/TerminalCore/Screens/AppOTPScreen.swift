import AuthEngine

/// Ongoing logon with the authenticator app: the OTP and SUBMIT (Appendix C w).
public struct AppOTPScreen: Equatable, Sendable {
    public var session: FlowSession
    public var function: TerminalFunction
    public var form: Form

    public init(session: FlowSession, function: TerminalFunction) {
        self.session = session
        self.function = function
        form = Form([
            .field(TextField(Texts.otp, kind: .digits(max: 6))),
            .button(id: "submit", label: Texts.submit),
        ], submit: "submit")
    }

    static func handle(_ screen: AppOTPScreen, _ input: Input, _ state: inout AppState) -> [Effect] {
        var s = screen
        defer { if case .appOTP = state.screen { state.screen = .appOTP(s) } }
        switch s.form.handle(input) {
        case .activate("submit"):
            return state.submitAppOTP(s.session, code: s.form.text(Texts.otp))
        case .escape:
            return state.leaveToLogon()
        case .message(let text):
            state.message = .error(text)
        default:
            break
        }
        return []
    }

    static func receive(_ screen: AppOTPScreen, _ result: EngineResult, _ state: inout AppState) -> [Effect] {
        guard case .otp(let outcome) = result else { return [] }
        return Navigation.apply(outcome, session: screen.session, function: screen.function, &state)
    }
}
