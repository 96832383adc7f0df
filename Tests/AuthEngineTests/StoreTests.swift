import AuthEngine
import Foundation
import TestSupport
import XCTest

final class StoreTests: XCTestCase {
    func testFilesAre0600AndTheDatabaseHoldsNoSeedOrCode() throws {
        let env = try TestEnvironment()
        // An email code exists in the store too.
        _ = try env.engine.logon(userID: "B0123403", password: TestEnvironment.password)
        let code = try env.newestEmailCode("email.user@demo-securities.example")
        try env.engine.store.close()
        let fm = FileManager.default
        for name in [StoreLocation.databaseName, StoreLocation.keyName] {
            let mode = try fm.attributesOfItem(atPath: env.directory.appendingPathComponent(name).path)[.posixPermissions] as? Int
            XCTAssertEqual(mode, 0o600, name)
        }
        var raw = Data()
        for suffix in ["", "-wal", "-shm"] {
            raw += (fm.contents(atPath: env.directory.appendingPathComponent(StoreLocation.databaseName + suffix).path) ?? Data())
        }
        let dump = String(decoding: raw, as: UTF8.self)
        XCTAssertFalse(env.enrolments.isEmpty)
        for enrolment in env.enrolments {
            let base32 = Base32.encode(enrolment.uri.secret)
            XCTAssertFalse(dump.contains(base32), "no Base32 seed in the database")
            XCTAssertNil(raw.range(of: Data(enrolment.uri.secret)), "no raw seed in the database")
        }
        XCTAssertFalse(dump.contains(code), "no email code in the database")
        XCTAssertFalse(dump.contains(TestEnvironment.password))
    }

    func testAForeignFileIsRefusedAndLeftUntouched() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ccass-foreign-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent(StoreLocation.databaseName)
        let junk = Data("this is a spreadsheet, not a store\n".utf8) + Data(repeating: 7, count: 200)
        try junk.write(to: path)
        XCTAssertThrowsError(try AccountStore(location: StoreLocation(directory: dir))) { error in
            XCTAssertEqual(error as? StoreError, .notADatabase(path: path.path))
            XCTAssertTrue("\(error)".contains(path.path), "names the file")
        }
        XCTAssertEqual(try Data(contentsOf: path), junk, "untouched")
        XCTAssertFalse(FileManager.default.fileExists(atPath: path.path + "-wal"))
    }

    func testAnotherProgramsSQLiteDatabaseIsRefused() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ccass-foreign-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent(StoreLocation.databaseName).path
        let made = Process()
        made.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        made.arguments = ["python3", "-c", "import sqlite3; c=sqlite3.connect('\(path)'); c.execute('create table invoices(x)'); c.commit()"]
        try made.run()
        made.waitUntilExit()
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        XCTAssertThrowsError(try AccountStore(location: StoreLocation(directory: dir))) { error in
            guard case .foreignDatabase(let p, _) = error as? StoreError else { return XCTFail("\(error)") }
            XCTAssertEqual(p, path)
        }
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: path)), before)
    }

    func testAMissingKeyIsReportedNotReplaced() throws {
        let env = try TestEnvironment(demo: false)
        try env.engine.store.close()
        try FileManager.default.removeItem(at: env.directory.appendingPathComponent(StoreLocation.keyName))
        XCTAssertThrowsError(try AccountStore(location: StoreLocation(directory: env.directory))) { error in
            guard case .missingKey = error as? StoreError else { return XCTFail("\(error)") }
        }
    }

    func testReopeningKeepsEverythingAndSeedsStillWork() throws {
        let env = try TestEnvironment()
        let uri = try XCTUnwrap(env.uri("B0123402"))
        try env.engine.store.close()
        let reopened = AuthEngine(store: try AccountStore(location: StoreLocation(directory: env.directory)), clock: env.clock,
                                  configuration: env.engine.configuration)
        XCTAssertEqual(try reopened.accounts().count, try DemoData.shipped().accounts.count)
        guard case .enterAppOTP(let session, _) = try reopened.logon(userID: "B0123402", password: TestEnvironment.password),
              case .accepted(.loggedOn) = try reopened.submitOTP(session, code: env.appCode(uri)) else {
            return XCTFail("seed decrypts after reopening")
        }
        XCTAssertEqual(try reopened.store.integrityCheck(), "ok")
    }

    func testAdministrationChecksFormatsAndQuota() throws {
        let env = try TestEnvironment()
        // BNK999 may have 4 accounts; the demo uses 2.
        for id in ["BNK99902", "BNK99903"] {
            try env.engine.createAccount(userID: id, clearingHouse: .hksccDesignatedBank, participantID: "BNK999",
                                         role: .user, email: "x@bank.example", actor: "test")
        }
        XCTAssertThrowsError(try env.engine.createAccount(userID: "BNK99909", clearingHouse: .hksccDesignatedBank, participantID: "BNK999",
                                                          role: .user, email: "x@bank.example", actor: "test")) { error in
            XCTAssertEqual(error as? EngineError, .quotaReached(participant: "HKSCC-DB:BNK999", max: 4))
        }
        XCTAssertThrowsError(try env.engine.createAccount(userID: "B01235AA", clearingHouse: .hksccParticipant, participantID: "B01234",
                                                          role: .user, email: "x@b.example", actor: "test"))
        XCTAssertThrowsError(try env.engine.createAccount(userID: "B0123410", clearingHouse: .hksccParticipant, participantID: "B01234",
                                                          role: .user, email: "not an email", actor: "test"))
        let created = try env.engine.createAccount(userID: "b0123410", clearingHouse: .hksccParticipant, participantID: "B01234",
                                                   role: .user, email: "new@b.example", actor: "test")
        XCTAssertEqual(created.userID, "B0123410")
        XCTAssertEqual(created.state, .notInitialised)
        XCTAssertFalse(created.hasSmartcard, "created after launch: 2FA only")
        XCTAssertThrowsError(try env.engine.createAccount(userID: "B0123410", clearingHouse: .hksccParticipant, participantID: "B01234",
                                                          role: .user, email: "new@b.example", actor: "test"))
    }

    func testStoreLocationResolution() {
        XCTAssertEqual(StoreLocation.resolve(explicit: "/tmp/x", environment: { ["CCASS_TERMINAL_DATA_DIR": "/tmp/y"][$0] }).directory.path, "/tmp/x")
        XCTAssertEqual(StoreLocation.resolve(explicit: nil, environment: { ["CCASS_TERMINAL_DATA_DIR": "/tmp/y"][$0] }).directory.path, "/tmp/y")
        XCTAssertEqual(StoreLocation.resolve(explicit: nil, environment: { ["XDG_DATA_HOME": "/d", "HOME": "/h"][$0] }).directory.path, "/d/ccass-terminal")
        XCTAssertEqual(StoreLocation.resolve(explicit: nil, environment: { ["HOME": "/h"][$0] }).directory.path, "/h/.local/share/ccass-terminal")
    }
}

/// Reopening a store while this process has it open, and other processes closing it meanwhile:
/// the "SQLite error 10: disk I/O error" seen once in the kill test (SECURITY.md).
final class StoreReopenTests: XCTestCase {
    /// A check that opened and closed the database file by hand dropped every POSIX lock this
    /// process held on it (Linux semantics), including the open connections' shared lock.
    func testOpeningTheStoreAgainKeepsTheLocksOfTheOpenConnections() throws {
        let env = try TestEnvironment()
        _ = try env.engine.accounts()
        let before = try Self.locks(on: env.directory.appendingPathComponent(StoreLocation.databaseName))
        XCTAssertFalse(before.isEmpty, "the open store holds a shared lock on its file")
        let again = try AccountStore(location: StoreLocation(directory: env.directory))
        try again.close()
        XCTAssertEqual(try Self.locks(on: env.directory.appendingPathComponent(StoreLocation.databaseName)), before,
                       "opening the store again took the open connections' locks away")
    }

    /// With the store open here, another process that opens and closes it cleanly must not take
    /// itself for the last user (checkpoint, delete the -wal and -shm): three reopens in a row.
    func testAnotherProcessClosingTheStoreLeavesTheOpenConnectionsWorking() throws {
        let env = try TestEnvironment()
        _ = try env.engine.accounts()
        for round in 1...3 {
            let reopened = try AccountStore(location: StoreLocation(directory: env.directory))
            XCTAssertEqual(try reopened.integrityCheck(), "ok", "round \(round)")
            try reopened.close()
            let drill = try Programs.run(Programs.drill, ["logon", "--data-dir", env.directory.path, "--user", "B0123402",
                                                          "--password", "Wrong#Password1x", "--clock", "2023-06-12T10:00+08:00"])
            XCTAssertEqual(drill.status, 0, drill.err)
            for suffix in ["-wal", "-shm"] {
                XCTAssertTrue(FileManager.default.fileExists(atPath: env.directory.appendingPathComponent(StoreLocation.databaseName + suffix).path),
                              "round \(round): \(suffix) deleted under an open connection")
            }
            XCTAssertNoThrow(try env.engine.accounts(), "round \(round)")
        }
    }

    /// GRDB sets synchronous = NORMAL on a WAL pool's writer; the store sets FULL again.
    func testTheWriterSyncsEveryCommit() throws {
        let env = try TestEnvironment()
        XCTAssertEqual(try env.engine.store.writerSynchronous(), 2)
    }

    /// This process's POSIX locks on a file, from /proc/locks.
    static func locks(on file: URL) throws -> [String] {
        let inode = try XCTUnwrap(FileManager.default.attributesOfItem(atPath: file.path)[.systemFileNumber] as? Int)
        let table = try String(contentsOfFile: "/proc/locks", encoding: .utf8)
        return table.split(separator: "\n").map { $0.split(separator: " ", omittingEmptySubsequences: true).dropFirst().joined(separator: " ") }
            .filter { $0.contains(" \(getpid()) ") && $0.contains(":\(inode) ") }.sorted()
    }
}
