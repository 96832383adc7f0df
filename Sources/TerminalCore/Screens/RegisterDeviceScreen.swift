import AuthDomain

/// REGISTER DEVICE: the QR code and the key for manual entry, then LOGIN USING VERIFICATION
/// CODE, the OTP and SUBMIT (Appendix C i-m).
public struct RegisterDeviceScreen: ScreenModel {
    public var screen: Screen { .registerDevice(self) }
    /// The buttons its forms offer, for coverage reports (`Screen.Kind`).
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
            .field(TextField(.otp, kind: .digits(max: digits))),
            .button(Button.submit, label: Texts.submit),
            .button(Button.back, label: Texts.back),
        ], submit: Button.submit.rawValue)
    }

    public var flows: [FlowSession] { [session] }
    public var userID: String? { session.userID }
    public var codeEntry: CodeEntry? { step == .code ? CodeEntry(source: .app, userID: session.userID) : nil }

    public func keys(_ context: ScreenContext) -> KeyTable { .form(form, back: "back", backDetail: "back to the QR code, or to the channel choice") }

    public mutating func perform(_ key: KeyAction, _ input: Input, _ context: ScreenContext) -> [ScreenCommand] {
        guard let action = formAction(key, input), let form else { return [] }
        switch action {
        case .activate(Button.code.rawValue):
            step = .code
            self.form = Self.codeForm(digits: registration.digits)
            return [.message(.info(Texts.enterAppOTP(registration.digits)))]
        case .activate(Button.submit.rawValue):
            return OTPEntry.submitLogon(form.text(.otp), registration.prompt, session, for: Self.self) { $0 }
        case .activate(Button.back.rawValue), .escape:
            if step == .code {
                step = .scan
                self.form = Self.scanForm
                return [.message(nil)]
            }
            // The unconfirmed seed is dropped; back to the channel choice.
            return [.message(nil), .leave(.abandonDeviceRegistration(session)),
                    .show(ChannelSetupScreen(session: session, function: function ?? .onlineFunctions, focus: .register).screen)]
        case .message(let text):
            return [.message(.error(text))]
        default:
            return []
        }
    }

    public mutating func receive(_ outcome: CodeOutcome<LogonStep>, _ context: ScreenContext) -> [ScreenCommand] {
        OTPEntry.logonAnswer(outcome, session, function, context, form: &form)
    }
}
