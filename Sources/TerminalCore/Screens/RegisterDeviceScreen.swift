import AuthEngine

/// REGISTER DEVICE: the QR code and the key for manual entry, then LOGIN USING
/// VERIFICATION CODE, the OTP and SUBMIT (Appendix C k-m).
public struct RegisterDeviceScreen: Equatable, Sendable {
    public enum Step: Equatable, Sendable { case scan, code }

    public var session: FlowSession
    public var function: TerminalFunction
    public var registration: DeviceRegistration
    public var step: Step
    public var form: Form

    public init(session: FlowSession, function: TerminalFunction, registration: DeviceRegistration) {
        self.session = session
        self.function = function
        self.registration = registration
        step = .scan
        form = Self.scanForm
    }

    static let scanForm = Form([
        .button(id: "code", label: Texts.loginUsingCode),
        .button(id: "back", label: Texts.back),
    ])

    static let codeForm = Form([
        .field(TextField(Texts.otp, kind: .digits(max: 6))),
        .button(id: "submit", label: Texts.submit),
        .button(id: "back", label: Texts.back),
    ], submit: "submit")

    static func handle(_ screen: RegisterDeviceScreen, _ input: Input, _ state: inout AppState) -> [Effect] {
        var s = screen
        defer { if case .registerDevice = state.screen { state.screen = .registerDevice(s) } }
        switch s.form.handle(input) {
        case .activate("code"):
            s.step = .code
            s.form = codeForm
            state.message = .info(Texts.enterAppOTP)
        case .activate("submit"):
            return state.submitAppOTP(s.session, code: s.form.text(Texts.otp))
        case .activate("back"), .escape:
            state.message = nil
            if s.step == .code {
                s.step = .scan
                s.form = scanForm
                return []
            }
            // The unconfirmed seed is dropped; back to the channel choice.
            let effects = state.call(.abandonDeviceRegistration(s.session), "")
            state.screen = .channelSetup(ChannelSetupScreen(session: s.session, function: s.function))
            return effects
        case .message(let text):
            state.message = .error(text)
        default:
            break
        }
        return []
    }

    static func receive(_ screen: RegisterDeviceScreen, _ result: EngineResult, _ state: inout AppState) -> [Effect] {
        guard case .otp(let outcome) = result else { return [] }
        return Navigation.apply(outcome, session: screen.session, function: screen.function, &state)
    }
}
