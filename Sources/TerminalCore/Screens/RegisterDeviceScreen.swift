import AuthDomain

/// REGISTER DEVICE: the QR code and the key for manual entry, then LOGIN USING VERIFICATION
/// CODE, the OTP and SUBMIT (Appendix C i-m).
public struct RegisterDeviceScreen: ScreenModel {
    public static let name = "register-device"
    /// The buttons its forms offer, for coverage reports (`Screens.all`).
    public enum Button: String, CaseIterable { case code, back, submit }
    public static var buttons: [String] { Button.allCases.map(\.rawValue) }
    public enum Step: Equatable, Sendable { case scan, code }

    public var session: FlowSession
    public var function: TerminalFunction?
    public var registration: DeviceRegistration
    public var step: Step
    public var form: Form?

    public init(session: FlowSession, function: TerminalFunction, registration: DeviceRegistration) {
        self.session = session
        self.function = function
        self.registration = registration
        step = .scan
        form = Self.scanForm
    }

    static let scanForm = Form([
        .button(Button.code, label: Texts.loginUsingCode),
        .button(Button.back, label: Texts.back),
    ])

    static func codeForm(digits: Int) -> Form {
        Form([
            .field(TextField(Texts.otp, kind: .digits(max: digits))),
            .button(Button.submit, label: Texts.submit),
            .button(Button.back, label: Texts.back),
        ], submit: Button.submit.rawValue)
    }

    public var flows: [FlowSession] { [session] }
    public var userID: String? { session.userID }
    public var codeEntry: CodeEntry? { step == .code ? CodeEntry(source: .app, userID: session.userID) : nil }

    public mutating func handle(_ input: Input, _ context: ScreenContext) -> [ScreenCommand] {
        guard var form else { return [] }
        let action = form.handle(input)
        self.form = form
        switch action {
        case .activate(Button.code.rawValue):
            step = .code
            self.form = Self.codeForm(digits: registration.digits)
            return [.message(.info(Texts.enterAppOTP(registration.digits)))]
        case .activate(Button.submit.rawValue):
            return OTPEntry.submit(form.text(Texts.otp), registration.prompt, session)
        case .activate(Button.back.rawValue), .escape:
            if step == .code {
                step = .scan
                self.form = Self.scanForm
                return [.message(nil)]
            }
            // The unconfirmed seed is dropped; back to the channel choice.
            return [.message(nil), .send(.abandonDeviceRegistration(session)),
                    .show(ChannelSetupScreen(session: session, function: function ?? .onlineFunctions).any)]
        case .message(let text):
            return [.message(.error(text))]
        default:
            return []
        }
    }

    public mutating func receive(_ answer: EngineAnswer, _ context: ScreenContext) -> [ScreenCommand] {
        guard case .otp(let outcome) = answer else { return [] }
        return OTPEntry.logonAnswer(outcome, session, function, context, form: &form)
    }
}
