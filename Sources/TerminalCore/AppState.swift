import AuthDomain
import Foundation

/// Which front door: the CCASS/CCMS Terminal (https://www.ccass.com/) or DMS (/dms).
public enum Console: String, Equatable, Sendable {
    case terminal
    case dms

    public var service: ServiceHours.Service { self == .dms ? .dms : .terminal }
}

/// The function chosen on the landing page, shown after logon.
public enum TerminalFunction: String, Equatable, Sendable {
    case onlineFunctions
    case overnightReports
    case securityManagement
    /// Smartcard logon on the terminal: both online functions and reports.
    case smartcardTerminal

    public var title: String {
        switch self {
        case .onlineFunctions: Texts.onlineFunctions
        case .overnightReports: Texts.overnightReports
        case .securityManagement: Texts.securityManagement
        case .smartcardTerminal: Texts.smartcardFunctions
        }
    }
}

/// The whole state of the program: what is on screen, and what it waits for.
public struct AppState: Equatable, Sendable {
    public var console: Console
    public var phase: ServicePhase
    public var now: Date
    public var size: Size
    /// The hours, connectivity test, phase and policy: the engine's, once it is open.
    public var environment: SessionEnvironment
    public internal(set) var screen: Screen
    public internal(set) var popup: Screen?
    public var message: StatusMessage?
    /// The engine call in flight; while set, input waits in `typeahead`.
    public internal(set) var pending: PendingCall?
    /// Keys typed while the engine works, applied in order when its answer has arrived.
    public internal(set) var typeahead: [Input] = []
    public internal(set) var nextRequestID = 1
    /// Numbers the screens shown, so an engine answer reaches the screen that asked and no
    /// other; not part of what the state shows.
    var instances = Uncompared(Instances())

    struct Instances: Sendable {
        var next = 1
        var screen = 0
        var popup = 0
    }
    public internal(set) var quitting = false
    /// Drawing for a recording: OTPs, the enrolment key and the QR code are hidden.
    public var redactSecrets = false
    /// Trainer controls are on (--trainer): F5-F8 move the clock; the panel explains the account.
    public var trainer = false
    /// The phone and the inbox are a key away, full screen (a class seat in a window too narrow
    /// to show them beside the terminal): the hint line names the keys.
    public var panelKeys = false
    /// A virtual phone is beside the terminal (a seat, the presenter): F4 scans REGISTER
    /// DEVICE's QR code with it.
    public var phoneAtHand = false
    /// The phone is on screen beside the terminal now (a wide window): PgUp/PgDn scroll it
    /// where the screen does not take them.
    public var phoneBeside = false
    public var trainerNotes: [String] = []
    /// `play`'s caption: lines of their own above the message (the screen's box is laid out in
    /// the rest), so it never covers what the system says.
    public var caption: String?
    /// The trainer's last clock move (or why it was not made), in the trainer's panel until the
    /// next key: the message line stays the emulated system's.
    public var trainerClockNote: String?
    /// Keep a log of the inputs the screens were given (a session being recorded).
    public var logsInputs = false
    /// The inputs the screens were given, in order, as they were applied (typed-ahead keys
    /// after the answer they waited for): the last few, for a recorder to read.
    public internal(set) var appliedInputs = Uncompared<[AppliedInput]>([])

    public struct PendingCall: Equatable, Sendable {
        public var id: Int
        public var call: AnyEngineCall
        /// "Verifying ...", shown while waiting.
        public var label: String
        /// The screen or pop-up that asked (which instance it was does not change what shows).
        var owner: Int = -1

        public init(id: Int, call: AnyEngineCall, label: String) {
            self.id = id
            self.call = call
            self.label = label
        }

        init(id: Int, call: AnyEngineCall, label: String, owner: Int) {
            self.init(id: id, call: call, label: label)
            self.owner = owner
        }

        public var request: EngineRequest { call.request }

        public static func == (a: PendingCall, b: PendingCall) -> Bool { a.id == b.id && a.call == b.call && a.label == b.label }
    }

    /// A session under `environment`, in the phase it gives for `now`.
    public init(console: Console, environment: SessionEnvironment, now: Date, size: Size) {
        self.init(console: console, phase: environment.phase(at: now), now: now, size: size)
        self.environment = environment
    }

    /// A session in `phase` (tests that set the scene), open at any hour.
    public init(console: Console, phase: ServicePhase, now: Date, size: Size) {
        self.console = console
        self.phase = phase
        self.now = now
        self.size = size
        environment = SessionEnvironment()
        screen = .landing(LandingScreen(console: console, phase: phase))
    }

    public var policy: PasswordPolicy { environment.policy }
    /// The post-release connectivity test session, if the terminal runs as one.
    public var connectivityTest: ConnectivitySession? { environment.connectivityTest }

    public var title: String { console == .dms ? Texts.dmsTitle : Texts.terminalTitle }

    /// Nil while the service is open; otherwise why it is closed and when it opens.
    public var closedNotice: String? {
        environment.closedNotice(console.service, at: now)
    }

    public var context: ScreenContext {
        ScreenContext(console: console, phase: phase, now: now, size: size, policy: policy, connectivityTest: connectivityTest,
                      closedNotice: closedNotice)
    }

    /// The screen or pop-up the operator works in.
    public var active: Screen { popup ?? screen }

    /// The form the operator is working in: the pop-up's, else the screen's.
    public var currentForm: Form? {
        get { active.form }
        set {
            if popup != nil { popup?.form = newValue } else { screen.form = newValue }
        }
    }

    /// The user ID the current screen or pop-up is about, for the trainer's panel.
    public var currentUserID: String? { popup?.model.userID ?? screen.model.userID }

    /// Replaces the screen (tests and scenario headers set a starting screen this way).
    public mutating func show(_ screen: some ScreenModel) { show(screen.screen) }

    /// Opens a pop-up over the screen.
    public mutating func open(_ popup: some ScreenModel) { open(popup.screen) }

    /// Trainer keys: F5 +1 minute, F6 +5 minutes, F7 +30 minutes, F8 +90 days.
    public static let trainerSteps: [Int: (TimeInterval, String)] = [
        5: (60, "+1 min"), 6: (300, "+5 min"), 7: (1800, "+30 min"), 8: (90 * 86_400, "+90 days"),
    ]
}

/// A value that travels with a state without making two states different.
public struct Uncompared<Value: Sendable>: Equatable, Sendable {
    public internal(set) var value: Value
    init(_ value: Value) { self.value = value }
    public static func == (a: Uncompared, b: Uncompared) -> Bool { true }
}

/// An input as a screen was given it: what a recorded session writes is decided from these,
/// with the field it went into as it was then, not from the keys as they arrived.
public struct AppliedInput: Equatable, Sendable {
    /// Counts every input applied in the session.
    public var sequence: Int
    public var input: Input
    /// The field in focus before the input, if one was.
    public var field: TextField?
    /// The code the screen's code field waits for, if it has one.
    public var codeEntry: CodeEntry?
}
