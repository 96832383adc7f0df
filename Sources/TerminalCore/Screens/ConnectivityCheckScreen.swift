/// Connectivity verification (s3.3): the page of the new 2FA (SSO) server, reached without
/// logging in, to show that the network lets the terminal through.
public struct ConnectivityCheckScreen: ScreenModel {
    public var screen: Screen { .connectivityVerification(self) }
    /// The buttons its forms offer, for coverage reports (`Screen.Kind`).
    public enum Button: String, CaseIterable { case close }
    public static var buttons: [String] { Button.allCases.map(\.rawValue) }
    public var form: Form? = Form([.button(Button.close, label: Texts.close)])

    public init() {}

    public func keys(_ context: ScreenContext) -> KeyTable { .form(form, back: "close", backDetail: "close the page, back to the landing page") }

    public mutating func perform(_ key: KeyAction, _ input: Input, _ context: ScreenContext) -> [ScreenCommand] {
        switch formAction(key, input) {
        case .activate(Button.close.rawValue)?, .escape?:
            return [.show(LandingScreen(console: context.console, phase: context.phase).screen),
                    .message(.info("Connectivity verified. The window was closed without logging on."))]
        default:
            return []
        }
    }
}
