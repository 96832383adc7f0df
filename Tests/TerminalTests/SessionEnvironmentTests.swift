import AuthEngine
import Foundation
@testable import TerminalApp
@testable import TerminalCore
import TestSupport
import XCTest

/// The screens read the session the engine runs under: what the landing page says about the
/// hours is what the engine does about them, whoever made the session.
final class SessionEnvironmentTests: XCTestCase {
    /// Saturday 17 June 2023, 10:00: the terminal is closed on Saturdays.
    static let saturday = HongKongTime.date(2023, 6, 17, 10, 0)

    private func engine(hours: ServiceHours?, in directory: URL) throws -> AuthEngine {
        var configuration = EngineConfiguration(hasher: try PasswordHasher(iterations: 1, allowReducedCost: true), terminal: "environment")
        configuration.hours = hours
        let engine = AuthEngine(store: try AccountStore(location: StoreLocation(directory: directory)), clock: VirtualClock(Self.saturday),
                                configuration: configuration)
        try DemoData.shipped().install(into: engine)
        return engine
    }

    func testTheHeadlessSessionShowsTheHoursTheEngineKeeps() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ccass-environment-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        for hours in [ServiceHours.shipped, nil] {
            let folder = directory.appendingPathComponent(hours == nil ? "any-hour" : "shipped")
            let engine = try engine(hours: hours, in: folder)
            let session = HeadlessSession(engine: engine, console: .terminal, size: Size(columns: 80, rows: 24))
            let engineRefuses: Bool
            do {
                _ = try engine.logon(userID: "B0123402", password: "Training#2023Pass")
                engineRefuses = false
            } catch EngineError.unavailable(.closed) {
                engineRefuses = true
            }
            XCTAssertEqual(engineRefuses, hours != nil, "the engine keeps the hours it was given")
            XCTAssertEqual(session.state.closedNotice != nil, engineRefuses, "the landing page says what the engine does (\(hours == nil ? "any hour" : "shipped hours"))")
            XCTAssertEqual(session.state.environment, engine.configuration.environment)
        }
    }

    /// The terminal starts on the session its options describe and takes the engine's when the
    /// store is open (the store's policy can differ from the default).
    func testTheTerminalTakesTheEnginesSessionWhenTheStoreIsOpen() {
        let provisional = SessionEnvironment(hours: .shipped)
        var model = TerminalModel(state: AppState(console: .terminal, environment: provisional, now: Self.saturday, size: .minimum),
                                  window: .minimum)
        let engines = SessionEnvironment(hours: nil, phaseOverride: .transition, policy: .nist80063b4)
        _ = model.receive(.opened(engines))
        XCTAssertEqual(model.state.environment, engines)
        XCTAssertEqual(model.state.policy.name, PasswordPolicy.nist80063b4.name)
        XCTAssertNil(model.state.closedNotice)
        _ = model.tick(Self.saturday)
        XCTAssertEqual(model.state.phase, .transition, "the phase comes from the session's override")
    }
}
