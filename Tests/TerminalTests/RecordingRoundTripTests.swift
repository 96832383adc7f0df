import AuthDomain
import AuthEngine
import Foundation
import TerminalApp
import TerminalCore
import TerminalProgram
import TerminalView
import TestSupport
import XCTest

/// The recorder is the exact inverse of the scenario session: a session recorded live, then
/// replayed by `scenario`, shows the same screens (the emulated system's: the trainer's panel is
/// the program's, and a replay has no trainer), and every `expect` it wrote holds.
final class RecordingRoundTripTests: XCTestCase {
    /// What a walk does: a key, a paste, text typed, a resize.
    enum Move: Equatable, CustomStringConvertible {
        case event(TerminalEvent)
        case text(String)

        var description: String {
            switch self {
            case .event(.key(let key)): "key \(key.name)"
            case .event(.paste(let text)): "paste \(text)"
            case .event(.resize(let size)): "size \(size.columns)x\(size.rows)"
            case .event(let other): "\(other)"
            case .text(let text): "type \(text)"
            }
        }
    }

    /// A session recorded as it is driven: its screens and the scenario the recorder wrote.
    final class Recording {
        final class Lines: @unchecked Sendable { var all: [String] = [] }
        let world: ScenarioWorld
        let session: HeadlessSession
        let recorder: ScenarioRecorder
        let name: String
        let lines = Lines()
        private(set) var screens: [String] = []
        private let directory: URL

        init(name: String, header: ScenarioHeader) throws {
            self.name = name
            directory = FileManager.default.temporaryDirectory.appendingPathComponent("ccass-roundtrip-\(UUID().uuidString)")
            // The replay seeds its stream with the file's name: the same keys and codes come out.
            let world = try ScenarioWorld(header: header, directory: directory, seed: name)
            self.world = world
            session = HeadlessSession(world: world, trainer: true, logsInputs: true)
            let lines = self.lines
            recorder = ScenarioRecorder(header: header, write: { lines.all.append($0) },
                                        oracle: .reading(directory: directory, engine: { world.engine }), now: { world.clock.now() })
            let recorder = self.recorder
            screens = [RecordingRoundTripTests.normalised(session.state)]
            session.onInput = { event, state in recorder.input(event, in: state) }
            session.onFrame = { [unowned self] state in
                recorder.frame(state)
                screens.append(RecordingRoundTripTests.normalised(state))
            }
        }

        deinit { try? FileManager.default.removeItem(at: directory) }

        func apply(_ move: Move) {
            switch move {
            case .event(let event): session.feed(event)
            case .text(let text): session.type(text)
            }
        }

        /// The scenario file, once the session is over.
        func scenario() -> String {
            recorder.finish()
            return lines.all.joined(separator: "\n") + "\n"
        }
    }

    /// The screen as the emulated system shows it: without the trainer's panel.
    static func normalised(_ state: AppState) -> String {
        var plain = state
        plain.trainer = false
        plain.trainerNotes = []
        plain.trainerClockNote = nil
        if plain.message?.isAside == true { plain.message = nil }
        return Renderer.render(plain).text
    }

    /// Consecutive repeats as one: the same screen drawn twice is one screen.
    static func distinct(_ screens: [String]) -> [String] {
        screens.reduce(into: []) { if $0.last != $1 { $0.append($1) } }
    }

    /// Replays a recorded scenario with `scenario`'s runner; its failure, and its screens.
    static func replay(_ text: String, name: String) -> (failure: String?, screens: [String]) {
        var screens: [String] = []
        var runner = ScenarioRunner(snapshotDirectory: FileManager.default.temporaryDirectory)
        runner.onFrame = { screens.append(normalised($0)) }
        do {
            let result = runner.run(try Scenario(name: name, text: text))
            return (result.failure, screens)
        } catch {
            return ("\(error)", [])
        }
    }

    // MARK: The faults of issue 20

    /// A wrong code, a new code requested and the trainer's F6 replay as they happened: the
    /// wrong code is typed as it was, not replaced by the right one, and nothing expects the
    /// trainer's remark.
    func testAWrongCodeAResendAndATrainerClockMoveReplay() throws {
        var header = ScenarioHeader()
        header.hours = nil
        let live = try Recording(name: "wrong-resend-f6.scenario", header: header)
        for move: Move in [.event(.key(.character("1"))), .text("B0123403"), .event(.key(.tab)), .text("Training#2023Pass"),
                           .event(.key(.enter))] { live.apply(move) }
        XCTAssertTrue(live.session.screenText.contains("Please Enter Your One Time Password"), live.session.screenText)
        live.apply(.text("00000000"))
        live.apply(.event(.key(.enter)))
        XCTAssertTrue(live.session.screenText.contains("Invalid OTP"), live.session.screenText)
        live.apply(.event(.key(.function(6))))
        live.apply(.event(.key(.tab)))
        live.apply(.event(.key(.tab)))
        live.apply(.event(.key(.enter)))
        XCTAssertTrue(live.session.screenText.contains("A new OTP has been sent"), "a new code after five minutes:\n\(live.session.screenText)")
        live.apply(.event(.key(.backTab)))
        live.apply(.event(.key(.backTab)))
        let code = try live.world.emailCode("email.user@demo-securities.example")
        live.apply(.text(code))
        live.apply(.event(.key(.enter)))
        XCTAssertTrue(live.session.screenText.contains("Logged on as B0123403"), live.session.screenText)
        let text = live.scenario()
        XCTAssertTrue(text.contains("type 00000000\n"), "the wrong code is typed as it was:\n\(text)")
        XCTAssertTrue(text.contains("otp email email.user@demo-securities.example\n"), "the right one is the inbox's:\n\(text)")
        XCTAssertTrue(text.contains("advance 300s\n"), "F6 is the clock moving five minutes:\n\(text)")
        XCTAssertFalse(text.contains("Trainer:"), "nothing expects the trainer's remark:\n\(text)")
        XCTAssertFalse(text.contains("key F6"))
        let replayed = Self.replay(text, name: live.name)
        XCTAssertNil(replayed.failure, text)
        XCTAssertEqual(Self.distinct(replayed.screens).last, Self.distinct(live.screens).last)
        // `play` carries the same file out: its autopilot reaches the end with every expectation held.
        XCTAssertEqual(try AutopilotTests.playToTheEnd(Scenario(name: live.name, text: text)), "The scenario is over; the keyboard is yours.")
    }

    // MARK: The law, as a property

    /// Random walks over the screens (wrong and right codes and passwords, resends, Esc,
    /// the trainer's clock keys, resizes, DMS maker-checker): recorded, then replayed, every
    /// screen comes back in order. A failing walk is shrunk and printed as a scenario file.
    func testRecordingThenReplayingReproducesEveryScreen() throws {
        let walks = Int(ProcessInfo.processInfo.environment["CCASS_ROUNDTRIP_WALKS"] ?? "") ?? 16
        var reached: Set<String> = []
        for seed in 0..<walks {
            var header = ScenarioHeader()
            header.hours = nil
            header.console = seed % 3 == 2 ? .dms : .terminal
            header.start = HongKongTime.date(2023, 6, 12, 10, 0).addingTimeInterval(Double(seed) * 86_400 * 9)
            let name = "walk-\(seed).scenario"
            var generator = Walk(seed: UInt64(seed) &+ 0x5EED)
            let moves = try record(name: name, header: header) { live in
                reached.insert(live.session.state.active.name)
                return generator.next(live)
            }
            if let problem = try check(moves, name: name, header: header) {
                let shrunk = try shrink(moves, name: name, header: header)
                let live = try replayLive(shrunk, name: name, header: header)
                XCTFail("walk \(seed) does not replay: \(problem)\nshortest failing walk, as recorded:\n\(live.scenario())")
            }
        }
        // The walks go where the law matters: codes typed right and wrong, a device registered,
        // DMS's maker-checker.
        print("round trip: the walks reached \(reached.sorted().joined(separator: ", "))")
        for screen in ["logon", "email-otp", "app-otp", "register-device", "forgot-reset-password", "maintain-user-profile", "user-profile"] {
            XCTAssertTrue(reached.contains(screen), "no walk reached \(screen): \(reached.sorted())")
        }
    }

    /// Drives a live session for up to 140 moves chosen by `choose`; returns the moves made.
    private func record(name: String, header: ScenarioHeader, _ choose: (Recording) -> Move?) throws -> [Move] {
        let live = try Recording(name: name, header: header)
        var moves: [Move] = []
        while moves.count < 140, !live.session.quit, let move = choose(live) {
            moves.append(move)
            live.apply(move)
        }
        return moves
    }

    private func replayLive(_ moves: [Move], name: String, header: ScenarioHeader) throws -> Recording {
        let live = try Recording(name: name, header: header)
        for move in moves { live.apply(move) }
        return live
    }

    /// Why `moves` do not replay, or nil.
    private func check(_ moves: [Move], name: String, header: ScenarioHeader) throws -> String? {
        let live = try replayLive(moves, name: name, header: header)
        let text = live.scenario()
        let replayed = Self.replay(text, name: name)
        if let failure = replayed.failure { return "the replay failed: \(failure)" }
        let expected = Self.distinct(live.screens), actual = Self.distinct(replayed.screens)
        guard expected != actual else { return nil }
        let index = (0..<min(expected.count, actual.count)).first { expected[$0] != actual[$0] } ?? min(expected.count, actual.count)
        let shown = index < expected.count ? expected[index] : "(no more screens)"
        let replay = index < actual.count ? actual[index] : "(no more screens)"
        return "screen \(index + 1) of \(expected.count) differs (the replay has \(actual.count)):\nlive:\n\(shown)\nreplay:\n\(replay)"
    }

    /// Removes moves while the walk still fails (delta debugging, halves then single moves).
    private func shrink(_ moves: [Move], name: String, header: ScenarioHeader) throws -> [Move] {
        var current = moves
        var chunk = max(1, current.count / 2)
        while chunk >= 1 {
            var start = 0, removed = false
            while start < current.count {
                var candidate = current
                candidate.removeSubrange(start..<min(current.count, start + chunk))
                if try check(candidate, name: name, header: header) != nil {
                    current = candidate
                    removed = true
                } else {
                    start += chunk
                }
            }
            if !removed { chunk /= 2 }
        }
        return current
    }

    /// The walker: a move chosen for the screen in front, from a seeded stream.
    struct Walk {
        private var numbers: SeededGenerator

        init(seed: UInt64) { numbers = SeededGenerator(seed: seed) }

        mutating func random(_ n: Int) -> Int { numbers.below(n) }

        mutating func pick<T>(_ items: [T]) -> T { numbers.pick(items) }

        static let users = ["B0123401", "B0123402", "B0123403", "B0123404", "B0123405", "B0123408", "B0123409", "B01234X1", "B01234Y1",
                            "B01234Z1", "B0123499"]

        mutating func next(_ live: Recording) -> Move? {
            let state = live.session.state
            if case .field(let field)? = state.currentForm?.focusedItem, field.isEmpty, random(10) < 7 {
                switch field.kind {
                case .userID:
                    // DMS is for DAs: its walks mostly type theirs (makers, then checkers).
                    if state.console == .dms, random(10) < 8 { return .text(pick(["B01234X1", "B01234X1", "B01234Y1", "B01234Z1"])) }
                    return .text(pick(Self.users))
                case .password:
                    return .text(pick(["Training#2023Pass", "Training#2023Pass", "Brand-New#Pass2023x", "wrong password"]))
                case .digits(let max):
                    if let entry = state.active.codeEntry, random(10) < 6, let code = rightCode(entry, live) { return .text(code) }
                    return .text(String((0..<max).map { _ in Character(String(random(10))) }))
                case .email: return .text("new.user@demo-securities.example")
                case .text: return .text("Group \(random(9))")
                }
            }
            var keys: [Key] = Array(repeating: .enter, count: 6) + Array(repeating: .tab, count: 4)
                + [.backTab, .down, .up, .escape, .character(" "), .pageDown, .left, .right, .backspace]
            if case .landing = state.screen { keys += [.character("1"), .character("1"), .character("2"), .character("3"), .character("v")] }
            keys += [.function(5), .function(6), .function(7)]
            if random(40) == 0 { keys.append(.function(8)) }
            if random(30) == 0 { return .event(.resize(pick([Size(columns: 80, rows: 24), Size(columns: 100, rows: 30), Size(columns: 120, rows: 40)]))) }
            return .event(.key(pick(keys)))
        }

        /// The code the phone or the inbox gives for what the field waits for.
        func rightCode(_ entry: CodeEntry, _ live: Recording) -> String? {
            switch entry.source {
            case .app:
                if case .registerDevice(let screen) = live.session.state.screen, let uri = try? OTPAuthURI(parsing: screen.registration.uri) {
                    return try? uri.generator.totp(secret: uri.secret, at: live.world.clock.now())
                }
                return try? live.world.appCode(entry.userID)
            case .email:
                guard let address = (try? live.world.engine.account(entry.userID))??.email else { return nil }
                return try? live.world.emailCode(address)
            }
        }
    }
}

