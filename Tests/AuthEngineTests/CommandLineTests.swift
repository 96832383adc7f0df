import AuthEngine
import Foundation
import TestSupport
import XCTest

/// The commands as a trainer runs them.
final class CommandLineTests: XCTestCase {
    private func tempDir() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ccass-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        addTeardownBlock { try? FileManager.default.removeItem(at: dir) }
        return dir
    }

    func testDemoThenUsersThroughTheEnvironmentVariable() throws {
        let dir = try tempDir()
        var environment = ProcessInfo.processInfo.environment
        environment[StoreLocation.environmentVariable] = dir.path
        let demo = try Programs.run(Programs.ccassTerminal, ["demo", "--training-kdf-iterations", "1000"], environment: environment)
        XCTAssertEqual(demo.status, 0, demo.err)
        XCTAssertTrue(demo.out.contains("B0123401  first.logon@demo-securities.example"), demo.out)
        // One name per state: `demo` and `users` say the same words.
        XCTAssertTrue(demo.out.contains("2fa-not-initialised") && demo.out.contains("password-set") && demo.out.contains("2fa-app, locked"), demo.out)
        XCTAssertTrue(demo.out.contains("Training#2023Pass"))
        let users = try Programs.run(Programs.ccassTerminal, ["users"], environment: environment)
        XCTAssertEqual(users.status, 0, users.err)
        XCTAssertTrue(users.out.contains("B0123404  HKSCC-CP:B01234  User"), users.out)
        XCTAssertTrue(users.out.contains("2fa-app, locked"), users.out)
        XCTAssertTrue(users.out.contains("password-set"), users.out)
        XCTAssertTrue(users.out.contains("19 accounts, policy hkex-2023"))
        let enrolments = try String(contentsOf: dir.appendingPathComponent("demo-enrolments.txt"), encoding: .utf8)
        XCTAssertTrue(enrolments.contains("B0123402 otpauth://totp/HKEX:B0123402?secret="))
        // Refreshing keeps the store usable and the count the same.
        XCTAssertEqual(try Programs.run(Programs.ccassTerminal, ["demo"], environment: environment).status, 0)
        XCTAssertTrue(try Programs.run(Programs.ccassTerminal, ["users"], environment: environment).out.contains("19 accounts"))
    }

    func testACorruptStoreGivesOneLineNamingTheFileAndIsNotTouched() throws {
        let dir = try tempDir()
        let file = dir.appendingPathComponent(StoreLocation.databaseName)
        let junk = Data(repeating: 0x42, count: 4096)
        try junk.write(to: file)
        let result = try Programs.run(Programs.ccassTerminal, ["users", "--data-dir", dir.path])
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(result.err.split(separator: "\n").count, 1, result.err)
        XCTAssertTrue(result.err.contains(file.path), result.err)
        XCTAssertEqual(try Data(contentsOf: file), junk)
    }

    /// `play` and `scenario --coverage` read a file as `scenario` does: a bad line is named,
    /// FILE:LINE, before any terminal is touched.
    func testPlayAndCoverageNameTheLineOfABadScenario() throws {
        let file = try tempDir().appendingPathComponent("bad.scenario")
        try "clock 2023-06-12T09:00+08:00\nkey Enter\nfrobnicate 3\n".write(to: file, atomically: true, encoding: .utf8)
        for arguments in [["play", file.path], ["scenario", "--coverage", file.path]] {
            let result = try Programs.run(Programs.ccassTerminal, arguments)
            XCTAssertEqual(result.status, 1, arguments.joined(separator: " "))
            XCTAssertEqual(result.err, "Error: \(file.path):3: unknown step \"frobnicate\"; expected size, clock, phase, console, ignore-hours, "
                           + "connectivity-test, type, key, paste, expect, expect-not, otp, scan, advance or snapshot\n")
        }
    }

    func testBadOptionsAreRefusedWithAClearMessage() throws {
        let result = try Programs.run(Programs.ccassTerminal, ["users", "--clock", "yesterday", "--data-dir", try tempDir().path])
        XCTAssertNotEqual(result.status, 0)
        XCTAssertTrue(result.err.contains("--clock \"yesterday\" is not a time"), result.err)
    }
}

final class BusyStoreTests: XCTestCase {
    /// Another terminal holding the write lock is waited for, not failed.
    func testAWriteWaitsForAnotherConnectionsTransaction() throws {
        let env = try TestEnvironment()
        let other = try AccountStore(location: StoreLocation(directory: env.directory))
        let started = DispatchSemaphore(value: 0)
        let holder = Thread {
            try? other.write { tx in
                try tx.setSetting("holder", "1")
                started.signal()
                Thread.sleep(forTimeInterval: 1.0)
            }
        }
        holder.start()
        started.wait()
        let begin = Date()
        try env.engine.unlock(userID: "B0123404", actor: "test")
        XCTAssertGreaterThan(Date().timeIntervalSince(begin), 0.5, "it waited for the lock")
        XCTAssertFalse(try env.account("B0123404").locked)
    }
}
