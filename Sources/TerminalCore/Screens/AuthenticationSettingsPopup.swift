import AuthEngine

/// AUTHENTICATION SETTINGS (Appendix D d): for accounts with a registered device, after the
/// password and an app OTP: "x Delete" the device, or switch OATH off to use email.
public struct AuthenticationSettingsPopup: Equatable, Sendable {
    public enum Stage: Equatable, Sendable {
        case credentials
        case otp
        case settings
        case oath(enabled: Bool)
        case done(String)
        case refused(String)
    }

    public var stage: Stage
    public var session: FlowSession?
    public var form: Form

    public init(userID: String) {
        stage = .credentials
        form = Form([
            .field(TextField(Texts.userID, kind: .userID, text: userID)),
            .field(TextField(Texts.password, kind: .password)),
            .button(id: "submit", label: Texts.submit),
            .button(id: "close", label: Texts.close),
        ], submit: "submit", focus: userID.isEmpty ? 0 : 1)
    }

    static func oathForm(enabled: Bool) -> Form {
        Form([
            .button(id: "toggle", label: "[\(enabled ? "x" : " ")] \(Texts.oathSetting)"),
            .button(id: "save", label: Texts.save),
            .button(id: "close", label: Texts.close),
        ])
    }

    static func handle(_ popup: AuthenticationSettingsPopup, _ input: Input, _ state: inout AppState) -> [Effect] {
        var p = popup
        defer { if case .authenticationSettings = state.popup { state.popup = .authenticationSettings(p) } }
        switch p.form.handle(input) {
        case .activate("close"), .escape:
            state.popup = nil
            state.focusLogonPassword()
            if case .done = p.stage {} else { state.message = nil }
            if let session = p.session, p.stage != .credentials { return state.call(.cancel(session), "") }
        case .activate("submit") where p.stage == .credentials:
            let userID = p.form.text(Texts.userID), password = p.form.text(Texts.password)
            if let problem = LogonScreen.checkUserID(userID) {
                state.message = .error(problem)
                return []
            }
            guard !password.isEmpty else {
                state.message = .error(Texts.enterPassword)
                return []
            }
            return state.call(.startAuthenticationSettings(userID: userID, password: password), "Verifying your User ID and Password...")
        case .activate("submit") where p.stage == .otp:
            guard let session = p.session else { return [] }
            return state.submitAppOTP(session, code: p.form.text(Texts.otp))
        case .activate("delete"):
            guard let session = p.session else { return [] }
            return state.call(.deleteRegisteredDevice(session), "Deleting the registered device...")
        case .activate("oath"):
            p.stage = .oath(enabled: true)
            p.form = oathForm(enabled: true)
        case .activate("toggle"):
            if case .oath(let enabled) = p.stage {
                p.stage = .oath(enabled: !enabled)
                p.form = oathForm(enabled: !enabled)
                p.form.focus(on: "save")
            }
        case .activate("save"):
            guard let session = p.session, case .oath(let enabled) = p.stage else { return [] }
            if enabled {
                state.message = .info("Nothing changed: OATH stays enabled.")
                return []
            }
            return state.call(.disableOATH(session), "Saving...")
        case .message(let text):
            state.message = .error(text)
        default:
            break
        }
        return []
    }

    static func receive(_ popup: AuthenticationSettingsPopup, _ result: EngineResult, _ state: inout AppState) -> [Effect] {
        var p = popup
        defer { if case .authenticationSettings = state.popup { state.popup = .authenticationSettings(p) } }
        let closeOnly = Form([.button(id: "close", label: Texts.close)])
        switch result {
        case .settingsStart(let start):
            switch start {
            case .enterAppOTP(let session):
                p.session = session
                p.stage = .otp
                p.form = Form([
                    .field(TextField(Texts.otp, kind: .digits(max: 6))),
                    .button(id: "submit", label: Texts.submit),
                    .button(id: "close", label: Texts.close),
                ], submit: "submit")
                state.message = .info(Texts.enterAppOTP)
            case .askDelegatedAdministrator(let kind):
                p.stage = .refused(kind == .user
                    ? "Authentication settings need a registered mobile device. Please ask your Delegated Administrator to perform Unlock/ Reset OTP Device Registration."
                    : "Authentication settings need a registered mobile device. Please ask your company to submit eService DA3 to HKEX.")
                p.form = closeOnly
                state.message = nil
            case .invalid:
                p.form.clear(Texts.password)
                state.message = .error(Texts.invalidCredentials)
            case .locked, .disabled:
                p.stage = .refused(start == .locked ? Texts.locked : Texts.disabled)
                p.form = closeOnly
                state.message = nil
            }
        case .otp(.accepted(.authenticationSettings)):
            p.stage = .settings
            p.form = Form([
                .button(id: "delete", label: Texts.deleteDevice),
                .button(id: "oath", label: Texts.settings),
                .button(id: "close", label: Texts.close),
            ])
            state.message = .info("Registered device: \(Texts.forgeRock).")
        case .otp(let outcome):
            switch outcome {
            case .wrong(let remaining):
                p.form.clear(Texts.otp)
                state.message = .error(Texts.wrongOTP(remaining: remaining))
            case .replayed:
                p.form.clear(Texts.otp)
                state.message = .error(Texts.usedOTP)
            case .malformed(let text):
                state.message = .error(text)
            default:
                p.stage = .refused(outcome == .locked ? Texts.locked : Texts.threeWrongOTPs + " Please start again.")
                p.session = nil
                p.form = closeOnly
                state.message = nil
            }
        case .settingsSaved(let deleted):
            p.session = nil
            p.stage = .done(deleted
                ? "The registered device has been deleted. At your next logon, set up the OTP channel again."
                : "Multi-factor authentication using OATH is disabled. Your OTP will be sent to your registered email address from the next logon.")
            p.form = closeOnly
            state.message = .success("Authentication settings saved.")
        default:
            break
        }
        return []
    }
}
