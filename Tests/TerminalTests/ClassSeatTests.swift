import AuthDomain
import AuthEngine
import Foundation
import TestSupport
import XCTest

/// A class seat's terminal as a trainee sees it (tmux), following its class: the class's hours
/// and policy, and the trainer's reset and delete while the seat is open.
final class ClassSeatTests: XCTestCase {
    private var data: URL!

    /// A demo store on Saturday 17 June 2023, 10:00 (the terminal is closed on Saturdays).
    override func setUpWithError() throws {
        data = FileManager.default.temporaryDirectory.appendingPathComponent("ccass-seat-\(UUID().uuidString)")
        let directory = data!
        addTeardownBlock { try? FileManager.default.removeItem(at: directory) }
        XCTAssertEqual(try run("demo", "--training-kdf-iterations", "1000", "--clock", "2023-06-17T10:00+08:00").status, 0)
    }

    @discardableResult
    private func run(_ arguments: String...) throws -> (out: String, err: String, status: Int32) {
        try Programs.run(Programs.ccassTerminal, arguments + ["--data-dir", data.path])
    }

    /// The seat's terminal, as sshd would start it.
    private func seat(_ reference: String) throws -> TmuxTerminal {
        let terminal = try TmuxTerminal(testCase: self)
        try terminal.start("\(Programs.ccassTerminal.path) --data-dir \(data.path) --seat \(reference)")
        return terminal
    }

    func testAClassWithAlwaysHoursOpensOnASaturdayAndARealClassDoesNot() throws {
        XCTAssertEqual(try run("class", "create", "sat", "--trainees", "1", "--hours", "always").status, 0)
        XCTAssertEqual(try run("class", "create", "week", "--trainees", "1").status, 0)
        let open = try seat("sat/1")
        try open.waitFor("1. Login with OTP - Online Functions")
        XCTAssertFalse(open.capture().contains("not available now"), open.capture())
        let closed = try seat("week/1")
        try closed.waitFor("The CCASS/CCMS Terminal is not available now. It opens on")
        // Changed later, it applies to the seats opened from then on.
        XCTAssertEqual(try run("class", "set", "week", "--hours", "always").status, 0)
        let reopened = try seat("week/1")
        try reopened.waitFor("1. Login with OTP - Online Functions")
    }

    /// A password the HKEX policy accepts (16 characters, a number, both cases, a special) but
    /// NIST's refuses (it contains the User ID): refused at a seat of a NIST class.
    func testASeatUsesItsClassPolicy() throws {
        XCTAssertEqual(try run("class", "create", "nist", "--trainees", "1", "--hours", "always", "--policy", "nist-800-63b-4").status, 0)
        let terminal = try seat("nist/1")
        try terminal.waitFor("1. Login with OTP - Online Functions")
        terminal.keys("Enter")
        try terminal.waitFor("Enter your User ID and Password")
        // Change Password for the app user: current password, then the new one twice.
        terminal.type("T0010102")
        terminal.keys("Tab", "Tab", "Tab", "Tab", "Enter")
        let screen = try terminal.waitFor("Does not contain the User ID")
        XCTAssertTrue(screen.contains("At least 15 characters"), "the NIST checklist:\n\(screen)")
        XCTAssertFalse(screen.contains("At least 16 characters"), "not HKEX's:\n\(screen)")
        // The focus is on the new password (the User ID is filled in).
        let password = "T0010102#Passw0rdxy"
        XCTAssertTrue(PasswordPolicy.hkex2023.failures(password).isEmpty, "HKEX's policy accepts it")
        terminal.type(password)
        terminal.keys("Tab")
        terminal.type(password)
        try terminal.waitFor("✓ Both entries are the same")
        XCTAssertTrue(terminal.capture().contains("✗ Does not contain the User ID"), terminal.capture())
        terminal.keys("Enter")
        try terminal.waitFor("Does not contain the User ID")
        XCTAssertFalse(terminal.capture().contains("Password changed successfully"), terminal.capture())
    }

    func testAResetReachesAnOpenSeatAndADeleteClosesIt() throws {
        XCTAssertEqual(try run("class", "create", "mon", "--trainees", "2", "--hours", "always").status, 0)
        let terminal = try seat("mon/1")
        let other = try seat("mon/2")
        try terminal.waitFor("1. Login with OTP - Online Functions")
        try other.waitFor("1. Login with OTP - Online Functions")
        terminal.keys("Enter")
        try terminal.waitFor("Enter your User ID and Password")
        terminal.type("T0010102")
        try terminal.waitFor("T0010102")
        XCTAssertEqual(try run("class", "reset", "mon", "--seat", "1").status, 0)
        try terminal.waitFor("The trainer reset this seat", timeout: 5)
        let screen = terminal.capture()
        XCTAssertTrue(screen.contains("1. Login with OTP - Online Functions"), "back on the landing page:\n\(screen)")
        XCTAssertFalse(other.capture().contains("The trainer reset"), "seat 2 was not reset")
        // Deleted: every seat of the class ends, saying why.
        XCTAssertEqual(try run("class", "delete", "mon").status, 0)
        try terminal.waitFor("The trainer closed class mon", timeout: 5)
        try terminal.waitFor("PROGRAM-EXITED-1")
        try other.waitFor("The trainer closed class mon", timeout: 5)
    }
}
