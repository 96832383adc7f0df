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
    case show(AnyScreen)
    /// Open a pop-up over the screen.
    case open(AnyScreen)
    /// Close the pop-up; the focus is where it was on the screen that opened it.
    case close
    case message(StatusMessage?)
    /// An engine call whose answer comes back to this screen's `receive`, and to no other.
    case call(EngineRequest, label: String)
    /// An engine call whose answer nobody waits for (leaving a flow).
    case send(EngineRequest)
    /// Back to the logon page of the same function (the flow has ended).
    case backToLogon(userID: String?)
    case quit
}

/// One screen or pop-up: its state, its keys and its engine answers, in one file of Screens/.
/// Its view is an extension in TerminalView/Screens/; it is listed once in `Screens.all`.
public protocol ScreenModel: Equatable, Sendable {
    /// A stable name for coverage reports and snapshots, e.g. "logon".
    static var name: String { get }
    /// The fields and buttons the operator works in, if any (plain mode and scenarios fill
    /// it; the key-hint line reads it).
    var form: Form? { get set }
    mutating func handle(_ input: Input, _ context: ScreenContext) -> [ScreenCommand]
    /// Once, when the screen is shown or the pop-up opened (a listing asks for its data here).
    mutating func appear(_ context: ScreenContext) -> [ScreenCommand]
    /// The answer to a call this screen made; only ever its own.
    mutating func receive(_ answer: EngineAnswer, _ context: ScreenContext) -> [ScreenCommand]
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
    /// session writes `otp app`/`otp email` there instead of the digits.
    var codeEntry: CodeEntry? { get }
    /// The coverage name of a pressed button (screens with numbered buttons group them).
    static func coverageButton(_ id: String) -> String
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
    public static var buttons: [String] { [] }
    public var codeEntry: CodeEntry? { nil }
    public static func coverageButton(_ id: String) -> String { id }
    public func appear(_ context: ScreenContext) -> [ScreenCommand] { [] }
    /// A scrolling text that front ends without scrolling (plain mode) print whole.
    public var document: [String]? { nil }
    public func receive(_ answer: EngineAnswer, _ context: ScreenContext) -> [ScreenCommand] { [] }
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
    public var name: String { Self.name }

    func isEqual(to other: any ScreenModel) -> Bool { (other as? Self) == self }
}

/// A screen of any type, as the program holds it.
public struct AnyScreen: Equatable, Sendable {
    public private(set) var model: any ScreenModel
    /// Numbers each screen shown, so an engine answer reaches the screen that asked and no other.
    public internal(set) var instance = 0

    public init(_ model: some ScreenModel) { self.model = model }

    /// Equal when they show the same: which instance it is only routes engine answers.
    public static func == (a: AnyScreen, b: AnyScreen) -> Bool { a.model.isEqual(to: b.model) }

    public var name: String { model.name }
    public var isPopup: Bool { type(of: model).isPopup }
    /// The coverage name of a button this screen's form pressed.
    public func coverageButton(_ id: String) -> String { type(of: model).coverageButton(id) }
    public var codeEntry: CodeEntry? { model.codeEntry }

    /// The screen as its own type, or nil.
    public func `as`<S: ScreenModel>(_ type: S.Type) -> S? { model as? S }

    public var form: Form? {
        get { model.form }
        set { model.form = newValue }
    }

    mutating func handle(_ input: Input, _ context: ScreenContext) -> [ScreenCommand] {
        model.handle(input, context)
    }

    mutating func appear(_ context: ScreenContext) -> [ScreenCommand] {
        model.appear(context)
    }

    mutating func receive(_ answer: EngineAnswer, _ context: ScreenContext) -> [ScreenCommand] {
        if case .failure(let error) = answer { return model.fail(error, context) }
        return model.receive(answer, context)
    }
}

extension ScreenModel {
    /// Wraps the screen for a command: `.show(LogonScreen(...).any)`.
    public var any: AnyScreen { AnyScreen(self) }
}

/// Every screen and pop-up of the program: the one registration line a new screen adds.
/// Coverage reports list these; a test checks each has a view.
public enum Screens {
    public static let all: [any ScreenModel.Type] = [
        LandingScreen.self, LogonScreen.self, ChannelSetupScreen.self, RegisterDeviceScreen.self, RiskWarningScreen.self,
        EmailOTPScreen.self, AppOTPScreen.self, PasswordExpiredScreen.self, SmartcardScreen.self, LoggedOnScreen.self,
        ConnectivityCheckScreen.self, MaintainUserProfileScreen.self, ProfileScreen.self, ProfileListingScreen.self,
        ResetPopup.self, ChangePasswordPopup.self, AuthenticationSettingsPopup.self,
    ]
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
