import AuthEngine
import Foundation
@testable import TerminalApp
@testable import TerminalCore
import TestSupport
import XCTest

/// The shipped scenarios pass (and match their snapshots); the format's errors are precise.
final class ScenarioTests: XCTestCase {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../Resources/scenarios").standardizedFileURL

    func testEveryShippedScenarioPasses() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.directory.path).filter { $0.hasSuffix(".scenario") }.sorted()
        XCTAssertGreaterThanOrEqual(files.count, 16)
        let runner = ScenarioRunner(snapshotDirectory: Self.directory.appendingPathComponent("snapshots"))
        var reached = Coverage()
        for file in files {
            let text = try String(contentsOf: Self.directory.appendingPathComponent(file), encoding: .utf8)
            let result = runner.run(try Scenario(name: file, text: text))
            XCTAssertNil(result.failure, "\(file): \(result.failure ?? "")")
            XCTAssertEqual(result.written, [], "\(file) wrote a snapshot that should have been committed")
            reached.merge(result.coverage)
        }
        // The shipped suite reaches every screen, pop-up, button and engine outcome, but those
        // no terminal can reach (each with its reason, README lists them).
        XCTAssertTrue(reached.isComplete(except: Coverage.notFromATerminal), reached.table(except: Coverage.notFromATerminal))
        // An exception that a scenario now reaches, or that the catalogue no longer has, is stale.
        let all = Set(reached.areas.flatMap(\.all))
        for key in Coverage.notFromATerminal.keys.sorted() {
            XCTAssertTrue(all.contains(key), "\(key) is listed as not reachable from a terminal but is not in the catalogue")
            XCTAssertFalse(reached.outcomes.contains(key), "\(key) is listed as not reachable from a terminal, yet a scenario reaches it")
        }
    }

    /// The catalogue comes from the code: every case of the typed outcomes, the screens of
    /// Screen.Kind and the buttons each declares; a reached key the catalogue lacks is reported.
    func testTheCatalogueListsEveryCaseAndReportsWhatIsNotReached() {
        XCTAssertTrue(CoverageCatalog.outcomeKeys.contains("LogonOutcome.invalid"))
        XCTAssertTrue(CoverageCatalog.outcomeKeys.contains("Refusal.ownRequest"))
        XCTAssertTrue(CoverageCatalog.buttonKeys.contains("logon: forgot"))
        XCTAssertEqual(Set(CoverageCatalog.screenNames).count, Screen.Kind.allCases.count, "screen names are unique")
        var coverage = Coverage()
        coverage.outcomes = ["LogonOutcome.invalid"]
        coverage.buttons = ["logon: no-such-button"]
        XCTAssertEqual(coverage.undeclared, ["logon: no-such-button"])
        XCTAssertFalse(coverage.isComplete(except: [:]))
        let table = coverage.table()
        XCTAssertTrue(table.contains("Not reached, engine outcomes and refusals:\n  LogonOutcome.setUpOTPChannel"), table)
        XCTAssertTrue(table.contains("Pressed but not declared by their screen: logon: no-such-button"), table)
        XCTAssertTrue(coverage.cobertura().contains("<line number=\"1\" hits=\"0\" name=\"landing\"/>"))
        XCTAssertTrue(coverage.json().contains("\"key\" : \"LogonOutcome.invalid\""))
    }

    func testTheSameFileGivesTheSameScreens() throws {
        let text = "clock 2023-06-12T09:00+08:00\nkey Enter\ntype B0123408\nkey Tab\ntype Training#2023Pass\nkey Enter\nkey Enter\n"
        let scenario = try Scenario(name: "same", text: text)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ccass-same-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        var withSnapshot = scenario
        withSnapshot.lines.append(Scenario.Line(number: 99, text: "snapshot key", step: .snapshot("key")))
        let missing = ScenarioRunner(snapshotDirectory: dir).run(withSnapshot)
        XCTAssertTrue(missing.failure?.contains("no snapshot") == true, "a missing snapshot fails: \(missing.failure ?? "passed")")
        XCTAssertNil(ScenarioRunner(snapshotDirectory: dir, updateSnapshots: true).run(withSnapshot).failure, "written when asked")
        XCTAssertNil(ScenarioRunner(snapshotDirectory: dir).run(withSnapshot).failure, "the second run shows the same key")
        XCTAssertTrue(try String(contentsOf: dir.appendingPathComponent("key.txt"), encoding: .utf8).contains("Key:"))
        try "garbage\n".write(to: dir.appendingPathComponent("key.txt"), atomically: true, encoding: .utf8)
        XCTAssertNotNil(ScenarioRunner(snapshotDirectory: dir).run(withSnapshot).failure, "a different snapshot fails")
    }

    func testBadFilesNameTheLineAndWhatWasExpected() {
        let cases: [(String, Int, String)] = [
            ("size 80x24\nkye Tab\n", 2, "unknown step \"kye\""),
            ("size eighty\n", 1, "expected a size like 80x24"),
            ("key Tab\nphase transition\n", 2, "phase must come before the first key"),
            ("# comment\n\nadvance soon\n", 3, "expected a duration like 30s"),
            ("otp phone B0123401\n", 1, "expected \"otp app ACCOUNT\" or \"otp email ADDRESS\""),
            ("key Hyper\n", 1, "unknown key \"Hyper\""),
            ("clock yesterday\n", 1, "expected a time like 2023-06-12T09:00+08:00"),
            ("expect\n", 1, "expect needs the text expected on the screen"),
        ]
        for (text, line, message) in cases {
            XCTAssertThrowsError(try Scenario(name: "bad.scenario", text: text)) { error in
                guard let error = error as? Scenario.ParseError else { return XCTFail("\(error)") }
                XCTAssertEqual(error.line, line, text)
                XCTAssertTrue(error.message.contains(message), "\(error)")
                XCTAssertTrue(error.description.hasPrefix("bad.scenario:\(line): "))
            }
        }
    }

    func testAFailedExpectationExitsOneWithTheStepAndTheScreenAndWritesJUnit() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ccass-fail-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("fails.scenario")
        try "key Enter\nexpect \"Welcome aboard\"\n".write(to: file, atomically: true, encoding: .utf8)
        let junit = dir.appendingPathComponent("report.xml")
        let result = try Programs.run(Programs.ccassTerminal, ["scenario", file.path, "--junit", junit.path])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.err.contains("line 2: expect \"Welcome aboard\""), result.err)
        XCTAssertTrue(result.err.contains("Enter your User ID and Password"), "the screen as it was")
        XCTAssertTrue(result.out.hasSuffix("scenarios: 0 passed, 1 failed\n"), result.out)
        let xml = try String(contentsOf: junit, encoding: .utf8)
        XCTAssertTrue(xml.contains("<testsuites tests=\"1\" failures=\"1\""), xml)
        XCTAssertTrue(xml.contains("<failure message=\"line 2: expect &quot;Welcome aboard&quot;\">"), xml)
        let bad = dir.appendingPathComponent("bad.scenario")
        try "size 80x24\nfrobnicate\n".write(to: bad, atomically: true, encoding: .utf8)
        let parse = try Programs.run(Programs.ccassTerminal, ["scenario", bad.path])
        XCTAssertEqual(parse.status, 1)
        XCTAssertEqual(parse.err, "Error: \(bad.path):2: unknown step \"frobnicate\"; expected size, clock, phase, console, ignore-hours, connectivity-test, type, key, paste, expect, expect-not, otp, scan, advance or snapshot\n")
    }
}
