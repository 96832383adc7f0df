import Foundation
import TestSupport
#if canImport(Glibc)
import Glibc
#endif
import XCTest

/// The secondary connectivity session works on a copy of the store and its key in the
/// temporary directory. Every way the program can end removes it; a copy a SIGKILL left behind
/// is removed by the next secondary session, which sees that its process is gone.
final class CleanExitTests: XCTestCase {
    func testCtrlCRemovesTheCopy() throws {
        try endTheCursesSession { term, _ in term.keys("C-c") }
    }

    func testSIGTERMRemovesTheCopy() throws {
        try endTheCursesSession { _, pid in kill(pid, SIGTERM) }
    }

    func testSIGHUPRemovesTheCopy() throws {
        try endTheCursesSession { _, pid in kill(pid, SIGHUP) }
    }

    /// The crash handler removes the copy before the process dies of the signal.
    func testACrashRemovesTheCopy() throws {
        try endTheCursesSession(exit: "PROGRAM-EXITED-139") { _, pid in kill(pid, SIGSEGV) }
    }

    func testTheNextSessionRemovesTheCopyASIGKILLLeft() throws {
        let store = try SecondaryStore()
        let first = try TmuxTerminal(testCase: self)
        try first.start(store.command)
        let (killed, copy) = try store.waitForCopy(besides: [])
        kill(killed, SIGKILL)
        try first.waitFor("PROGRAM-EXITED-137")
        XCTAssertTrue(FileManager.default.fileExists(atPath: copy.path), "SIGKILL cannot be caught: the copy is still there")

        let second = try TmuxTerminal(testCase: self)
        try second.start(store.command)
        _ = try store.waitForCopy(besides: [copy.lastPathComponent])
        try waitUntil("the copy of the killed process is removed") { !FileManager.default.fileExists(atPath: copy.path) }
        second.keys("C-c")
        try second.waitForExit()
        XCTAssertEqual(try store.copies(), [], "the second session removed its own copy too")
    }

    func testQuittingPlainModeRemovesTheCopy() throws {
        try endThePlainSession { input, _ in input.write(Data("q\n".utf8)) }
    }

    func testTheEndOfInputInPlainModeRemovesTheCopy() throws {
        try endThePlainSession { input, _ in try input.close() }
    }

    func testSIGTERMInPlainModeRemovesTheCopy() throws {
        try endThePlainSession(status: 128 + SIGTERM) { _, pid in kill(pid, SIGTERM) }
    }

    // MARK: - Helpers

    /// Starts a secondary session under tmux, waits for its copy, ends it with `end` and checks
    /// the copy is gone.
    private func endTheCursesSession(exit: String = "PROGRAM-EXITED-", file: StaticString = #filePath, line: UInt = #line,
                                     _ end: (TmuxTerminal, pid_t) throws -> Void) throws {
        let store = try SecondaryStore()
        let term = try TmuxTerminal(testCase: self)
        try term.start(store.command)
        try term.waitFor("Secondary Data Centre (Session 2): changes not kept")
        let (pid, copy) = try store.waitForCopy(besides: [])
        XCTAssertTrue(FileManager.default.fileExists(atPath: copy.appendingPathComponent("store.key").path), "the copy holds the key",
                      file: file, line: line)
        try end(term, pid)
        try term.waitFor(exit)
        XCTAssertEqual(try store.copies(), [], "the copy (database and key) is left in the temporary directory", file: file, line: line)
    }

    private func endThePlainSession(status: Int32 = 0, file: StaticString = #filePath, line: UInt = #line,
                                    _ end: (FileHandle, pid_t) throws -> Void) throws {
        let store = try SecondaryStore()
        let process = Process()
        process.executableURL = Programs.ccassTerminal
        process.arguments = store.arguments + ["--plain"]
        process.environment = ProcessInfo.processInfo.environment.merging(["TMPDIR": store.temporary.path]) { $1 }
        let input = Pipe()
        process.standardInput = input
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        _ = try store.waitForCopy(besides: [])
        try end(input.fileHandleForWriting, process.processIdentifier)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, status, file: file, line: line)
        XCTAssertEqual(try store.copies(), [], "the copy is left in the temporary directory", file: file, line: line)
    }
}

/// A demo store for the connectivity test and a temporary directory of its own for the copies.
private struct SecondaryStore {
    let directory: URL
    let temporary: URL

    init() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("ccass-exit-\(UUID().uuidString)")
        directory = root.appendingPathComponent("store")
        temporary = root.appendingPathComponent("tmp")
        try FileManager.default.createDirectory(at: temporary, withIntermediateDirectories: true)
        let demo = try Programs.run(Programs.ccassTerminal, ["demo", "--data-dir", directory.path, "--training-kdf-iterations", "1000",
                                                             "--clock", "2023-06-10T18:00+08:00"])
        guard demo.status == 0 else { throw TestFailure("demo: \(demo.err)") }
    }

    var arguments: [String] {
        ["--connectivity-test", "secondary", "--data-dir", directory.path, "--clock", "2023-06-10T22:00+08:00", "--ignore-hours"]
    }

    var command: String { "env TMPDIR=\(temporary.path) \(Programs.ccassTerminal.path) \(arguments.joined(separator: " "))" }

    func copies() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: temporary.path).filter { $0.hasPrefix("ccass-secondary-") }.sorted()
    }

    /// Waits for a copy other than `besides` (it is made once the landing page is up); returns
    /// its process and its directory.
    func waitForCopy(besides: [String], timeout: TimeInterval = 10) throws -> (pid_t, URL) {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if let name = try copies().first(where: { !besides.contains($0) }),
               FileManager.default.fileExists(atPath: temporary.appendingPathComponent(name).appendingPathComponent("store.key").path),
               let pid = pid_t(name.dropFirst("ccass-secondary-".count).prefix(while: \.isNumber)) {
                return (pid, temporary.appendingPathComponent(name))
            }
            Thread.sleep(forTimeInterval: 0.02)
        }
        throw TestFailure("no working copy appeared in \(temporary.path) within \(timeout) s")
    }
}

private func waitUntil(_ what: String, timeout: TimeInterval = 10, _ condition: () -> Bool) throws {
    let deadline = Date().addingTimeInterval(timeout)
    while !condition() {
        guard Date() < deadline else { throw TestFailure("timed out waiting for \(what)") }
        Thread.sleep(forTimeInterval: 0.02)
    }
}
