import AuthEngine
import Foundation
import TestSupport
#if canImport(Glibc)
import Glibc
#endif
import XCTest

/// I/O faults at every write point of the operations that change the store, injected with an
/// LD_PRELOAD library (Tools/FaultShim) into the real program: the Nth write, fsync or open
/// under the store fails with ENOSPC or EIO, and every one after it (a disk that stays full).
/// Each operation is refused with one clear line and the program stays usable, or it completes;
/// `PRAGMA integrity_check` is ok afterwards; once the fault clears the operation completes and
/// no counter was lost or counted twice. Set CCASS_FAULT_MATRIX=FILE to write the outcomes.
final class FaultInjectionTests: XCTestCase {
    /// A full disk on write, an I/O error on fsync, an I/O error opening a file for writing.
    static let faults = [Fault(call: "write", errno: "ENOSPC"), Fault(call: "fsync", errno: "EIO"), Fault(call: "open", errno: "EIO")]
    /// Write points tried per operation and fault, spread from the first call to the last.
    static let pointsPerFault = 6

    func testAFailedLogonAtEveryWritePoint() throws {
        try matrix(.failedLogon)
    }

    func testALogonWithAnEmailCodeAtEveryWritePoint() throws {
        try matrix(.emailCodeLogon)
    }

    func testAResetThenADeviceRegistrationAtEveryWritePoint() throws {
        try matrix(.resetThenRegister)
    }

    func testADMSMakerCheckerChangeAtEveryWritePoint() throws {
        try matrix(.makerCheckerChange)
    }

    /// The store's folder made read-only while the terminal runs (a real chmod, the program run
    /// as `nobody` since root ignores permissions): SQLite keeps the files it has open, so the
    /// logon's own writes go on; the email code cannot be delivered into the Maildir, and the
    /// operator is told so in one line and may ask for a new code once the folder is writable.
    func testAStoreFolderMadeReadOnlyMidSession() throws {
        let setpriv = try requireTool("setpriv")
        let store = try FaultStores.copy(of: FaultStores.template())
        defer { try? FileManager.default.removeItem(at: store.deletingLastPathComponent()) }
        XCTAssertEqual(chownTree(store, to: 65534), 0)
        let session = try PlainSession(setpriv, ["--reuid=65534", "--regid=65534", "--clear-groups", Programs.ccassTerminal.path,
                                                 "--plain", "--data-dir", store.path, "--clock", "2023-06-12T10:00+08:00"])
        try session.waitFor("or q to quit: ")
        XCTAssertEqual(chmodTree(store, writable: false), 0)
        try session.logOn("B0123403", password: "Training#2023Pass")
        session.send("")
        try session.waitFor("The OTP email could not be delivered")
        let answer = try session.waitFor("quit [1]: ", "OTP: ")
        XCTAssertTrue(["quit [1]: ", "OTP: "].contains(answer), "the program asks again")
        // The folder writable again: REQUEST A NEW OTP sends at once, and the logon completes.
        XCTAssertEqual(chmodTree(store, writable: true), 0)
        if answer == "OTP: " { session.send("") ; try session.waitFor("quit [1]: ") }
        session.send("2")
        try session.waitFor("OTP: ")
        guard let code = try? FaultStores.newestCode(store, "email.user@demo-securities.example") else {
            throw TestFailure("no new code after the folder was writable again:\n\(session.transcript.suffix(2500))")
        }
        session.send(code)
        try session.waitFor("quit [1]: ")
        session.send("1")
        try session.waitFor("Logged on as B0123403 by 2FA (email OTP).")
        XCTAssertEqual(try session.finish(), 0)
        // The store is nobody's: the files door does not open another user's data as root.
        XCTAssertEqual(chownTree(store, to: 0), 0)
        XCTAssertEqual(try AccountStore(location: StoreLocation(directory: store)).integrityCheck(), "ok")
    }

    // MARK: - The matrix

    private func matrix(_ operation: FaultOperation, file: StaticString = #filePath, line: UInt = #line) throws {
        let template = try FaultStores.template()
        for fault in Self.faults {
            let calls = try FaultStores.countCalls(fault, during: operation, template: template)
            XCTAssertGreaterThan(calls, 0, "\(operation.name) makes no \(fault.call) call under the store: the shim sees nothing",
                                 file: file, line: line)
            for point in spread(1...max(1, calls), count: Self.pointsPerFault) {
                let store = try FaultStores.copy(of: template)
                defer { try? FileManager.default.removeItem(at: store.deletingLastPathComponent()) }
                let context = "\(operation.name), \(fault) at call \(point) of \(calls)"
                let first = try operation.attempt(store, FaultShim.environment(fault, at: point, store: store), 0)
                XCTAssertEqual(try AccountStore(location: StoreLocation(directory: store)).integrityCheck(), "ok", context, file: file, line: line)
                if case .refused(let lines) = first {
                    XCTAssertEqual(lines.count, 1, "one clear line, not \(lines): \(context)", file: file, line: line)
                    XCTAssertTrue(lines.allSatisfy { line in fault.descriptions.contains { line.contains($0) } },
                                  "the line says what failed: \(lines), \(context)", file: file, line: line)
                }
                // The fault cleared: the operation completes, and the counters are exact.
                let second = try operation.attempt(store, FaultShim.environment(nil, at: 0, store: store), 1)
                XCTAssertEqual(second, .done, "after the fault cleared: \(context)", file: file, line: line)
                try operation.check(store, first, context)
                FaultMatrix.record(operation.name, fault, point, calls, first)
            }
        }
    }

    /// `count` points from the range, evenly spread, first and last included.
    private func spread(_ range: ClosedRange<Int>, count: Int) -> [Int] {
        guard range.count > count else { return Array(range) }
        return Array(Set((0..<count).map { range.lowerBound + $0 * (range.count - 1) / (count - 1) })).sorted()
    }

    private func chmodTree(_ directory: URL, writable: Bool) -> Int32 {
        system("chmod -R \(writable ? "u+w" : "a-w") '\(directory.path)'")
    }

    private func chownTree(_ directory: URL, to user: Int) -> Int32 {
        system("chown -R \(user):\(user) '\(directory.deletingLastPathComponent().path)'")
    }
}

/// A fault the shim injects.
struct Fault: CustomStringConvertible, Sendable {
    let call: String
    let errno: String
    var description: String { "\(call) \(errno)" }

    /// What the refusal may say: the disk is full, it reported an error, a file could not be
    /// opened, or the store is read-only (SQLite reports a failing write at start-up as an I/O
    /// error, a failing open of its journal as a file it cannot open, and opens the database
    /// read-only when its shared-memory file cannot be opened for writing).
    var descriptions: [String] {
        ["the disk holding the store is full", "the disk reported an error", "could not be opened", "the store is read-only"]
    }
}

enum FaultShim {
    static var library: URL { Programs.built("libCCASSFaultShim.so") }

    /// The environment of a process under test: the shim loaded, watching the store.
    static func environment(_ fault: Fault?, at point: Int, store: URL, countInto: URL? = nil, counting: Fault? = nil) -> [String: String] {
        var environment = ["LD_PRELOAD": library.path, "CCASS_FAULT_PATH": store.path]
        if let fault {
            environment["CCASS_FAULT_CALL"] = fault.call
            environment["CCASS_FAULT_ERRNO"] = fault.errno
            environment["CCASS_FAULT_AT"] = "\(point)"
            environment["CCASS_FAULT_PERSIST"] = "1"
        }
        if let countInto, let counting {
            environment["CCASS_FAULT_CALL"] = counting.call
            environment["CCASS_FAULT_COUNT"] = countInto.path
        }
        return environment
    }
}

/// The program could not open the store: it ended with these lines.
struct RefusedAtStart: Error {
    let lines: [String]
}

/// The outcome of an operation under a fault.
enum FaultOutcome: Equatable, Sendable {
    case done
    /// Refused: the lines the program printed about it (it must be one).
    case refused([String])
}

/// An operation that writes, driven through the real program, with what must hold afterwards.
struct FaultOperation: Sendable {
    let name: String
    /// Runs it once on the store with the environment (the shim's settings); `attempt` 0 is the
    /// faulty run, 1 the one after the fault cleared.
    let run: @Sendable (URL, [String: String], Int) throws -> FaultOutcome
    /// What the store must hold after both runs, given the first one's outcome.
    let check: @Sendable (URL, FaultOutcome, String) throws -> Void

    /// Runs it; a program that could not open the store counts as a refusal.
    func attempt(_ store: URL, _ environment: [String: String], _ attempt: Int) throws -> FaultOutcome {
        do {
            return try run(store, environment, attempt)
        } catch let refused as RefusedAtStart {
            return .refused(refused.lines)
        }
    }

    static let refusal = "could not be completed"
    static let undelivered = "could not be delivered"

    /// The refusal lines a plain session printed.
    static func refusals(_ session: PlainSession) -> [String] {
        session.transcript.split(separator: "\n").map(String.init).filter { $0.contains(refusal) || $0.contains(undelivered) }
    }

    /// After an answer that may be a refusal: a refused operation leaves the program usable (it
    /// asks again, and ends cleanly with its input).
    static func outcome(_ session: PlainSession, answer: String, success: String, prompted: Bool = false) throws -> FaultOutcome {
        if answer == success {
            XCTAssertEqual(try session.finish(), 0)
            return .done
        }
        if !prompted { try session.waitFor(": ") }
        XCTAssertEqual(try session.finish(), 0, "the program ends cleanly after a refusal")
        return .refused(refusals(session))
    }

    /// Starts the plain terminal at 10:00 (or 10:06 for the run after the fault cleared, past
    /// every code's validity and resend interval).
    static func session(_ store: URL, _ environment: [String: String], _ attempt: Int) throws -> PlainSession {
        try PlainSession(Programs.ccassTerminal, ["--plain", "--data-dir", store.path, "--clock", attempt == 0 ? "2023-06-12T10:00+08:00" : "2023-06-12T10:06+08:00"],
                         environment: environment)
    }

    /// From the landing page: the logon form filled, then `action` (LOG IN by default).
    static func logOn(_ session: PlainSession, _ userID: String, _ password: String, action: String = "") throws {
        // A fault while the store opens ends the program with one "Error:" line.
        if try session.waitFor("or q to quit: ", "Error: ") == "Error: " {
            XCTAssertEqual(try session.finish(), 1, "a store that cannot be opened ends the program with status 1")
            throw RefusedAtStart(lines: session.transcript.split(separator: "\n").map(String.init).filter { $0.hasPrefix("Error: ") })
        }
        try session.logOn(userID, password: password)
        session.send(action)
    }

    /// A wrong password: the lockout counter is written (or the attempt refused, uncounted).
    static let failedLogon = FaultOperation(name: "failed logon (lockout counter)", run: { store, environment, attempt in
        let session = try Self.session(store, environment, attempt)
        try logOn(session, "B0123402", "Wrong#Pass2023x")
        let answer = try session.waitFor("Invalid User ID or Password", refusal)
        return try outcome(session, answer: answer, success: "Invalid User ID or Password")
    }, check: { store, first, context in
        // An answered failure is counted once; a refused one is counted at most once (when
        // only the sync after its write failed, the write may be on the disk all the same, and
        // the operator was told so).
        let account = try XCTUnwrap(try FaultStores.engine(store).account("B0123402"))
        if first == .done {
            XCTAssertEqual(account.failedLogons.count, 2, "every answered failure counted once: \(context)")
        } else {
            XCTAssertTrue((1...2).contains(account.failedLogons.count), "a refused failure counted at most once: \(context)")
        }
    })

    /// The password, an email code sent to the Maildir, the code submitted: a logon.
    static let emailCodeLogon = FaultOperation(name: "logon with an email code", run: { store, environment, attempt in
        let session = try Self.session(store, environment, attempt)
        try logOn(session, "B0123403", "Training#2023Pass")
        let answer0 = try session.waitFor("OTP: ", refusal)
        if answer0 == "OTP: ", session.transcript.contains(undelivered) { return try outcome(session, answer: undelivered, success: "", prompted: true) }
        guard answer0 == "OTP: " else { return try outcome(session, answer: answer0, success: "") }
        session.send(try FaultStores.newestCode(store, "email.user@demo-securities.example"))
        try session.waitFor("quit [1]: ")
        session.send("1")
        let answer = try session.waitFor("Logged on as B0123403", refusal)
        return try outcome(session, answer: answer, success: "Logged on as B0123403")
    }, check: { store, _, context in
        let account = try XCTUnwrap(try FaultStores.engine(store).account("B0123403"))
        XCTAssertNotNil(account.lastLogonAt, context)
        XCTAssertEqual(account.failedLogons.count, 0, "no failure counted for a refused write: \(context)")
    })

    /// Appendix C: the password set with an email code, then REGISTER DEVICE with the key on
    /// the screen and its code. The run after the fault picks up where the store is.
    static let resetThenRegister = FaultOperation(name: "reset by email code, then device registration", run: { store, environment, attempt in
        let session = try Self.session(store, environment, attempt)
        let password = attempt == 0 ? "Brand-New#Pass2023" : "Second-New#Pass2023"
        let registered = try FaultStores.engine(store).account("B0123401")?.sealedSeed != nil
        if registered { return .done }
        try logOn(session, "B0123401", "", action: "2")
        // Forgot/Reset opens with the logon page's user ID, shown; an empty answer keeps it.
        try session.waitFor("User ID [B0123401]: ")
        session.send("")
        try session.waitFor("quit [1]: ")
        session.send("1")
        var answer = try session.waitFor("OTP: ", refusal)
        if answer == "OTP: ", session.transcript.contains(undelivered) { return try outcome(session, answer: undelivered, success: "", prompted: true) }
        guard answer == "OTP: " else { return try outcome(session, answer: answer, success: "") }
        session.send(try FaultStores.newestCode(store, "first.logon@demo-securities.example"))
        try session.waitFor("quit [1]: ")
        session.send("1")
        answer = try session.waitFor("New Password: ", refusal)
        guard answer == "New Password: " else { return try outcome(session, answer: answer, success: "") }
        session.send(password)
        try session.waitFor("Confirm New Password: ")
        session.send(password)
        try session.waitFor("quit [1]: ")
        session.send("1")
        answer = try session.waitFor("Password changed successfully", refusal)
        guard answer == "Password changed successfully" else { return try outcome(session, answer: answer, success: "") }
        // The logon page holds the user ID of the reset (an empty answer would keep it).
        try session.waitFor("User ID [B0123401]: ")
        session.send("B0123401")
        try session.waitFor("Password: ")
        session.send(password)
        try session.waitFor("quit [1]: ")
        session.send("1")
        answer = try session.waitFor("REGISTER DEVICE ]", refusal)
        guard answer == "REGISTER DEVICE ]" else { return try outcome(session, answer: answer, success: "") }
        try session.waitFor("quit [1]: ")
        session.send("1")
        answer = try session.waitFor("Type:", refusal)
        guard answer == "Type:" else { return try outcome(session, answer: answer, success: "") }
        let key = try FaultStores.key(in: session.transcript)
        try session.waitFor("quit [1]: ")
        session.send("1")
        try session.waitFor("OTP: ")
        session.send(try FaultStores.code(key: key, clock: attempt == 0 ? "2023-06-12T10:00+08:00" : "2023-06-12T10:06+08:00",
                                          started: session.started))
        try session.waitFor("quit [1]: ")
        session.send("1")
        answer = try session.waitFor("Logged on as B0123401", refusal)
        return try outcome(session, answer: answer, success: "Logged on as B0123401")
    }, check: { store, _, context in
        let account = try XCTUnwrap(try FaultStores.engine(store).account("B0123401"))
        XCTAssertNotNil(account.sealedSeed, "the device is registered: \(context)")
        XCTAssertNil(account.pendingSeed, "no half-registered key left: \(context)")
        XCTAssertEqual(account.failedLogons.count, 0, context)
    })

    /// DMS: the demo's DA maker changes a user's email and its DA checker authorises it (the
    /// drill, a command: a refusal is one "Error:" line and a non-zero status).
    static let makerCheckerChange = FaultOperation(name: "DMS maker-checker change", run: { store, environment, attempt in
        let result = try Programs.run(Programs.drill, ["dms-change", "--data-dir", store.path, "--email", "changed\(attempt)@dms.example",
                                                       "--clock", attempt == 0 ? "2023-06-12T10:00+08:00" : "2023-06-12T10:06+08:00"],
                                      environment: ProcessInfo.processInfo.environment.merging(environment) { $1 })
        if result.status == 0, result.out == "applied\n" { return .done }
        let lines = result.err.split(separator: "\n").map(String.init)
        XCTAssertTrue(lines.first?.hasPrefix("Error: ") ?? false, "a command says Error: \(result.err)")
        return .refused(lines)
    }, check: { store, _, context in
        let account = try XCTUnwrap(try FaultStores.engine(store).account("B0123409"))
        XCTAssertEqual(account.email, "changed1@dms.example", context)
    })
}

/// Demo stores for the fault tests, their copies, codes and keys.
enum FaultStores {
    nonisolated(unsafe) private static var made: URL?

    /// A demo store with a cheap KDF, made once per test run.
    static func template() throws -> URL {
        if let made { return made }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ccass-fault-template-\(UUID().uuidString)")
        let result = try Programs.run(Programs.ccassTerminal, ["demo", "--data-dir", directory.path, "--training-kdf-iterations", "1000",
                                                               "--clock", "2023-06-12T09:00+08:00"])
        guard result.status == 0 else { throw TestFailure("demo: \(result.err)") }
        made = directory
        return directory
    }

    /// A fresh copy of the template in a folder of its own.
    static func copy(of template: URL) throws -> URL {
        let parent = FileManager.default.temporaryDirectory.appendingPathComponent("ccass-fault-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        let store = parent.appendingPathComponent("store")
        try FileManager.default.copyItem(at: template, to: store)
        return store
    }

    /// How many matching calls a whole clean run of the operation makes under the store.
    static func countCalls(_ fault: Fault, during operation: FaultOperation, template: URL) throws -> Int {
        let store = try copy(of: template)
        defer { try? FileManager.default.removeItem(at: store.deletingLastPathComponent()) }
        let counter = store.deletingLastPathComponent().appendingPathComponent("count")
        let outcome = try operation.attempt(store, FaultShim.environment(nil, at: 0, store: store, countInto: counter, counting: fault), 0)
        guard outcome == .done else { throw TestFailure("\(operation.name) does not complete without a fault: \(outcome)") }
        guard let text = try? String(contentsOf: counter, encoding: .utf8), let count = Int(text.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw TestFailure("the fault shim wrote no count (is \(FaultShim.library.path) built?)")
        }
        return count
    }

    static func engine(_ store: URL) throws -> AuthEngine {
        AuthEngine(store: try AccountStore(location: StoreLocation(directory: store)), clock: SystemClock())
    }

    /// The code in the newest message of an address's Maildir.
    static func newestCode(_ store: URL, _ address: String) throws -> String {
        let messages = try Mailbox(root: store.appendingPathComponent("mail")).messages(for: address)
        guard let code = messages.first?.otp else { throw TestFailure("no code in the Maildir of \(address)") }
        return code
    }

    /// The enrolment key REGISTER DEVICE shows.
    static func key(in transcript: String) throws -> String {
        guard let range = transcript.range(of: #"Key: +([A-Z2-7]{4} ){7}[A-Z2-7]{4}"#, options: [.regularExpression, .backwards]) else {
            throw TestFailure("no key on the REGISTER DEVICE screen")
        }
        return transcript[range].dropFirst(4).filter { $0 != " " }
    }

    /// The app's code for a key on the program's clock (started at `clock` when the process did).
    static func code(key: String, clock: String, started: Date) throws -> String {
        let now = try XCTUnwrap(HongKongTime.parse(clock)).addingTimeInterval(Date().timeIntervalSince(started))
        return try OneTimePassword.issued.totp(secret: try XCTUnwrap(Base32.decode(key)), at: now)
    }
}

/// The outcomes, written to CCASS_FAULT_MATRIX when it is set (SECURITY.md records them).
enum FaultMatrix {
    static func record(_ operation: String, _ fault: Fault, _ point: Int, _ calls: Int, _ outcome: FaultOutcome) {
        guard let path = ProcessInfo.processInfo.environment["CCASS_FAULT_MATRIX"] else { return }
        let result: String
        switch outcome {
        case .done: result = "completed"
        case .refused(let lines): result = "refused: \(lines.joined(separator: " / "))"
        }
        let line = "\(operation) | \(fault) | call \(point) of \(calls) | \(result)\n"
        if let handle = FileHandle(forWritingAtPath: path) {
            handle.seekToEndOfFile()
            handle.write(Data(line.utf8))
            try? handle.close()
        } else {
            FileManager.default.createFile(atPath: path, contents: Data(line.utf8))
        }
    }
}
