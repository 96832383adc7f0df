import AuthEngine

/// Logon with smartcard while it is in service: User ID and the 6-8 digit smartcard password.
public struct SmartcardScreen: Equatable, Sendable {
    public var function: TerminalFunction
    public var form: Form

    public init(function: TerminalFunction) {
        self.function = function
        form = Form([
            .field(TextField(Texts.userID, kind: .userID)),
            .field(TextField(Texts.smartcardPassword, kind: .digits(max: 8), masked: true)),
            .button(id: "logon", label: Texts.logon),
        ], submit: "logon")
    }

    static func handle(_ screen: SmartcardScreen, _ input: Input, _ state: inout AppState) -> [Effect] {
        var s = screen
        defer { if case .smartcard = state.screen { state.screen = .smartcard(s) } }
        switch s.form.handle(input) {
        case .activate("logon"):
            let userID = s.form.text(Texts.userID)
            if let problem = LogonScreen.checkUserID(userID) {
                state.message = .error(problem)
                s.form.focus(on: Texts.userID)
                return []
            }
            let password = s.form.text(Texts.smartcardPassword)
            guard AuthEngine.isValidSmartcardPassword(password) else {
                state.message = .error("The smartcard password is 6 to 8 digits.")
                s.form.focus(on: Texts.smartcardPassword)
                return []
            }
            state.message = nil
            return state.call(.smartcardLogon(userID: userID, password: password), "Reading your smartcard...")
        case .escape:
            state.message = nil
            state.screen = .landing(LandingScreen(console: state.console, phase: state.phase))
        case .message(let text):
            state.message = .error(text)
        default:
            break
        }
        return []
    }

    static func receive(_ screen: SmartcardScreen, _ result: EngineResult, _ state: inout AppState) -> [Effect] {
        guard case .smartcard(let outcome) = result else { return [] }
        switch outcome {
        case .loggedOn(let success):
            return Navigation.loggedOn(success, function: screen.function, &state)
        case .invalid, .locked, .disabled:
            var s = screen
            s.form.clear(Texts.smartcardPassword)
            s.form.focus(on: Texts.smartcardPassword)
            state.screen = .smartcard(s)
            state.message = .error(outcome == .locked ? Texts.locked : outcome == .disabled ? Texts.disabled
                                   : "Invalid User ID or smartcard password. Please try again.")
            return []
        }
    }
}
