import AuthEngine

/// User ID, Password, LOG IN, Forgot/Reset your Password, Change Password.
public struct LogonScreen: Equatable, Sendable {
    public var function: TerminalFunction
    public var form: Form

    public init(function: TerminalFunction, userID: String = "") {
        self.function = function
        form = Form([
            .field(TextField(Texts.userID, kind: .userID, text: userID)),
            .field(TextField(Texts.password, kind: .password)),
            .button(id: "login", label: Texts.logIn),
            .button(id: "forgot", label: Texts.forgot),
            .button(id: "change", label: Texts.changePassword),
        ], submit: "login")
    }

    static func handle(_ screen: LogonScreen, _ input: Input, _ state: inout AppState) -> [Effect] {
        var s = screen
        defer { if case .logon = state.screen { state.screen = .logon(s) } }
        switch s.form.handle(input) {
        case .none: return []
        case .message(let text):
            state.message = .error(text)
            return []
        case .escape:
            state.message = nil
            state.screen = .landing(LandingScreen(console: state.console, phase: state.phase))
            return []
        case .activate("login"):
            let userID = s.form.text(Texts.userID)
            if let problem = LogonScreen.checkUserID(userID) {
                state.message = .error(problem)
                s.form.focus(on: Texts.userID)
                return []
            }
            let password = s.form.text(Texts.password)
            guard !password.isEmpty else {
                state.message = .error(Texts.enterPassword)
                s.form.focus(on: Texts.password)
                return []
            }
            state.message = nil
            return state.call(.logon(userID: userID, password: password), "Verifying your User ID and Password...")
        case .activate("forgot"):
            state.message = nil
            state.popup = .reset(ResetPopup(userID: s.form.text(Texts.userID)))
            return []
        case .activate("change"):
            state.message = nil
            state.popup = .changePassword(ChangePasswordPopup(userID: s.form.text(Texts.userID)))
            return []
        case .activate: return []
        }
    }

    /// A user ID is 8 capital letters or digits; the message says so.
    static func checkUserID(_ userID: String) -> String? {
        do {
            try UserIDFormat.validateShape(userID)
            return nil
        } catch {
            return "\(error)"
        }
    }

    static func receive(_ screen: LogonScreen, _ result: EngineResult, _ state: inout AppState) -> [Effect] {
        guard case .logon(let outcome) = result else { return [] }
        return Navigation.apply(outcome, function: screen.function, userID: screen.form.text(Texts.userID), &state)
    }
}
