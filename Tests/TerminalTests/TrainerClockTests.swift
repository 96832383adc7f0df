import AuthDomain
import AuthEngine
import Foundation
import Synchronization
import TerminalApp
import TerminalCore
import TerminalView
import XCTest

/// The trainer's F-keys move the store's clock; a move that cannot be saved says so.
final class TrainerClockTests: XCTestCase {
    private func engine(clock: StoreClock, directory: URL) throws -> AuthEngine {
        let store = try AccountStore(location: StoreLocation(directory: directory))
        return AuthEngine(store: store, clock: clock,
                          configuration: EngineConfiguration(hasher: try PasswordHasher(iterations: 1_000, allowReducedCost: true)))
    }

    private func moveClock(_ engine: AuthEngine) -> [TerminalModel.Message] {
        let posted = Mutex<[TerminalModel.Message]>([])
        TerminalRunner(engine: engine, threaded: false).run(.advanceClock(30 * 60)) { message in posted.withLock { $0.append(message) } }
        return posted.withLock { $0 }
    }

    func testF7MovesTheStoresClockAndAFailureIsSaidOnScreen() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ccass-trainer-clock-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: directory) }
        let clock = StoreClock(directory: directory)
        let engine = try engine(clock: clock, directory: directory)
        _ = moveClock(engine)
        XCTAssertEqual(clock.offset, 30 * 60, accuracy: 1, "F7 moved the store's clock")
        // The clock file cannot be replaced (a directory stands in its place): the move is not
        // made, and the screen says why instead of claiming it was.
        try clock.setReal()
        try FileManager.default.createDirectory(at: clock.url.appendingPathComponent("blocked"), withIntermediateDirectories: true)
        let messages = moveClock(engine)
        var state = AppState(console: .terminal, phase: .transition, now: Date(), size: Size(columns: 80, rows: 24))
        state.trainer = true
        _ = Update.update(&state, .key(.function(7)))
        XCTAssertEqual(state.trainerClockNote, "Trainer: clock +30 min.")
        for case .event(let event) in messages { _ = Update.update(&state, event) }
        let note = try XCTUnwrap(state.trainerClockNote)
        XCTAssertTrue(note.hasPrefix("Trainer: the clock was not moved: "), note)
        XCTAssertTrue(Renderer.render(state).text.contains("Trainer: the clock was not moved"), "said in the trainer's panel")
        XCTAssertEqual(clock.offset, 0, "nothing moved")
    }
}
