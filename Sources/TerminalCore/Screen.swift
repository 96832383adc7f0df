import AuthDomain
import Foundation

/// What a screen may read of the world while it handles input. It cannot change any of it:
/// a screen changes only itself and tells its parent the rest as `ScreenCommand`s.
public struct ScreenContext: Sendable {
    public let console: Console
    public let phase: ServicePhase
    public let now: Date
    public let size: Size
    public let policy: PasswordPolicy
    public let connectivityTest: ConnectivitySession?
    /// Nil while the service is open; otherwise why it is closed (the engine refuses too).
    public let closedNotice: String?
}

/// What a screen asks its parent to do, in order.
public enum ScreenCommand: Equatable, Sendable {
    /// Replace the screen (any pop-up closes).
    case show(Screen)
    /// Open a pop-up over the screen.
    case open(Screen)
    /// Close the pop-up; the focus is where it was on the screen that opened it.
    case close
    /// Close the pop-up after a password was set or changed: the logon page beneath takes the
    /// user ID, its password field is emptied and has the focus (the next step is to LOG IN).
    case closeToLogIn(userID: String)
    case message(StatusMessage?)
    /// An engine call whose answer comes back to this screen's `receive`, and to no other
    /// (made by the screen's `ask`, so the answer comes as the screen's own `Reply`).
    case call(AnyEngineCall, label: String)
    /// An engine call whose answer nobody waits for (leaving a flow).
    case send(AnyEngineCall)
    /// Back to the logon page of the same function (the flow has ended).
    case backToLogon(userID: String?)
    case quit
}

/// One screen or pop-up: its state, its keys and its engine answers, in one file of Screens/.
/// It is a case of `Screen` (its `screen` wraps it), and its view is an extension in
/// TerminalView/Screens/ that the renderer's exhaustive switch calls.
public protocol ScreenModel: Equatable, Sendable {
    /// The answers its engine calls bring back: one answer type, or an enum of them when the
    /// screen makes several kinds of call (`ask` ties each call to a case).
    associatedtype Reply: Sendable = Never
    /// The case of `Screen` that holds this screen.
    var screen: Screen { get }
    /// The fields and buttons the operator works in, if any (plain mode and scenarios fill it).
    var form: Form? { get set }
    /// The screen's keys: what each does, as it stands. Keys are dispatched through it (a key
    /// it does not take does nothing), and the key-hint line, `--help` and README are written
    /// from it, so no hint names a key the screen does not handle.
    func keys(_ context: ScreenContext) -> KeyTable
    /// Carries out an action of the key table (for `.form`, also a paste).
    mutating func perform(_ action: KeyAction, _ input: Input, _ context: ScreenContext) -> [ScreenCommand]
    /// Once, when the screen is shown or the pop-up opened (a listing asks for its data here).
    mutating func appear(_ context: ScreenContext) -> [ScreenCommand]
    /// The answer to a call this screen made; only ever its own, and only of the types it asked.
    mutating func receive(_ reply: Reply, _ context: ScreenContext) -> [ScreenCommand]
    /// A call of this screen was refused or failed. By default the reason is shown, and an
    /// ended session leads back to the logon page.
    mutating func fail(_ error: EngineError, _ context: ScreenContext) -> [ScreenCommand]
    /// Engine flows this screen holds, ended when the program leaves.
    var flows: [FlowSession] { get }
    /// The logon this screen works in (after logon), logged out when the program leaves.
    var logon: ActorSession? { get }
    /// The landing-page function this screen belongs to (for the way back to the logon page).
    var function: TerminalFunction? { get }
    /// The user ID the screen is about, for the trainer's panel.
    var userID: String? { get }
    /// Drawn over the screen beneath.
    static var isPopup: Bool { get }
    /// When the screen's look next changes with time alone (a countdown), if it does.
    func nextChange(after now: Date) -> Date?
    /// Every button its forms can offer, by id, for coverage reports.
    static var buttons: [String] { get }
    /// The one-time password the form's code field waits for, if it has one: a recorded
    /// session writes `otp app`/`otp email` there when the digits are that code.
    var codeEntry: CodeEntry? { get }
    /// A scrolling text that front ends without scrolling (plain mode) print whole.
    var document: [String]? { get }
    /// The coverage name of a pressed button (screens with numbered buttons group them).
    static func coverageButton(_ id: String) -> String
}

extension ScreenModel where Reply == Never {
    /// A screen that makes no engine call has nothing to receive.
    public func receive(_ reply: Never, _ context: ScreenContext) -> [ScreenCommand] {}
}

extension ScreenModel {
    /// An engine call whose answer comes back to `receive` as this screen's `Reply`.
    static func ask(_ call: EngineCall<Reply>, label: String) -> ScreenCommand where Reply: Equatable {
        .call(AnyEngineCall(call) { $0 }, label: label)
    }

    /// An engine call whose answer comes back to `receive` as the case `reply` of `Reply`.
    static func ask<Answer>(_ call: EngineCall<Answer>, label: String, as reply: @escaping @Sendable (Answer) -> Reply) -> ScreenCommand {
        .call(AnyEngineCall(call, reply: reply), label: label)
    }

    /// The answer to a call of this screen: a refusal to `fail`, else its typed reply to
    /// `receive`. The call was made by `ask` with this screen's `Reply`, so the reply is of it.
    mutating func deliver(_ answer: EngineAnswer, of call: AnyEngineCall, _ context: ScreenContext) -> [ScreenCommand] {
        switch answer.result {
        case .failure(let error):
            return fail(error, context)
        case .success(let value):
            guard let reply = call.reply(value) as? Reply else {
                // Types only: the request holds what was typed (passwords, codes).
                preconditionFailure("\(Self.self) was answered with a \(type(of: value)), which its Reply does not take")
            }
            return receive(reply, context)
        }
    }
}

extension ScreenModel {
    /// What a key of the table did, as the form says (which button, a toggle, a refusal): every
    /// key goes to the form, and the table's Esc (`.back`) reaches it as Esc, coming back as
    /// `.escape`. The form keeps what the key changed in it.
    mutating func formAction(_ key: KeyAction, _ input: Input) -> FormAction? {
        form?.handle(key == .back ? .key(.escape) : input)
    }
}

extension ScreenCommand {
    /// An engine call whose answer nobody waits for.
    static func leave(_ call: EngineCall<Done>) -> ScreenCommand { .send(AnyEngineCall(call)) }
}

/// A code field waiting for a one-time password: from the app of a user, or sent by email.
public struct CodeEntry: Equatable, Sendable {
    public var source: OTPPrompt.Source
    public var userID: String

    public init(source: OTPPrompt.Source, userID: String) {
        self.source = source
        self.userID = userID
    }
}

extension ScreenModel {
    /// A key goes where the key table says; a paste goes to the form.
    public mutating func handle(_ input: Input, _ context: ScreenContext) -> [ScreenCommand] {
        switch input {
        case .paste: return perform(.form, input, context)
        case .key(let key):
            guard let action = keys(context).action(for: key) else { return [] }
            return perform(action, input, context)
        }
    }

    public static var buttons: [String] { [] }
    public var codeEntry: CodeEntry? { nil }
    public var document: [String]? { nil }
    public static func coverageButton(_ id: String) -> String { id }
    public func appear(_ context: ScreenContext) -> [ScreenCommand] { [] }
    public func fail(_ error: EngineError, _ context: ScreenContext) -> [ScreenCommand] {
        if error == .sessionEnded { return [.message(.error(error.description)), .backToLogon(userID: userID)] }
        return [.message(.error(error.description))]
    }
    public var flows: [FlowSession] { [] }
    public var logon: ActorSession? { nil }
    public var function: TerminalFunction? { nil }
    public var userID: String? { nil }
    public static var isPopup: Bool { false }
    public func nextChange(after now: Date) -> Date? { nil }
}

/// Every screen and pop-up of the program: a closed set the compiler counts. A new screen is a
/// new case; the switches here, the renderer's (which needs its view) and the coverage
/// catalogue's do not compile until they handle it. Nothing finds a screen again by a downcast:
/// code that needs one matches its case (`if case .registerDevice(let screen) = state.screen`).
public enum Screen: Equatable, Sendable {
    case landing(LandingScreen)
    case logon(LogonScreen)
    case channelSetup(ChannelSetupScreen)
    case registerDevice(RegisterDeviceScreen)
    case potentialRisk(RiskWarningScreen)
    case emailOTP(EmailOTPScreen)
    case appOTP(AppOTPScreen)
    case passwordExpired(PasswordExpiredScreen)
    case smartcard(SmartcardScreen)
    case loggedOn(LoggedOnScreen)
    case connectivityVerification(ConnectivityCheckScreen)
    case maintainUserProfile(MaintainUserProfileScreen)
    case userProfile(ProfileScreen)
    case userProfileListing(ProfileListingScreen)
    case forgotResetPassword(ResetPopup)
    case changePassword(ChangePasswordPopup)
    case authenticationSettings(AuthenticationSettingsPopup)

    /// Which screen, by the stable name coverage reports and snapshots use.
    public enum Kind: String, CaseIterable, Sendable {
        case landing, logon, channelSetup = "channel-setup", registerDevice = "register-device", potentialRisk = "potential-risk"
        case emailOTP = "email-otp", appOTP = "app-otp", passwordExpired = "password-expired", smartcard, loggedOn = "logged-on"
        case connectivityVerification = "connectivity-verification", maintainUserProfile = "maintain-user-profile"
        case userProfile = "user-profile", userProfileListing = "user-profile-listing", forgotResetPassword = "forgot-reset-password"
        case changePassword = "change-password", authenticationSettings = "authentication-settings"

        /// The screen's type: its buttons, and whether it is a pop-up.
        public var model: any ScreenModel.Type {
            switch self {
            case .landing: LandingScreen.self
            case .logon: LogonScreen.self
            case .channelSetup: ChannelSetupScreen.self
            case .registerDevice: RegisterDeviceScreen.self
            case .potentialRisk: RiskWarningScreen.self
            case .emailOTP: EmailOTPScreen.self
            case .appOTP: AppOTPScreen.self
            case .passwordExpired: PasswordExpiredScreen.self
            case .smartcard: SmartcardScreen.self
            case .loggedOn: LoggedOnScreen.self
            case .connectivityVerification: ConnectivityCheckScreen.self
            case .maintainUserProfile: MaintainUserProfileScreen.self
            case .userProfile: ProfileScreen.self
            case .userProfileListing: ProfileListingScreen.self
            case .forgotResetPassword: ResetPopup.self
            case .changePassword: ChangePasswordPopup.self
            case .authenticationSettings: AuthenticationSettingsPopup.self
            }
        }
    }

    public var kind: Kind {
        switch self {
        case .landing: .landing
        case .logon: .logon
        case .channelSetup: .channelSetup
        case .registerDevice: .registerDevice
        case .potentialRisk: .potentialRisk
        case .emailOTP: .emailOTP
        case .appOTP: .appOTP
        case .passwordExpired: .passwordExpired
        case .smartcard: .smartcard
        case .loggedOn: .loggedOn
        case .connectivityVerification: .connectivityVerification
        case .maintainUserProfile: .maintainUserProfile
        case .userProfile: .userProfile
        case .userProfileListing: .userProfileListing
        case .forgotResetPassword: .forgotResetPassword
        case .changePassword: .changePassword
        case .authenticationSettings: .authenticationSettings
        }
    }

    /// The screen, for what every screen answers alike (its form, flows, user ID, document).
    public var model: any ScreenModel {
        switch self {
        case .landing(let screen): screen
        case .logon(let screen): screen
        case .channelSetup(let screen): screen
        case .registerDevice(let screen): screen
        case .potentialRisk(let screen): screen
        case .emailOTP(let screen): screen
        case .appOTP(let screen): screen
        case .passwordExpired(let screen): screen
        case .smartcard(let screen): screen
        case .loggedOn(let screen): screen
        case .connectivityVerification(let screen): screen
        case .maintainUserProfile(let screen): screen
        case .userProfile(let screen): screen
        case .userProfileListing(let screen): screen
        case .forgotResetPassword(let screen): screen
        case .changePassword(let screen): screen
        case .authenticationSettings(let screen): screen
        }
    }

    /// Lets `change` work on the screen, which then takes its own case again (`screen`): no
    /// screen is ever cast back to its type.
    mutating func modify<Result>(_ change: (inout any ScreenModel) -> Result) -> Result {
        var model = self.model
        let result = change(&model)
        self = model.screen
        return result
    }

    public var name: String { kind.rawValue }
    public var isPopup: Bool { kind.model.isPopup }
    /// The coverage name of a button this screen's form pressed.
    public func coverageButton(_ id: String) -> String { kind.model.coverageButton(id) }
    public var codeEntry: CodeEntry? { model.codeEntry }
    public var document: [String]? { model.document }

    public var form: Form? {
        get { model.form }
        set { modify { $0.form = newValue } }
    }

    mutating func handle(_ input: Input, _ context: ScreenContext) -> [ScreenCommand] {
        modify { $0.handle(input, context) }
    }

    public func keys(_ context: ScreenContext) -> KeyTable { model.keys(context) }

    mutating func appear(_ context: ScreenContext) -> [ScreenCommand] {
        modify { $0.appear(context) }
    }

    mutating func receive(_ answer: EngineAnswer, of call: AnyEngineCall, _ context: ScreenContext) -> [ScreenCommand] {
        modify { $0.deliver(answer, of: call, context) }
    }
}

/// A key or a paste, as the screens see input.
public enum Input: Equatable, Sendable {
    case key(Key)
    case paste(String)
}

/// The next whole second after `now` while `deadline` is ahead: a countdown's next value.
func everySecond(until deadline: Date, after now: Date) -> Date? {
    guard deadline > now else { return nil }
    return Date(timeIntervalSince1970: (now.timeIntervalSince1970 + 0.000_001).rounded(.up))
}
