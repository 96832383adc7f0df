import AuthDomain
import Foundation
@testable import TerminalApp
@testable import TerminalCore
import TerminalView
import TestSupport
import XCTest

/// The key tables: a hint never names a key its screen does not handle, and README's key table
/// is the tables' own.
final class KeyTableTests: XCTestCase {
    /// Every state the shipped scenarios reach, with each hinted key pressed on a copy: at least
    /// one key of every hinted binding changes the state or asks for something (an engine call,
    /// the clock, quitting).
    func testEveryHintOnEveryScreenTheSuiteReachesDoesSomething() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: ScenarioTests.directory.path).filter { $0.hasSuffix(".scenario") }.sorted()
        var runner = ScenarioRunner(snapshotDirectory: ScenarioTests.directory.appendingPathComponent("snapshots"))
        var states: [String: AppState] = [:]
        runner.observe = { state, _ in
            // One state per screen and hint line (and trainer variants below).
            states["\(state.active.name)|\(Renderer.hintText(state))|\(state.currentForm?.focus ?? -1)"] = state
        }
        for file in files {
            let text = try String(contentsOf: ScenarioTests.directory.appendingPathComponent(file), encoding: .utf8)
            XCTAssertNil(runner.run(try Scenario(name: file, text: text)).failure, file)
        }
        XCTAssertGreaterThan(states.count, 50, "the suite reaches many screen states")
        var checked = 0
        for (key, original) in states.sorted(by: { $0.key < $1.key }) {
            for trainer in [false, true] {
                var state = original
                state.trainer = trainer
                let bindings = (SessionKeys.table(state).bindings + state.active.keys(state.context).bindings).filter { $0.hint != nil }
                for binding in bindings {
                    let keys = binding.keys.flatMap(Self.examples)
                    let acts = keys.contains { key in
                        var copy = state
                        let effects = Update.update(&copy, .key(key))
                        return copy != state || !effects.isEmpty || binding.action == .redraw
                    }
                    XCTAssertTrue(acts, "on \(key) the hint \"\(binding.hint!)\" names keys that do nothing there")
                    checked += 1
                }
            }
        }
        XCTAssertGreaterThan(checked, 300)
    }

    /// The keys a pattern stands for, to press.
    static func examples(_ pattern: KeyPattern) -> [Key] {
        switch pattern {
        case .key(let key): [key]
        case .characters: [.character("A"), .character("7")]
        case .digits: (1...9).map { .character(Character(String($0))) }
        }
    }
}

extension KeyTableTests {
    /// README's key table is the one the tables give (KeyGuide); rewrite it from
    /// `KeyGuide.markdown` when a binding changes (UPDATE_README=1 does it).
    func testREADMEsKeyTableIsTheTablesOwn() throws {
        let readme = ScenarioTests.directory.appendingPathComponent("../../README.md").standardizedFileURL
        let text = try String(contentsOf: readme, encoding: .utf8)
        let start = "<!-- keys: written from the key tables (KeyGuide); KeyTableTests checks it -->\n", end = "<!-- /keys -->"
        guard let from = text.range(of: start), let to = text.range(of: end, range: from.upperBound..<text.endIndex) else {
            return XCTFail("README.md has no key table between \(start) and \(end)")
        }
        let shown = String(text[from.upperBound..<to.lowerBound])
        if ProcessInfo.processInfo.environment["UPDATE_README"] != nil, shown != KeyGuide.markdown {
            try (text[..<from.upperBound] + KeyGuide.markdown + text[to.lowerBound...]).write(to: readme, atomically: true, encoding: .utf8)
            return
        }
        XCTAssertEqual(shown, KeyGuide.markdown, "README's key table differs from the key tables; run with UPDATE_README=1 and read it")
    }
}
