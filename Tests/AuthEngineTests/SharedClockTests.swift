import AuthEngine
import Foundation
import TestSupport
import XCTest

/// One clock per store: a move made by one process (the trainer's F5-F8, --clock, `class
/// clock`) is the time of every other process on that data directory.
final class SharedClockTests: XCTestCase {
    private func tempDir() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ccass-clock-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: dir) }
        return dir
    }

    func testAMoveInOneClockIsSeenByAnotherOnTheSameDirectory() throws {
        let dir = try tempDir()
        let terminal = StoreClock(directory: dir), authenticator = StoreClock(directory: dir)
        XCTAssertTrue(terminal.isReal)
        XCTAssertEqual(authenticator.now().timeIntervalSinceNow, 0, accuracy: 1)
        let start = HongKongTime.date(2023, 6, 12, 9, 0)
        try terminal.set(start)
        XCTAssertEqual(authenticator.now().timeIntervalSince(start), 0, accuracy: 1)
        try terminal.advance(by: 30 * 60)
        XCTAssertEqual(authenticator.now().timeIntervalSince(start), 30 * 60, accuracy: 1, "F7 in one process moves the other")
        try authenticator.advance(by: 90 * 86_400)
        XCTAssertEqual(terminal.now().timeIntervalSince(start), 90 * 86_400 + 30 * 60, accuracy: 1)
        try terminal.setReal()
        XCTAssertTrue(authenticator.isReal)
        XCTAssertEqual(authenticator.now().timeIntervalSinceNow, 0, accuracy: 1)
        // A damaged clock file reads as the real clock rather than a time far away.
        try "soon\n".write(to: dir.appendingPathComponent(StoreClock.fileName), atomically: true, encoding: .utf8)
        XCTAssertEqual(terminal.now().timeIntervalSinceNow, 0, accuracy: 1)
    }

    /// The case: after the trainer moves the terminal's clock, `authenticator code`
    /// gives a code the terminal accepts (computed here by oathtool at the store's time).
    func testTheAuthenticatorFollowsTheStoresClockAfterAMove() throws {
        let oathtool = try requireTool("oathtool")
        let dir = try tempDir()
        let demo = try Programs.run(Programs.ccassTerminal, ["demo", "--training-kdf-iterations", "1000", "--data-dir", dir.path,
                                                             "--clock", "2023-06-12T09:00+08:00"])
        XCTAssertEqual(demo.status, 0, demo.err)
        let enrolments = try String(contentsOf: dir.appendingPathComponent("demo-enrolments.txt"), encoding: .utf8)
        let uri = try XCTUnwrap(enrolments.split(separator: "\n").first { $0.hasPrefix("B0123402 ") })
        let secret = try XCTUnwrap(URLComponents(string: String(uri.dropFirst(9)))?.queryItems?.first { $0.name == "secret" }?.value)
        let clock = StoreClock(directory: dir)
        func expectCodeAtTheStoresTime(_ why: String) throws {
            let before = Int(clock.now().timeIntervalSince1970)
            let shown = try Programs.run(Programs.ccassTerminal, ["authenticator", "code", "B0123402", "--data-dir", dir.path])
            let after = Int(clock.now().timeIntervalSince1970)
            XCTAssertEqual(shown.status, 0, shown.err)
            let code = shown.out.split(separator: " ").first.map(String.init) ?? shown.out
            let expected = try Set([before, after].map {
                try Programs.run(oathtool, ["--totp", "-b", "--now", "@\($0)", secret]).out.trimmingCharacters(in: .whitespacesAndNewlines)
            })
            XCTAssertTrue(expected.contains(code.trimmingCharacters(in: .whitespacesAndNewlines)), "\(why): \(shown.out) is not \(expected)")
        }
        XCTAssertEqual(clock.now().timeIntervalSince(HongKongTime.date(2023, 6, 12, 9, 0)), 0, accuracy: 30, "demo --clock set the store's clock")
        try expectCodeAtTheStoresTime("after demo --clock")
        try clock.advance(by: 30 * 60)  // what F7 does in a terminal on this store
        try expectCodeAtTheStoresTime("after F7")
    }
}
