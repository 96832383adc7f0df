import AuthEngine

/// After an expired password: a forced change (new password twice), then the logon goes on.
public struct PasswordExpiredScreen: Equatable, Sendable {
    public var session: FlowSession
    public var function: TerminalFunction
    public var form: Form

    public init(session: FlowSession, function: TerminalFunction) {
        self.session = session
        self.function = function
        form = Form([
            .field(TextField(Texts.newPassword, kind: .password)),
            .field(TextField(Texts.confirmPassword, kind: .password)),
            .button(id: "submit", label: Texts.submit),
        ], submit: "submit")
    }

    static func handle(_ screen: PasswordExpiredScreen, _ input: Input, _ state: inout AppState) -> [Effect] {
        var s = screen
        defer { if case .passwordExpired = state.screen { state.screen = .passwordExpired(s) } }
        switch s.form.handle(input) {
        case .activate("submit"):
            let new = s.form.text(Texts.newPassword), confirmation = s.form.text(Texts.confirmPassword)
            if let problem = PasswordChecks.precheck(new, confirmation, userID: s.session.userID, policy: state.policy) {
                state.message = .error(problem)
                return []
            }
            return state.call(.changeExpiredPassword(s.session, new: new, confirmation: confirmation), "Changing your password...")
        case .escape:
            return state.leaveToLogon()
        case .message(let text):
            state.message = .error(text)
        default:
            break
        }
        return []
    }

    static func receive(_ screen: PasswordExpiredScreen, _ result: EngineResult, _ state: inout AppState) -> [Effect] {
        guard case .expiredChange(let change) = result else { return [] }
        switch change {
        case .changed(let next):
            let effects = Navigation.apply(next, function: screen.function, userID: screen.session.userID, &state)
            if state.message == nil || state.message?.kind == .info {
                state.message = .success("Password changed. \(state.message?.text ?? "")")
            }
            return effects
        case .notChanged(let outcome):
            var s = screen
            s.form.clear(Texts.newPassword)
            s.form.clear(Texts.confirmPassword)
            s.form.focus(on: Texts.newPassword)
            state.screen = .passwordExpired(s)
            state.message = .error(PasswordChecks.describe(outcome))
            return []
        }
    }
}

/// The password checks screens make before submitting, and how refusals read.
public enum PasswordChecks {
    /// Nil when the two entries match and every rule of the policy holds.
    public static func precheck(_ new: String, _ confirmation: String, userID: String, policy: PasswordPolicy) -> String? {
        if new.isEmpty { return "Please enter the new password twice." }
        let failures = policy.failures(new, context: PasswordContext(userID: userID))
        if !failures.isEmpty { return describe(.rejected(failures)) }
        if new != confirmation { return Texts.passwordsDiffer }
        return nil
    }

    public static func describe(_ outcome: PasswordChangeOutcome) -> String {
        switch outcome {
        case .changed: return Texts.passwordChanged
        case .mismatch: return Texts.passwordsDiffer
        case .rejected(let rules): return "The new password does not meet: " + rules.map(\.label).joined(separator: "; ") + "."
        case .sameAsCurrent: return Texts.sameAsCurrent
        case .invalidCredentials: return Texts.invalidCredentials
        case .locked: return Texts.locked
        case .disabled: return Texts.disabled
        }
    }
}
