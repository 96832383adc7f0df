import AuthEngine
import Foundation

/// Which front door: the CCASS/CCMS Terminal (https://www.ccass.com/) or DMS (/dms).
public enum Console: String, Equatable, Sendable {
    case terminal
    case dms
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

/// A line at the bottom of the screen: an error in red, or information.
public struct StatusMessage: Equatable, Sendable {
    public enum Kind: Equatable, Sendable { case error, info, success }
    public var kind: Kind
    public var text: String

    public static func error(_ text: String) -> StatusMessage { StatusMessage(kind: .error, text: text) }
    public static func info(_ text: String) -> StatusMessage { StatusMessage(kind: .info, text: text) }
    public static func success(_ text: String) -> StatusMessage { StatusMessage(kind: .success, text: text) }
}

/// The whole state of the program: what is on screen, and what it waits for.
public struct AppState: Equatable, Sendable {
    public var console: Console
    public var phase: ServicePhase
    public var now: Date
    public var size: Size
    /// The password policy profile, for the live checklist.
    public var policyName: String
    public var screen: Screen
    public var popup: Popup?
    public var message: StatusMessage?
    /// The engine call in flight; while set, nothing is submitted again.
    public var pending: PendingCall?
    public var nextRequestID: Int
    public var quitting: Bool
    /// Drawing for a recording: OTPs, the enrolment key and the QR code are hidden.
    public var redactSecrets = false
    /// The post-release connectivity test session, if the terminal runs as one.
    public var connectivityTest: ConnectivitySession?
    /// Trainer controls are on (--trainer): F5-F8 move the clock; the panel explains the account.
    public var trainer = false
    public var trainerNotes: [String] = []
    /// Operating hours to keep, or nil when a trainer ignores them (--ignore-hours).
    public var hours: ServiceHours?

    public struct PendingCall: Equatable, Sendable {
        public var id: Int
        public var request: EngineRequest
        /// "Verifying ...", shown while waiting.
        public var label: String
    }

    public init(console: Console, phase: ServicePhase, now: Date, size: Size, policyName: String = PasswordPolicy.hkex2023.name) {
        self.console = console
        self.phase = phase
        self.now = now
        self.size = size
        self.policyName = policyName
        screen = .landing(LandingScreen(console: console, phase: phase))
        nextRequestID = 1
        quitting = false
    }

    public var policy: PasswordPolicy { PasswordPolicy.named(policyName) ?? .hkex2023 }

    public var title: String { console == .dms ? Texts.dmsTitle : Texts.terminalTitle }

    /// The form the operator is working in: the pop-up's, else the screen's (nil on the landing page).
    public var currentForm: Form? {
        get {
            if let popup {
                switch popup {
                case .reset(let p): return p.form
                case .changePassword(let p): return p.form
                case .authenticationSettings(let p): return p.form
                }
            }
            switch screen {
            case .landing: return nil
            case .logon(let s): return s.form
            case .channelSetup(let s): return s.form
            case .registerDevice(let s): return s.form
            case .riskWarning(let s): return s.form
            case .emailOTP(let s): return s.form
            case .appOTP(let s): return s.form
            case .passwordExpired(let s): return s.form
            case .smartcard(let s): return s.form
            case .loggedOn(let s): return s.form
            case .connectivityCheck(let s): return s.form
            case .maintainUserProfile(let s): return s.form
            case .profile(let s): return s.form
            case .profileListing(let s): return s.form
            }
        }
        set {
            guard let form = newValue else { return }
            if let popup {
                switch popup {
                case .reset(var p): p.form = form; self.popup = .reset(p)
                case .changePassword(var p): p.form = form; self.popup = .changePassword(p)
                case .authenticationSettings(var p): p.form = form; self.popup = .authenticationSettings(p)
                }
                return
            }
            switch screen {
            case .landing: break
            case .logon(var s): s.form = form; screen = .logon(s)
            case .channelSetup(var s): s.form = form; screen = .channelSetup(s)
            case .registerDevice(var s): s.form = form; screen = .registerDevice(s)
            case .riskWarning(var s): s.form = form; screen = .riskWarning(s)
            case .emailOTP(var s): s.form = form; screen = .emailOTP(s)
            case .appOTP(var s): s.form = form; screen = .appOTP(s)
            case .passwordExpired(var s): s.form = form; screen = .passwordExpired(s)
            case .smartcard(var s): s.form = form; screen = .smartcard(s)
            case .loggedOn(var s): s.form = form; screen = .loggedOn(s)
            case .connectivityCheck(var s): s.form = form; screen = .connectivityCheck(s)
            case .maintainUserProfile(var s): s.form = form; screen = .maintainUserProfile(s)
            case .profile(var s): s.form = form; screen = .profile(s)
            case .profileListing(var s): s.form = form; screen = .profileListing(s)
            }
        }
    }

    /// The user ID the current screen or pop-up is about, for the trainer's panel.
    public var currentUserID: String? {
        if let popup {
            switch popup {
            case .reset(let p): return p.session?.userID ?? p.form.field(Texts.userID)?.text
            case .changePassword(let p): return p.form.field(Texts.userID)?.text ?? p.userID
            case .authenticationSettings(let p): return p.session?.userID ?? p.form.field(Texts.userID)?.text
            }
        }
        if case .loggedOn(let s) = screen { return s.success.userID }
        if case .smartcard(let s) = screen { return s.form.text(Texts.userID) }
        return screen.userID
    }

    /// Trainer keys: F5 +1 minute, F6 +5 minutes, F7 +30 minutes, F8 +90 days.
    public static let trainerSteps: [Int: (TimeInterval, String)] = [
        5: (60, "+1 min"), 6: (300, "+5 min"), 7: (1800, "+30 min"), 8: (90 * 86_400, "+90 days"),
    ]

    /// Nil while the service is open; otherwise why it is closed and when it opens.
    public var closedNotice: String? {
        guard let hours else { return nil }
        let service: ServiceHours.Service = console == .dms ? .dms : .terminal
        guard !hours.isOpen(service, at: now) else { return nil }
        let name = console == .dms ? "DMS" : "The CCASS/CCMS Terminal"
        var text = "\(name) \(Texts.notAvailableNow)"
        if let holiday = hours.holiday(on: now) { text += " (\(holiday))" }
        text += "."
        if let opening = hours.nextOpening(service, after: now) { text += " It opens on \(ServiceHours.describe(opening))." }
        return text
    }
}

/// Every full screen of the program. Each case's state and its update live in one file
/// of Screens/.
public enum Screen: Equatable, Sendable {
    case landing(LandingScreen)
    case logon(LogonScreen)
    case channelSetup(ChannelSetupScreen)
    case registerDevice(RegisterDeviceScreen)
    case riskWarning(RiskWarningScreen)
    case emailOTP(EmailOTPScreen)
    case appOTP(AppOTPScreen)
    case passwordExpired(PasswordExpiredScreen)
    case smartcard(SmartcardScreen)
    case loggedOn(LoggedOnScreen)
    case connectivityCheck(ConnectivityCheckScreen)
    case maintainUserProfile(MaintainUserProfileScreen)
    case profile(ProfileScreen)
    case profileListing(ProfileListingScreen)
}

/// The post-release connectivity test of 10 June 2023 (s3.5, Appendix B).
public enum ConnectivitySession: String, Equatable, Sendable {
    case primary
    case secondary

    public var title: String {
        switch self {
        case .primary: "Connectivity test - Primary Data Centre (Session 1)"
        case .secondary: "Connectivity test - Secondary Data Centre (Session 2): changes not kept"
        }
    }
}

/// Pop-ups over the logon screen.
public enum Popup: Equatable, Sendable {
    case reset(ResetPopup)
    case changePassword(ChangePasswordPopup)
    case authenticationSettings(AuthenticationSettingsPopup)
}
