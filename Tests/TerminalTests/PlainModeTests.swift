import AuthEngine
import Foundation
import TestSupport
import XCTest

/// --plain through pipes, the way an expect script drives it.
final class PlainModeTests: XCTestCase {
    func testAnEmailOTPLogonThroughPipes() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ccass-plain-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        XCTAssertEqual(try Programs.run(Programs.ccassTerminal, ["demo", "--data-dir", dir.path, "--training-kdf-iterations", "1000",
                                                                 "--clock", "2023-06-12T09:00+08:00"]).status, 0)
        let process = Process()
        process.executableURL = Programs.ccassTerminal
        process.arguments = ["--plain", "--data-dir", dir.path, "--clock", "2023-06-12T10:00+08:00"]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        var seen = ""
        func waitFor(_ text: String) throws {
            let deadline = Date().addingTimeInterval(10)
            while !seen.contains(text) {
                guard Date() < deadline else { throw NSError(domain: "plain", code: 1, userInfo: [NSLocalizedDescriptionKey: "never saw \(text) in:\n\(seen)"]) }
                let data = output.fileHandleForReading.availableData
                if data.isEmpty { Thread.sleep(forTimeInterval: 0.02) }
                seen += String(decoding: data, as: UTF8.self)
            }
        }
        func send(_ line: String) { input.fileHandleForWriting.write(Data((line + "\n").utf8)) }
        try waitFor("Choose 1-3, v for the connectivity verification, or q to quit: ")
        send("1")
        try waitFor("User ID: ")
        send("b0123403")
        try waitFor("Password: ")
        send("Training#2023Pass")
        try waitFor("q) quit [1]: ")
        send("")
        try waitFor("OTP: ")
        let message = try XCTUnwrap(Mailbox(root: dir.appendingPathComponent("mail")).messages(for: "email.user@demo-securities.example").first)
        send(try XCTUnwrap(message.otp))
        try waitFor("q) quit [1]: ")
        send("1")
        try waitFor("Logged on as B0123403 by 2FA (email OTP).")
        try waitFor("q) quit [1]: ")
        send("q")
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0)
        XCTAssertFalse(seen.contains("┌"), "no box drawing")
        XCTAssertFalse(seen.contains("\u{1B}["), "no cursor movement or attributes")
        XCTAssertFalse(seen.contains("Training#2023Pass"), "the password is not echoed")
    }

    /// A store that cannot be opened ends the program, after the first screen, with one clear
    /// line on stderr and a failing status, whatever the operator has typed.
    func testAStoreThatCannotBeOpenedEndsTheProgramWithOneLine() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("ccass-not-a-dir-\(UUID().uuidString)")
        FileManager.default.createFile(atPath: file.path, contents: Data("not a store".utf8))
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = Programs.ccassTerminal
        process.arguments = ["--plain", "--data-dir", file.path, "--clock", "2023-06-12T10:00+08:00"]
        let input = Pipe(), output = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let deadline = Date().addingTimeInterval(10)
        while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
        XCTAssertFalse(process.isRunning, "the program waited for input instead of ending")
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        XCTAssertEqual(process.terminationStatus, 1)
        XCTAssertTrue(stderr.hasPrefix("Error: "), stderr)
        XCTAssertTrue(stderr.contains(file.lastPathComponent), "names the store: \(stderr)")
        XCTAssertEqual(stderr.split(separator: "\n").count, 1, stderr)
        try input.fileHandleForWriting.close()
    }

    /// The User Profile Listing in plain mode is printed whole, every line of it, as README says
    /// (a report scrolls on screen; a line-based front end has no scrolling).
    func testTheListingIsPrintedWhole() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ccass-plain-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        XCTAssertEqual(try Programs.run(Programs.ccassTerminal, ["demo", "--data-dir", dir.path, "--training-kdf-iterations", "1000",
                                                                 "--clock", "2023-06-12T09:00+08:00"]).status, 0)
        let session = try PlainSession(Programs.ccassTerminal, ["--plain", "--dms", "--data-dir", dir.path, "--ignore-hours"])
        try session.waitFor("or q to quit: ")
        try session.logOn("B01234X1", password: "Training#2023Pass")
        session.send("")
        try session.waitFor("OTP: ")
        let code = try Programs.run(Programs.ccassTerminal, ["authenticator", "code", "B01234X1", "--data-dir", dir.path])
        session.send(code.out.trimmingCharacters(in: .whitespacesAndNewlines))
        try session.waitFor("q) quit [1]: ")
        session.send("")
        try session.waitFor("Logged on as B01234X1")
        try session.waitFor("q) quit [1]: ")
        session.send("1")
        try session.waitFor("q) quit [1]: ")
        session.send("5")
        try session.waitFor("*** END OF REPORT ***")
        try session.waitFor("q) quit [1]: ")
        let transcript = session.transcript
        let start = try XCTUnwrap(transcript.range(of: "USER PROFILE LISTING\n", options: .backwards))
        let end = try XCTUnwrap(transcript.range(of: "*** END OF REPORT ***", range: start.upperBound..<transcript.endIndex))
        let listing = transcript[start.lowerBound..<end.upperBound].split(separator: "\n", omittingEmptySubsequences: false)
        XCTAssertEqual(listing.count, 26, "every line of the demo participant's listing:\n\(listing.joined(separator: "\n"))")
        XCTAssertTrue(listing.contains { $0.hasPrefix("B01234Z1") }, "the last user is there too")
        session.send("q")
        XCTAssertEqual(try session.finish(), 0)
    }
}
