import AuthDomain
import Foundation
import TerminalApp
import TerminalCore
import TerminalProgram
import TerminalView
import XCTest

/// `play`: the autopilot on the one program loop, with a real engine on a demo store and a test
/// clock, as a trainer's room would see it.
final class AutopilotTests: XCTestCase {
    private func scenario(_ name: String) throws -> Scenario {
        let url = ScenarioTests.directory.appendingPathComponent("\(name).scenario")
        return try Scenario(name: url.lastPathComponent, text: String(contentsOf: url, encoding: .utf8))
    }

    /// The autopilot on a fresh demo store; the backend plays `script`, then as many
    /// one-second sleeps as `idle` says.
    private func play(_ scenario: Scenario, script: [TestBackend.Step], idle: Int = 0)
        throws -> (Program<AutopilotModel>, TestBackend) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ccass-autopilot-\(UUID().uuidString)")
        addTeardownBlock { try? FileManager.default.removeItem(at: directory) }
        let header = ScenarioHeader(scenario)
        let world = try ScenarioWorld(header: header, directory: directory)
        let clock = TestClock(Date(timeIntervalSince1970: 1_700_000_000))
        let backend = TestBackend(script: script + Array(repeating: .sleep(1), count: idle), clock: clock)
        var state = header.state(for: world.engine)
        state.size = backend.size
        let runner = TerminalRunner(engine: world.engine, threaded: false)
        let autopilot = AutopilotModel(terminal: TerminalModel(state: state, window: backend.size),
                                       scenario: scenario)
        let program = Program(model: autopilot, backend: backend, clock: { clock.now() },
                              run: AutopilotRunner(terminal: runner, world: world).run)
        return (program, backend)
    }

    /// Plays a scenario to its end with nobody at the keyboard (captions go on by themselves);
    /// why the autopilot stopped.
    static func playToTheEnd(_ scenario: Scenario) throws -> String? {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ccass-autopilot-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let header = ScenarioHeader(scenario)
        let world = try ScenarioWorld(header: header, directory: directory, seed: scenario.name)
        let clock = TestClock(Date(timeIntervalSince1970: 1_700_000_000))
        let backend = TestBackend(script: Array(repeating: .sleep(1), count: 3_000), clock: clock)
        var state = header.state(for: world.engine)
        state.size = backend.size
        var autopilot = AutopilotModel(terminal: TerminalModel(state: state, window: backend.size),
                                       scenario: scenario, pace: 0.5)
        autopilot.keyDelay = 0.01
        autopilot.stepDelay = 0.01
        let program = Program(model: autopilot, backend: backend, clock: { clock.now() },
                              run: AutopilotRunner(terminal: TerminalRunner(engine: world.engine, threaded: false), world: world).run)
        _ = program.run()
        return program.model.stopped
    }

    /// The caption has lines of its own above the message: at 80x24 and in a window one column
    /// short of the presenter view, the message (here the presenter's notice, and a long refusal)
    /// and the whole caption are both on screen.
    func testTheCaptionNeverCoversTheMessage() throws {
        let caption = "First-time logon: the user has no password yet, so it is set through Forgot/Reset your Password with a code sent by email."
        for (window, presenting) in [(Size(columns: 80, rows: 24), false), (Size(columns: 119, rows: 40), true)] {
            var state = AppState(console: .terminal, phase: .transition, now: HongKongTime.date(2023, 6, 12, 10, 0), size: window)
            state.show(LogonScreen(function: .onlineFunctions))
            var model = TerminalModel(state: state, window: window, presenting: presenting)
            if !presenting { model.state.message = .error(Texts.locked()) }
            let message = try XCTUnwrap(model.state.message?.text)
            model.state.caption = caption
            let text = model.frame(size: window).canvas.text
            XCTAssertTrue(ScenarioRunner.shows(text, message), "the message is whole at \(window):\n\(text)")
            XCTAssertTrue(ScenarioRunner.shows(text, caption), "the caption is whole at \(window):\n\(text)")
            XCTAssertTrue(text.contains("[ LOG IN ]"), "the screen's box is laid out above them:\n\(text)")
        }
    }

    func testItPlaysAShippedScenarioToTheEndWithItsCaptionAndEveryExpectationHeld() throws {
        let scenario = try scenario("ongoing-logon-app")
        let caption = try XCTUnwrap(scenario.captions[0], "the file's first comment is a caption")
        // The first caption waits for Space; nothing moves meanwhile.
        let (program, backend) = try play(scenario, script: [.sleep(1), .sleep(5), .events([.key(.character(" "))])], idle: 600)
        _ = program.run()
        let texts = backend.frames.map(\.canvas.text)
        let captioned = try XCTUnwrap(texts.firstIndex { $0.contains("Ongoing logon with the authenticator app;") }, "no caption on screen")
        XCTAssertTrue(caption.hasPrefix("Ongoing logon with the authenticator app;"))
        XCTAssertTrue(texts[captioned].contains("Space continue  Esc take the keyboard"))
        XCTAssertTrue(texts[captioned].contains("Please select the login method"), "the caption waits on the landing page")
        // Keys are named on the bottom line as they are typed; the password is typed masked.
        XCTAssertTrue(texts.contains { $0.contains("Autopilot  key: B") }, "the keys typed are named")
        XCTAssertFalse(texts.contains { $0.contains("Training#2023Pass") }, "the password is never shown")
        let model = program.model
        XCTAssertEqual(model.stopped, "The scenario is over; the keyboard is yours.", "an expectation failed: \(model.stopped ?? "")")
        XCTAssertTrue(model.handedOver)
        XCTAssertEqual(model.index, scenario.lines.count)
        XCTAssertTrue(backend.screenText.contains("The scenario is over; the keyboard is yours."), backend.screenText)
    }

    func testEscHandsTheKeyboardOverOnTheSameStateAndTheAutopilotTakesNoMoreSteps() throws {
        let scenario = try scenario("ongoing-logon-app")
        final class Probe: @unchecked Sendable {
            var program: Program<AutopilotModel>?
            var index = -1
            var screen = ""
        }
        let probe = Probe()
        var steps: [TestBackend.Step] = [.events([.key(.character(" "))])]
        steps += Array(repeating: .sleep(1), count: 8)
        steps += [.run { probe.index = probe.program!.model.index; probe.screen = Renderer.render(probe.program!.model.terminal.state).text },
                  .events([.key(.escape)])]
        steps += Array(repeating: .sleep(1), count: 30)
        steps += [.events([.key(.character("7"))])]
        let (program, backend) = try play(scenario, script: steps)
        probe.program = program
        _ = program.run()
        let model = program.model
        XCTAssertTrue(model.handedOver)
        XCTAssertGreaterThan(probe.index, 1, "the autopilot had started")
        XCTAssertEqual(model.index, probe.index, "no step was taken after Esc")
        XCTAssertTrue(probe.screen.contains("User ID"), "Esc came while the logon page was being filled:\n\(probe.screen)")
        XCTAssertTrue(backend.frames.contains { $0.canvas.text.contains("Autopilot stopped before line") }, "the hand-over is said")
        // The keyboard is the trainer's: a key typed after Esc goes on the half-typed User ID.
        let typed = userID(on: probe.screen)
        XCTAssertTrue(!typed.isEmpty && typed.count < 8 && "B0123402".hasPrefix(typed), "Esc came mid-way through the User ID: \(typed)")
        XCTAssertEqual(userID(on: backend.screenText), typed + "7")
        XCTAssertFalse(backend.screenText.contains("Esc take the keyboard"))
    }

    /// What the User ID field of the logon page holds.
    private func userID(on screen: String) -> String {
        guard let line = screen.split(separator: "\n").first(where: { $0.contains("User ID  ") }),
              let range = line.range(of: "User ID") else { return "" }
        return String(line[range.upperBound...].split(separator: " ").first ?? "").replacingOccurrences(of: "_", with: "")
    }

    func testAFailedExpectationStopsItSayingWhatWasExpectedAndWhere() throws {
        let scenario = try Scenario(name: "wrong.scenario", text: """
        clock 2023-06-12T09:00+08:00
        key Enter
        expect "Something the logon page does not say"
        key Enter
        """)
        let (program, backend) = try play(scenario, script: [], idle: 20)
        _ = program.run()
        XCTAssertEqual(program.model.stopped, "Line 3: expected \"Something the logon page does not say\" on the screen; the keyboard is yours.")
        XCTAssertEqual(program.model.index, 3, "the step after the failed expectation was not taken")
        XCTAssertTrue(backend.screenText.contains("Line 3: expected"), backend.screenText)
    }

    func testOtherKeysWaitWhileTheAudienceWatches() throws {
        let scenario = try scenario("ongoing-logon-app")
        let (program, _) = try play(scenario, script: [.events([.key(.character("2"))]), .events([.key(.enter)])])
        _ = program.run()
        XCTAssertFalse(program.model.handedOver)
        XCTAssertNotNil(program.model.caption, "the caption still waits for Space")
        XCTAssertNotNil(program.model.terminal.state.screen.as(LandingScreen.self), "keys other than Space and Esc did nothing")
    }
}
