/// Connectivity verification (s3.3): the page of the new 2FA (SSO) server, reached without
/// logging in, to show that the network lets the terminal through.
public struct ConnectivityCheckScreen: ScreenModel {
    public static let name = "connectivity-verification"
    /// The buttons its forms offer, for coverage reports (`Screens.all`).
    public enum Button: String, CaseIterable { case close }
    public static var buttons: [String] { Button.allCases.map(\.rawValue) }
    public var form: Form? = Form([.button(Button.close, label: Texts.close)])

    public init() {}

    public mutating func handle(_ input: Input, _ context: ScreenContext) -> [ScreenCommand] {
        switch form?.handle(input) {
        case .activate(Button.close.rawValue)?, .escape?:
            return [.show(LandingScreen(console: context.console, phase: context.phase).any),
                    .message(.info("Connectivity verified. The window was closed without logging on."))]
        default:
            return []
        }
    }
}
