/// Connectivity verification (s3.3): the page of the new 2FA (SSO) server, reached without
/// logging in, to show that the network lets the terminal through.
public struct ConnectivityCheckScreen: Equatable, Sendable {
    public var form = Form([.button(id: "close", label: Texts.close)])

    public init() {}

    static func handle(_ screen: ConnectivityCheckScreen, _ input: Input, _ state: inout AppState) -> [Effect] {
        var s = screen
        defer { if case .connectivityCheck = state.screen { state.screen = .connectivityCheck(s) } }
        switch s.form.handle(input) {
        case .activate("close"), .escape:
            state.screen = .landing(LandingScreen(console: state.console, phase: state.phase))
            state.message = .info("Connectivity verified. The window was closed without logging on.")
        default:
            break
        }
        return []
    }
}
