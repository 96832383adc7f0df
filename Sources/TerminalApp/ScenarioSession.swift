import AuthDomain
import AuthEngine
import Authenticator
import Foundation
import SafeIO
import TerminalCore
import TerminalProgram

/// How a scenario's session is set up: the steps before its first interaction. Read once here
/// for every driver (`scenario`, `play`, the tests), and written back by the recorder.
public struct ScenarioHeader: Equatable, Sendable {
    public static let defaultStart = HongKongTime.date(2023, 6, 12, 9, 0)

    public var size = Size.minimum
    public var console = Console.terminal
    public var phase: ServicePhase?
    public var start = ScenarioHeader.defaultStart
    public var hours: ServiceHours? = .shipped
    public var connectivityTest: ConnectivitySession?

    public init() {}

    public init(_ scenario: Scenario) {
        setup: for line in scenario.lines {
            switch line.step {
            case .size(let s): size = s
            case .console(let c): console = c
            case .phase(let p): phase = p
            case .clock(let date): start = date
            case .ignoreHours: hours = nil
            case .connectivityTest(let session): connectivityTest = session
            case .type, .key, .paste, .expect, .expectNot, .otpApp, .otpEmail, .scan, .advance, .snapshot: break setup
            }
        }
    }

    /// The phase the session runs in: the one asked for, or, as on 10 June 2023, 2FA offered
    /// before its launch for the connectivity test; nil: the clock's.
    public var sessionPhase: ServicePhase? { SessionEnvironment.phaseOverride(phase, connectivityTest: connectivityTest) }

    /// The header as scenario lines (what the recorder writes first).
    public var lines: [String] {
        var lines = ["size \(size.columns)x\(size.rows)", "clock \(ScenarioHeader.clockText(start))"]
        if console == .dms { lines.append("console dms") }
        if let phase { lines.append("phase \(phase.rawValue)") }
        if hours == nil { lines.append("ignore-hours") }
        if let connectivityTest { lines.append("connectivity-test \(connectivityTest.rawValue)") }
        return lines
    }

    /// A moment as a `clock` step writes it (Hong Kong time, to the second).
    public static func clockText(_ date: Date) -> String { String(HongKongTime.format(date).dropLast(4)) }

    /// The first state of the terminal for this header, on the engine made for it (`ScenarioWorld`).
    public func state(for engine: AuthEngine) -> AppState {
        AppState(console: console, environment: engine.configuration.environment, now: engine.clock.now(), size: size)
    }
}

/// The world a scenario runs in: a store in a folder with the demo data, its phone and its
/// Maildirs, on a virtual clock that moves only when a step moves it. The one place a scenario's
/// engine is made and its `otp`, `scan` and clock steps are carried out, for every driver.
public final class ScenarioWorld: Sendable {
    public let directory: URL
    public let engine: AuthEngine
    public let header: ScenarioHeader
    public let clock: VirtualClock

    /// A fresh demo store in `directory` (training KDF cost; keys and codes from a stream seeded
    /// by `seed`, so a file shows the same screens every run), or with `fresh` false the store
    /// already there, on its own settings.
    public init(header: ScenarioHeader, directory: URL, fresh: Bool = true, seed: String? = nil, kdfIterations: Int = 1_000,
                terminal: String = "scenario") throws {
        self.directory = directory
        self.header = header
        clock = VirtualClock(header.start)
        let store = try AccountStore(location: StoreLocation(directory: directory))
        var configuration = fresh ? EngineConfiguration(hasher: try PasswordHasher(iterations: kdfIterations, allowReducedCost: true), terminal: terminal)
                                  : try StoredSettings.configuration(for: store)
        configuration.phaseOverride = header.sessionPhase
        configuration.hours = header.hours
        configuration.connectivityTest = header.connectivityTest
        if let seed { configuration.random = .deterministic(seed: seed) }
        engine = AuthEngine(store: store, clock: clock, mailer: MaildirMailer(root: directory.appendingPathComponent("mail")),
                            configuration: configuration)
        if fresh { try DemoSetup.install(into: engine, directory: directory) }
    }

    public var mailbox: Mailbox { Mailbox(root: directory.appendingPathComponent("mail")) }

    /// The code the phone shows now for an account.
    public func appCode(_ account: String) throws -> String {
        try Phone.code(for: account, directory: directory, at: clock.now()).code
    }

    /// The newest code in an inbox.
    public func emailCode(_ address: String) throws -> String {
        guard let code = try mailbox.messages(for: address).first?.otp else { throw ScenarioStepFailure("no OTP email for \(address)") }
        return code
    }

    /// The phone scans a QR code; the label it learnt.
    @discardableResult
    public func scan(_ uri: String) throws -> String {
        try Phone.add(uri, directory: directory, at: clock.now()).label
    }

    /// What a step asks of a driver, once its phone, inbox and clock parts are worked out. The
    /// only interpreter of scenario steps.
    public func action(for step: Scenario.Step, on state: AppState) throws -> ScenarioAction {
        switch step {
        case .size(let size): return .input([.resize(size)])
        case .clock(let date): return .moveClock(date.timeIntervalSince(clock.now()))
        case .advance(let interval): return .moveClock(interval)
        case .type(let text): return .type(text)
        case .key(let key): return .input([.key(key)])
        case .paste(let text): return .input([.paste(text)])
        case .expect(let text): return .check(text, present: true)
        case .expectNot(let text): return .check(text, present: false)
        case .otpApp(let account):
            do {
                return .type(try appCode(account))
            } catch {
                throw ScenarioStepFailure("the phone has no code for \(account): \(error)")
            }
        case .otpEmail(let address):
            return .type(try emailCode(address))
        case .scan:
            guard case .registerDevice(let screen) = state.screen else { throw ScenarioStepFailure("there is no QR code on the screen to scan") }
            do {
                return .scanned(try scan(screen.registration.uri))
            } catch {
                throw ScenarioStepFailure("the phone could not enrol the QR code: \(error)")
            }
        case .snapshot(let name): return .snapshot(name)
        case .phase, .console, .ignoreHours, .connectivityTest: return .none
        }
    }

    /// Moves the clock (a negative interval sets it back, as a `clock` step may).
    public func move(by interval: TimeInterval) { clock.advance(by: interval) }
}

/// A step as a driver carries it out.
public enum ScenarioAction: Equatable, Sendable {
    /// Keys, a paste or a resize.
    case input([TerminalEvent])
    /// Text typed a character at a time (a paced driver types it at a human pace).
    case type(String)
    case moveClock(TimeInterval)
    /// The screen shows the text (or does not).
    case check(String, present: Bool)
    /// The phone learnt this account.
    case scanned(String)
    case snapshot(String)
    /// A header step: the session was set up with it.
    case none
}

/// Why a step could not be carried out (no code in the inbox, nothing to scan).
public struct ScenarioStepFailure: Error, CustomStringConvertible, Equatable {
    public let description: String
    public init(_ description: String) { self.description = description }
}
