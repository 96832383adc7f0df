import AuthDomain

/// AUTHENTICATION SETTINGS (Appendix D d): for accounts with a registered device, after the
/// password and an app OTP: "x Delete" the device (confirmed a second time), or Settings to
/// switch OATH off and use email. The form is derived from the stage.
public struct AuthenticationSettingsPopup: ScreenModel {
    public var screen: Screen { .authenticationSettings(self) }
    /// The buttons its forms offer, for coverage reports (`Screen.Kind`).
    public enum Button: String, CaseIterable { case close, submit, delete, oath, keep, confirmDelete = "confirm-delete", save }
    public static var buttons: [String] { Button.allCases.map(\.rawValue) }
    public static let isPopup = true

    public enum Stage: Equatable, Sendable {
        case credentials(userID: TextField, password: TextField)
        case otp(FlowSession, OTPPrompt, otp: TextField)
        /// The registered device, with x Delete and Settings; the focus starts on Close.
        case settings(FlowSession)
        /// The second deliberate step before the device is deleted.
        case confirmDelete(FlowSession)
        case oath(FlowSession, Toggle)
        case done(String)
        case refused(String)
    }

    public var stage: Stage
    private var focus: Int

    public init(userID: String) {
        stage = .credentials(userID: TextField(.userID, kind: .userID, text: userID), password: TextField(.password, kind: .password))
        focus = userID.isEmpty ? 0 : 1
    }

    public var session: FlowSession? {
        switch stage {
        case .otp(let s, _, _), .settings(let s), .confirmDelete(let s), .oath(let s, _): s
        case .credentials, .done, .refused: nil
        }
    }

    public var flows: [FlowSession] { session.map { [$0] } ?? [] }
    public var codeEntry: CodeEntry? {
        if case .otp(let s, let prompt, _) = stage { return CodeEntry(source: prompt.source, userID: s.userID) }
        return nil
    }
    public var userID: String? {
        if case .credentials(let field, _) = stage { return field.text }
        return session?.userID
    }

    private static let close = FormItem.button(Button.close, label: Texts.close)

    public var form: Form? {
        get {
            switch stage {
            case .credentials(let userID, let password):
                return Form([.field(userID), .field(password), .button(Button.submit, label: Texts.submit), Self.close], submit: Button.submit.rawValue, focus: focus)
            case .otp(_, _, let otp):
                return Form([.field(otp), .button(Button.submit, label: Texts.submit), Self.close], submit: Button.submit.rawValue, focus: focus)
            case .settings:
                return Form([.button(Button.delete, label: Texts.deleteDevice), .button(Button.oath, label: Texts.settings), Self.close], focus: focus)
            case .confirmDelete:
                return Form([.button(Button.keep, label: "Keep the device"), .button(Button.confirmDelete, label: Texts.deleteDevice)], focus: focus)
            case .oath(_, let toggle):
                return Form([.toggle(toggle), .button(Button.save, label: Texts.save), Self.close], submit: Button.save.rawValue, focus: focus)
            case .done, .refused:
                return Form([Self.close])
            }
        }
        set {
            guard let newValue else { return }
            focus = newValue.focus
            switch stage {
            case .credentials(let userID, let password):
                stage = .credentials(userID: newValue.field(userID.id) ?? userID, password: newValue.field(password.id) ?? password)
            case .otp(let s, let prompt, let otp):
                stage = .otp(s, prompt, otp: newValue.field(otp.id) ?? otp)
            case .oath(let s, let toggle):
                stage = .oath(s, newValue.toggle(toggle.id) ?? toggle)
            case .settings, .confirmDelete, .done, .refused:
                break
            }
        }
    }

    private var isDone: Bool { if case .done = stage { true } else { false } }

    private mutating func go(_ next: Stage, focus: Int = 0) {
        stage = next
        self.focus = focus
    }

    public func keys(_ context: ScreenContext) -> KeyTable {
        switch stage {
        case .confirmDelete, .oath: .form(form, back: "back", backDetail: "back to the AUTHENTICATION SETTINGS")
        case .credentials, .otp, .settings, .done, .refused: .form(form, back: "close", backDetail: "close the pop-up (the focus returns to what opened it)")
        }
    }

    public mutating func perform(_ key: KeyAction, _ input: Input, _ context: ScreenContext) -> [ScreenCommand] {
        guard let action = formAction(key, input) else { return [] }
        switch (action, stage) {
        case (.activate(Button.close.rawValue), _), (.escape, .credentials), (.escape, .otp), (.escape, .settings), (.escape, .done), (.escape, .refused):
            return PopupClose.commands(done: isDone, session: session)
        case (.escape, .confirmDelete(let session)), (.activate(Button.keep.rawValue), .confirmDelete(let session)), (.escape, .oath(let session, _)):
            go(.settings(session), focus: 2)
            return [.message(.info(Texts.oneRegisteredDevice))]
        case (.activate(Button.submit.rawValue), .credentials(let userID, let password)):
            if let problem = LogonScreen.checkUserID(userID.text) {
                focus = 0
                return [.message(.error(problem))]
            }
            guard !password.text.isEmpty else {
                focus = 1
                return [.message(.error(Texts.enterPassword))]
            }
            return [Self.ask(.startAuthenticationSettings(userID: userID.text, password: password.text, context.console.service),
                             label: "Verifying your User ID and Password...", as: Reply.start)]
        case (.activate(Button.submit.rawValue), .otp(let session, let prompt, let otp)):
            return OTPEntry.submit(otp.text, prompt) { Self.ask(.submitSettingsOTP(session, code: $0), label: $1, as: Reply.code) }
        case (.activate(Button.delete.rawValue), .settings(let session)):
            go(.confirmDelete(session))
            return [.message(.warning("Delete the registered device? At your next logon you will set up the OTP channel again."))]
        case (.activate(Button.confirmDelete.rawValue), .confirmDelete(let session)):
            return [Self.ask(.changeSettings(session, .deviceDeleted), label: "Deleting the registered device...", as: Reply.saved)]
        case (.activate(Button.oath.rawValue), .settings(let session)):
            go(.oath(session, Toggle(id: "oath", label: Texts.oathSetting, isOn: true)))
            return [.message(.info("Space turns the setting on or off; Save keeps it."))]
        case (.activate(Button.save.rawValue), .oath(let session, let toggle)):
            if toggle.isOn { return [.message(.info("Nothing changed: OATH stays enabled."))] }
            return [Self.ask(.changeSettings(session, .oathDisabled), label: "Saving...", as: Reply.saved)]
        case (.message(let text), _):
            return [.message(.error(text))]
        default:
            return []
        }
    }

    public enum Reply: Sendable {
        case start(SettingsStart)
        case code(CodeOutcome<SettingsStep>)
        case saved(SettingsChange)
    }

    public mutating func receive(_ reply: Reply, _ context: ScreenContext) -> [ScreenCommand] {
        switch reply {
        case .start(let start):
            switch start {
            case .enterAppOTP(let session, let prompt):
                go(.otp(session, prompt, otp: TextField(.otp, kind: .digits(max: prompt.digits))))
                return [.message(.info(Texts.enterAppOTP(prompt.digits)))]
            case .askDelegatedAdministrator(let kind):
                go(.refused(kind == .user
                    ? "Authentication settings need a registered mobile device. Please ask your Delegated Administrator to perform Unlock/ Reset OTP Device Registration."
                    : "Authentication settings need a registered mobile device. Please ask your company to submit eService DA3 (Unlock DA Account) to HKEX. \(Texts.contactHKEX)"))
                return [.message(nil)]
            case .invalid:
                if case .credentials(let userID, var password) = stage {
                    password.clear()
                    go(.credentials(userID: userID, password: password), focus: 1)
                }
                return [.message(.error(Texts.invalidCredentials))]
            case .locked, .disabled:
                go(.refused(start == .locked ? Texts.locked() : Texts.disabled))
                return [.message(nil)]
            }
        case .code(.accepted(.authenticationSettings(let session))):
            go(.settings(session), focus: 2)
            return [.message(.info(Texts.oneRegisteredDevice))]
        case .code(let outcome):
            if let refusal = OTPReply.refusal(outcome), case .otp(let session, let prompt, var otp) = stage {
                otp.clear()
                stage = .otp(session, prompt, otp: otp)
                return [.message(.error(refusal))]
            }
            go(.refused(outcome == .locked ? Texts.locked() : OTPReply.threeWrong + " Please start again."))
            return [.message(nil)]
        case .saved(let change):
            go(.done(change == .deviceDeleted
                ? "The registered device has been deleted. At your next logon, set up the OTP channel again."
                : "Multi-factor authentication using OATH is disabled. Your OTP will be sent to your registered email address from the next logon."))
            return [.message(.success("Authentication settings saved."))]
        }
    }
}
