import AuthEngine
import Authenticator
import Foundation
import SafeIO
import TestSupport
import XCTest

/// A class on one store: its seats, what a seat's engine admits, the progress read from the
/// audit log, and the commands' refusals.
final class ClassTests: XCTestCase {
    private func seatEngine(_ env: TestEnvironment, _ training: TrainingClass, seat: Int) -> AuthEngine {
        var configuration = env.engine.configuration
        configuration.seatParticipant = training.participant(seat: seat).key
        configuration.terminal = "seat \(training.name)/\(seat)"
        return AuthEngine(store: env.engine.store, clock: env.clock, configuration: configuration)
    }

    func testASeatHasItsOwnParticipantAccountsPhoneAndMaildir() throws {
        let env = try TestEnvironment()
        let training = try ClassSetup.create(name: "monday", trainees: 3, engine: env.engine, dataDirectory: env.directory)
        XCTAssertEqual(training.number, 1)
        XCTAssertEqual(training.participant(seat: 2).participantID, "T00102")
        let folder = ClassFolder(dataDirectory: env.directory, name: "monday")
        for seat in training.seats {
            let pid = training.participant(seat: seat).participantID
            for account in training.accounts(seat: seat) {
                let stored = try XCTUnwrap(try env.engine.account(account.userID), account.userID)
                XCTAssertEqual(stored.participantID, pid)
                XCTAssertEqual(stored.state, account.state, account.userID)
                XCTAssertEqual(stored.locked, account.locked, account.userID)
            }
            // The phone holds this seat's app users only, from their URIs.
            let labels = try Phone.load(directory: folder.seatDirectory(seat)).entries.map { try $0.parsed.account }
            XCTAssertEqual(labels, ["\(pid)02", "\(pid)04", "\(pid)X1", "\(pid)Y1", "\(pid)Z1"])
            XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.seatMail(seat).path), [])
        }
        // The demo is untouched, and the roster is the trainer's alone.
        XCTAssertNotNil(try env.engine.account("B0123401"))
        let attributes = try FileManager.default.attributesOfItem(atPath: folder.rosterCSV.path)
        XCTAssertEqual((attributes[.posixPermissions] as? NSNumber)?.intValue, 0o600)
        XCTAssertTrue(try String(contentsOf: folder.rosterCSV, encoding: .utf8).contains("2,T00102,T0010201,T0010202,T0010203,T0010204,T00102X1,T00102Y1,T00102Z1,Training#2023Pass"))
        // A second class takes the next number.
        XCTAssertEqual(try ClassSetup.create(name: "tuesday", trainees: 1, engine: env.engine, dataDirectory: env.directory).number, 2)
    }

    func testASeatAdmitsOnlyItsOwnAccounts() throws {
        let env = try TestEnvironment()
        let training = try ClassSetup.create(name: "monday", trainees: 2, engine: env.engine, dataDirectory: env.directory)
        let seat1 = seatEngine(env, training, seat: 1)
        guard case .enterAppOTP = try seat1.logon(userID: "T0010102", password: TestEnvironment.password) else {
            return XCTFail("seat 1's own app user logs on")
        }
        // Another seat's user, and a demo user, are unknown here: the same answer as a wrong password.
        XCTAssertEqual(try seat1.logon(userID: "T0010202", password: TestEnvironment.password), .invalid)
        XCTAssertEqual(try seat1.logon(userID: "B0123402", password: TestEnvironment.password), .invalid)
        // A reset for another seat's user gets the decoy an unknown user ID gets, and no mail.
        guard case .emailOTPSent(_, let notice) = try seat1.startPasswordReset(userID: "T0010202"),
              case .emailOTPSent(_, let unknown) = try seat1.startPasswordReset(userID: "T0099999") else {
            return XCTFail("the decoy answers a reset for another seat's user")
        }
        XCTAssertEqual(notice.sentTo, unknown.sentTo)
        XCTAssertEqual(try env.messageCount("app.user@seat02.monday.training.example"), 0)
        // Nothing was counted against seat 2's account.
        XCTAssertEqual(try env.engine.account("T0010202")?.failedLogons, [])
        // Seat 2 still logs on as itself.
        guard case .enterAppOTP = try seatEngine(env, training, seat: 2).logon(userID: "T0010202", password: TestEnvironment.password) else {
            return XCTFail("seat 2's own app user logs on")
        }
    }

    /// A seat typing another seat's user ID is refused, and the attempt is that seat's activity
    /// on the dashboard, not the other's: a seat nobody used shows none.
    func testAnAttemptIsTheActivityOfTheSeatThatTypedIt() throws {
        let env = try TestEnvironment()
        let training = try ClassSetup.create(name: "monday", trainees: 3, engine: env.engine, dataDirectory: env.directory)
        let seat1 = seatEngine(env, training, seat: 1)
        XCTAssertEqual(try seat1.logon(userID: "T0010202", password: "wrong-password"), .invalid)
        XCTAssertEqual(try seat1.logon(userID: "T0099901", password: "wrong-password"), .invalid)
        let progress = try training.progress(in: env.engine)
        XCTAssertNotNil(progress[0].lastActivity, "seat 1 typed something")
        XCTAssertNil(progress[1].lastActivity, "seat 2 was not used: \(progress[1])")
        XCTAssertNil(progress[2].lastActivity, "seat 3 was not used")
        // The audit entry names the seat that typed it.
        let entries = try env.engine.store.read { try $0.auditEntries(userID: "T0010202") }
        XCTAssertEqual(entries.last?.terminal, "seat monday/1")
        // Its own users' activity still counts for seat 2.
        _ = try seatEngine(env, training, seat: 2).logon(userID: "T0010202", password: "wrong-password")
        XCTAssertNotNil(try training.progress(in: env.engine)[1].lastActivity)
    }

    /// A class's settings: given at creation, changed later, the defaults for an older file.
    func testAClassCarriesItsSettings() throws {
        let env = try TestEnvironment()
        let training = try ClassSetup.create(name: "saturday", trainees: 1, engine: env.engine, dataDirectory: env.directory) {
            $0.hoursSetting = .always
            $0.policySetting = "nist-800-63b-4"
        }
        let folder = ClassFolder(dataDirectory: env.directory, name: "saturday")
        XCTAssertEqual(try folder.load().hours, .always)
        XCTAssertEqual(try folder.load().policy, "nist-800-63b-4")
        XCTAssertEqual(try folder.load().console, .terminal)
        let changed = try ClassSetup.update(folder) { $0.consoleSetting = .dms }
        XCTAssertEqual(changed.console, .dms)
        XCTAssertEqual(changed.hours, .always, "the other settings stay")
        XCTAssertEqual(training.settingsSummary, "hours always (open at any hour), policy nist-800-63b-4, console terminal")
        // A class file written before the settings existed reads with the defaults.
        var old = try JSONSerialization.jsonObject(with: Data(contentsOf: folder.classFile)) as! [String: Any]
        for key in ["hoursSetting", "policySetting", "consoleSetting"] { old.removeValue(forKey: key) }
        try PrivateFiles.replace(folder.classFile, with: Array(try JSONSerialization.data(withJSONObject: old)))
        let loaded = try folder.load()
        XCTAssertEqual(loaded.hours, .real)
        XCTAssertNil(loaded.policy)
        XCTAssertEqual(loaded.console, .terminal)
    }

    func testProgressComesFromTheAuditLogAndAResetStartsItAgain() throws {
        let env = try TestEnvironment()
        var training = try ClassSetup.create(name: "monday", trainees: 2, engine: env.engine, dataDirectory: env.directory)
        let folder = ClassFolder(dataDirectory: env.directory, name: "monday")
        let seat = seatEngine(env, training, seat: 1)
        env.clock.advance(by: 60)
        // Logged on by app.
        guard case .enterAppOTP(let session, _) = try seat.logon(userID: "T0010102", password: TestEnvironment.password) else {
            return XCTFail("no OTP prompt")
        }
        let phone = try Phone.load(directory: folder.seatDirectory(1))
        let uri = try phone.entries[0].parsed
        guard case .accepted = try seat.submitOTP(session, code: try env.appCode(uri)) else { return XCTFail("app code refused") }
        // Locked by five wrong passwords.
        env.clock.advance(by: 60)
        for _ in 1...5 { _ = try seat.logon(userID: "T0010103", password: "wrong") }
        var progress = try training.progress(in: env.engine)
        XCTAssertEqual(Set(progress[0].done.keys), [.appLogon, .locked])
        XCTAssertEqual(progress[0].done[.appLogon], TestEnvironment.launchDay.addingTimeInterval(60))
        XCTAssertEqual(progress[0].done[.locked], TestEnvironment.launchDay.addingTimeInterval(120))
        XCTAssertEqual(progress[1].done, [:], "seat 2 did nothing")
        // A DA's logon to DMS is not the users' logon exercise.
        try env.engine.store.write { tx in
            _ = try tx.audit(.logonSucceeded, userID: "T00102X1", at: env.clock.now(), terminal: "seat monday/2",
                             "\(LogonMethod.appOTP.label) to dms", facts: AuditFacts(method: .appOTP))
        }
        XCTAssertEqual(try training.progress(in: env.engine)[1].done, [:])
        // The seat is put back: the account unlocked, the progress empty.
        env.clock.advance(by: 60)
        training = try ClassSetup.reset(training, seats: [1], engine: env.engine, folder: folder)
        XCTAssertEqual(try env.engine.account("T0010103")?.locked, false)
        XCTAssertEqual(try folder.load(), training)
        progress = try training.progress(in: env.engine)
        XCTAssertEqual(progress[0].done, [:])
        // Accounts the seat's DA created go with a reset too.
        try env.engine.store.write { tx in
            let participant = try XCTUnwrap(try tx.participant(.hksccParticipant, "T00101"))
            try tx.insert(Account(userID: "T0010105", participant: participant, kind: .user, email: "new@seat01.example", createdAt: env.clock.now()))
        }
        training = try ClassSetup.reset(training, seats: [1], engine: env.engine, folder: folder)
        XCTAssertNil(try env.engine.account("T0010105"))
        XCTAssertNotNil(try env.engine.account("T0010105".replacingOccurrences(of: "05", with: "01")))
        // The progress counts from the audit log's position, not the clock: a clock set back
        // after the set-up still shows what is done.
        env.clock.set(TestEnvironment.launchDay.addingTimeInterval(-3600))
        for _ in 1...5 { _ = try seat.logon(userID: "T0010103", password: "wrong") }
        XCTAssertNotNil(try training.progress(in: env.engine)[0].done[.locked])
        XCTAssertThrowsError(try ClassSetup.reset(training, seats: [3], engine: env.engine, folder: folder)) { error in
            XCTAssertEqual("\(error)", "class monday has seats 1 to 2, not 3")
        }
    }

    func testBadInputChangesNothing() throws {
        let env = try TestEnvironment()
        _ = try ClassSetup.create(name: "monday", trainees: 2, engine: env.engine, dataDirectory: env.directory)
        let before = try env.engine.store.read { try $0.accountCount() }
        XCTAssertThrowsError(try ClassSetup.create(name: "monday", trainees: 5, engine: env.engine, dataDirectory: env.directory)) {
            XCTAssertTrue("\($0)".hasPrefix("class \"monday\" already exists"), "\($0)")
        }
        XCTAssertThrowsError(try ClassSetup.create(name: "big", trainees: 100, engine: env.engine, dataDirectory: env.directory)) {
            XCTAssertTrue("\($0)".contains("a class has 1 to 99 seats"), "\($0)")
        }
        XCTAssertThrowsError(try ClassSetup.create(name: "Bad Name", trainees: 2, engine: env.engine, dataDirectory: env.directory))
        XCTAssertEqual(try env.engine.store.read { try $0.accountCount() }, before)
        XCTAssertEqual(try ClassFolder(dataDirectory: env.directory, name: "monday").load().trainees, 2, "the class is as it was")
        XCTAssertFalse(FileManager.default.fileExists(atPath: ClassFolder(dataDirectory: env.directory, name: "big").root.path))
    }

    func testDeleteRemovesTheAccountsParticipantsAndFolder() throws {
        let env = try TestEnvironment()
        let before = try env.engine.store.read { try $0.accountCount() }
        let training = try ClassSetup.create(name: "monday", trainees: 2, engine: env.engine, dataDirectory: env.directory)
        let folder = ClassFolder(dataDirectory: env.directory, name: "monday")
        try ClassSetup.delete(training, engine: env.engine, folder: folder)
        XCTAssertEqual(try env.engine.store.read { try $0.accountCount() }, before)
        XCTAssertNil(try env.engine.store.read { try $0.participant(.hksccParticipant, "T00101") })
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.root.path))
        // The number is free again.
        XCTAssertEqual(try ClassSetup.create(name: "again", trainees: 1, engine: env.engine, dataDirectory: env.directory).number, 1)
    }

    /// The commands: one line on stderr for each mistake, and the clock of the class shared.
    func testTheClassCommandsAsATrainerTypesThem() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ccass-class-\(UUID().uuidString)")
        addTeardownBlock { try? FileManager.default.removeItem(at: dir) }
        func run(_ arguments: String...) throws -> (out: String, err: String, status: Int32) {
            try Programs.run(Programs.ccassTerminal, arguments + ["--data-dir", dir.path])
        }
        XCTAssertEqual(try run("demo", "--training-kdf-iterations", "1000").status, 0)
        let created = try run("class", "create", "monday", "--trainees", "2")
        XCTAssertEqual(created.status, 0, created.err)
        XCTAssertTrue(created.out.contains("   2  T00102       T0010201"), created.out)
        for (arguments, message) in [(["class", "create", "monday", "--trainees", "2"], "class \"monday\" already exists"),
                                     (["class", "create", "tuesday", "--trainees", "0"], "--trainees 0 is not possible"),
                                     (["class", "reset", "monday", "--seat", "3"], "class monday has seats 1 to 2, not 3"),
                                     (["class", "status", "friday", "--once"], "there is no class \"friday\""),
                                     (["class", "clock", "monday", "--advance", "soon"], "--advance \"soon\" is not an interval"),
                                     (["--seat", "monday"], "--seat \"monday\" is not CLASS/SEAT"),
                                     (["class", "sshd-config", "--user", "ccass", "--policy", "nist-800-63b-4"], "--policy is a class's setting"),
                                     (["class", "sshd-config", "--user", "ccass", "--clock", "2023-06-12T09:00+08:00"], "--clock is the classes' clock")] {
            let result = try Programs.run(Programs.ccassTerminal, arguments + ["--data-dir", dir.path])
            XCTAssertEqual(result.status, 1, arguments.joined(separator: " "))
            XCTAssertTrue(result.err.hasPrefix("Error: \(message)") && result.err.split(separator: "\n").count == 1, result.err)
        }
        // The trainer looks at a trainee's phone and inbox.
        let code = try run("authenticator", "code", "T0010202", "--seat", "monday/2")
        XCTAssertEqual(code.status, 0, code.err)
        XCTAssertNotNil(code.out.range(of: #"^\d{6}\n$"#, options: .regularExpression), code.out)
        XCTAssertNotEqual(try run("authenticator", "code", "T0010202").status, 0, "not on the store's own phone")
        XCTAssertNotEqual(try run("authenticator", "code", "T0010102", "--seat", "monday/2").status, 0, "not on another seat's")
        XCTAssertTrue(try run("mailbox", "--seat", "monday/2").out.contains("classes/monday/seat-02/mail"))
        XCTAssertTrue(try run("mailbox", "--seat", "monday/9").err.contains("class monday has seats 1 to 2, not 9"))
        let set = try run("class", "clock", "monday", "--set", "2023-06-12T09:00+08:00")
        XCTAssertTrue(set.out.hasPrefix("Class monday: 2023-06-12 09:00:0"), set.out)
        let moved = try run("class", "clock", "monday", "--advance", "90d")
        XCTAssertTrue(moved.out.hasPrefix("Class monday: 2023-09-10 09:00:0"), moved.out)
        XCTAssertEqual(StoreClock(directory: dir).now().timeIntervalSince(HongKongTime.date(2023, 9, 10, 9, 0)), 0, accuracy: 30)
        XCTAssertTrue(try run("class", "clock", "monday", "--real").out.contains("(the real clock)"))
        // A second class with settings of its own; sshd's key command answers for both.
        let friday = try run("class", "create", "friday", "--trainees", "2", "--hours", "always", "--policy", "nist-800-63b-4")
        XCTAssertEqual(friday.status, 0, friday.err)
        XCTAssertTrue(friday.out.contains("Settings: hours always (open at any hour), policy nist-800-63b-4, console terminal"), friday.out)
        XCTAssertEqual(try run("class", "set", "friday", "--console", "dms").out,
                       "Class friday: hours always (open at any hour), policy nist-800-63b-4, console dms.\n")
        XCTAssertTrue(try run("class", "set", "friday", "--policy", "lenient").err.hasPrefix("Error: --policy \"lenient\" is unknown"))
        let owner = try XCTUnwrap(try FileManager.default.attributesOfItem(atPath: dir.path)[.ownerAccountName] as? String)
        let keys = try run("class", "authorized-keys", owner)
        XCTAssertEqual(keys.status, 0, keys.err)
        let lines = keys.out.split(separator: "\n")
        XCTAssertEqual(lines.count, 4, keys.out)
        for (line, seat) in zip(lines, ["friday/1", "friday/2", "monday/1", "monday/2"]) {
            XCTAssertTrue(line.hasPrefix("restrict,pty,command=\"'") && line.contains("' --seat \(seat)\" ssh-ed25519 "), String(line))
        }
        XCTAssertEqual(try run("class", "authorized-keys", "someone-else").out, "", "keys only for the classes' account")
        // Fail closed: a class file that cannot be read lets no key in, for any class.
        let fridayFile = dir.appendingPathComponent("classes/friday/class.json")
        let saved = try Data(contentsOf: fridayFile)
        try Data("{".utf8).write(to: fridayFile)
        let damaged = try run("class", "authorized-keys", owner)
        XCTAssertEqual(damaged.status, 1)
        XCTAssertEqual(damaged.out, "")
        try saved.write(to: fridayFile)
        XCTAssertEqual(try run("class", "delete", "friday").status, 0)
        let csv = try run("class", "status", "monday", "--csv")
        XCTAssertEqual(csv.out.split(separator: "\n").count, 3, csv.out)
        XCTAssertTrue(csv.out.hasPrefix("seat,participant,first password set,"), csv.out)
        XCTAssertEqual(try run("class", "delete", "monday").status, 0)
        XCTAssertTrue(try run("users").out.contains("19 accounts"), "the demo is as it was")
    }
}
