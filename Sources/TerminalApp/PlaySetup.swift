import AuthDomain
import AuthEngine
import Authenticator
import Foundation
import TerminalCore

/// The session a scenario's header asks for: console, phase, clock, hours, connectivity test.
public struct PlaySetup {
    public var console = Console.terminal
    public var phase: ServicePhase?
    public var start = ScenarioRunner.defaultStart
    public var hours: ServiceHours? = .shipped
    public var connectivityTest: ConnectivitySession?

    public init(_ scenario: Scenario) {
        header: for line in scenario.lines {
            switch line.step {
            case .console(let c): console = c
            case .phase(let p): phase = p
            case .clock(let date): start = date
            case .ignoreHours: hours = nil
            case .connectivityTest(let session): connectivityTest = session
            case .size: continue
            default: break header
            }
        }
        // As on 10 June 2023, the connectivity test offers 2FA before its launch.
        if connectivityTest != nil, phase == nil { phase = .transition }
    }

    /// The engine on the store: a fresh demo store (a cheap KDF, as scenarios use) or the one
    /// given. The clock stands at the scenario's start and moves only with its `advance` and
    /// `clock` steps, as in `scenario`, so the times it expects are the times shown.
    public func engine(directory: URL, fresh: Bool) throws -> AuthEngine {
        let clock = VirtualClock(start)
        let store = try AccountStore(location: StoreLocation(directory: directory))
        var configuration = fresh ? EngineConfiguration(hasher: try PasswordHasher(iterations: 1_000, allowReducedCost: true))
                                  : try StoredSettings.configuration(for: store)
        configuration.phaseOverride = phase
        configuration.hours = hours
        configuration.connectivityTest = connectivityTest
        let engine = AuthEngine(store: store, clock: clock, mailer: MaildirMailer(root: directory.appendingPathComponent("mail")),
                                configuration: configuration)
        if fresh { try DemoSetup.install(into: engine, directory: directory) }
        return engine
    }
}
