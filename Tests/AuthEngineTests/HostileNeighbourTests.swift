import AuthEngine
import Authenticator
import Foundation
import SafeIO
import TestSupport
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// The files door and the text door as a local attacker and a careless operator meet them on a
/// shared training host (SECURITY.md, "Hostile neighbours"): what is planted is refused and
/// nothing is written through it; what comes from data leaves the program escaped.
final class HostileNeighbourTests: XCTestCase {
    private func scratch() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ccass-hostile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        addTeardownBlock { try? FileManager.default.removeItem(at: dir) }
        return dir
    }

    private func mode(_ url: URL) throws -> Int {
        var info = stat()
        guard lstat(url.path, &info) == 0 else { throw TestFailure("\(url.path) is missing") }
        return Int(info.st_mode & 0o7777)
    }

    // MARK: The files door

    func testANewFileIsPrivateFromTheFirstByteAndNeverReplacesAnything() throws {
        let dir = try scratch()
        let file = dir.appendingPathComponent("recording")
        let old = umask(0)
        defer { umask(old) }
        let made = try PrivateFiles.create(file)
        XCTAssertEqual(try mode(file), 0o600, "0600 before anything is written, whatever the umask")
        try made.write("secret\n")
        try made.close()
        XCTAssertThrowsError(try PrivateFiles.create(file)) { XCTAssertEqual(($0 as? FileProblem)?.reason, .exists) }
        XCTAssertEqual(try String(contentsOf: file, encoding: .utf8), "secret\n", "the existing file is unchanged")
    }

    func testALinkIsNeverFollowed() throws {
        let dir = try scratch()
        let target = dir.appendingPathComponent("victim")
        try Data("precious\n".utf8).write(to: target)
        let link = dir.appendingPathComponent("planted")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: target)
        XCTAssertThrowsError(try PrivateFiles.create(link)) { XCTAssertEqual(($0 as? FileProblem)?.reason, .exists) }
        XCTAssertThrowsError(try PrivateFiles.replace(link, with: "overwritten")) { XCTAssertEqual(($0 as? FileProblem)?.reason, .link) }
        XCTAssertThrowsError(try PrivateFiles.read(link)) { XCTAssertEqual(($0 as? FileProblem)?.reason, .link) }
        XCTAssertThrowsError(try PrivateFiles.folder(link)) { XCTAssertEqual(($0 as? FileProblem)?.reason, .link) }
        XCTAssertEqual(try String(contentsOf: target, encoding: .utf8), "precious\n")
        XCTAssertEqual(try FileManager.default.destinationOfSymbolicLink(atPath: link.path), target.path, "the link is left as it is")
    }

    func testAReplacementIsWrittenBesideAndRenamed() throws {
        let dir = try scratch()
        let file = dir.appendingPathComponent("class.json")
        try Data("old".utf8).write(to: file)
        chmod(file.path, 0o644)
        let inode = try FileManager.default.attributesOfItem(atPath: file.path)[.systemFileNumber] as? Int
        try PrivateFiles.replace(file, with: "new")
        XCTAssertEqual(try String(contentsOf: file, encoding: .utf8), "new")
        XCTAssertEqual(try mode(file), 0o600, "the replacement is private, whatever the old file's mode")
        XCTAssertNotEqual(try FileManager.default.attributesOfItem(atPath: file.path)[.systemFileNumber] as? Int, inode, "a new file took the name")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path), ["class.json"], "no temporary file is left")
        XCTAssertThrowsError(try PrivateFiles.replace(URL(fileURLWithPath: "/dev/full"), with: "x")) {
            XCTAssertEqual(($0 as? FileProblem)?.reason, .notAFile)
        }
    }

    func testOurOwnLooseFolderIsTightenedAndAnotherUsersIsRefused() throws {
        let dir = try scratch()
        let loose = dir.appendingPathComponent("data")
        try FileManager.default.createDirectory(at: loose, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o777])
        chmod(loose.path, 0o777)
        try PrivateFiles.folder(loose)
        XCTAssertEqual(try mode(loose), 0o700)
        chmod(loose.path, 0o755)
        XCTAssertThrowsError(try PrivateFiles.folder(loose, loose: .refuse)) {
            XCTAssertEqual(($0 as? FileProblem)?.reason, .openToOthers(mode: 0o755))
        }
        guard geteuid() == 0 else { return }
        let theirs = dir.appendingPathComponent("theirs")
        try FileManager.default.createDirectory(at: theirs, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        XCTAssertEqual(chown(theirs.path, 65534, 65534), 0)
        XCTAssertThrowsError(try PrivateFiles.folder(theirs)) { XCTAssertEqual(($0 as? FileProblem)?.reason, .notOurs(owner: 65534)) }
        XCTAssertThrowsError(try PrivateFiles.folder(theirs.appendingPathComponent("inside")))
    }

    func testTemporaryFoldersHaveUnpredictableNames() throws {
        let first = try PrivateFiles.temporaryFolder(prefix: "ccass-test-")
        let second = try PrivateFiles.temporaryFolder(prefix: "ccass-test-")
        defer { try? PrivateFiles.remove(first); try? PrivateFiles.remove(second) }
        XCTAssertNotEqual(first, second)
        XCTAssertEqual(try mode(first), 0o700)
        XCTAssertFalse(first.lastPathComponent.contains("\(getpid())"), "nothing a neighbour can guess")
    }

    /// Six (here twenty) `authenticator add` at once used to keep three: the phone's
    /// read-modify-write now holds its folder's lock.
    func testConcurrentEnrolmentsAllSurvive() throws {
        let dir = try scratch()
        DispatchQueue.concurrentPerform(iterations: 20) { index in
            let uri = "otpauth://totp/HKEX:B01234\(String(format: "%02d", index))?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=HKEX"
            do { try Phone.add(uri, directory: dir, at: Date()) } catch { XCTFail("\(error)") }
        }
        XCTAssertEqual(try Phone.load(directory: dir).entries.count, 20)
    }

    // MARK: A store file is ours or it is damage

    func testAnEmptyOrForeignStoreIsRefusedAndLeftByteIdentical() throws {
        for (name, bytes) in try [("empty", Data()), ("foreign SQLite", Self.foreignDatabase()), ("unmarked SQLite", Self.emptySQLite())] {
            let dir = try scratch()
            let location = StoreLocation(directory: dir)
            try bytes.write(to: location.databaseURL)
            XCTAssertThrowsError(try AccountStore(location: location), name) { error in
                XCTAssertTrue("\(error)".contains(location.databaseURL.path), "\(name): \(error)")
            }
            XCTAssertEqual(try Data(contentsOf: location.databaseURL), bytes, "\(name) is left as it was")
            XCTAssertFalse(FileManager.default.fileExists(atPath: location.keyURL.path), "\(name): no key is made beside it")
        }
    }

    func testAStoreReplacedWhileOpenIsNotWrittenInto() throws {
        let env = try TestEnvironment()
        let location = env.engine.store.location
        // Some changes sit in the WAL, not yet in the file.
        _ = try env.engine.logon(userID: "B0123402", password: "wrong password", service: .terminal)
        let foreign = try Self.foreignDatabase()
        let planted = location.directory.appendingPathComponent("planted")
        try foreign.write(to: planted)
        XCTAssertEqual(rename(planted.path, location.databaseURL.path), 0)
        XCTAssertThrowsError(try env.engine.accounts()) { error in
            guard case EngineError.storeFailure(.replaced) = error else { return XCTFail("\(error)") }
        }
        try env.engine.store.close()
        XCTAssertEqual(try Data(contentsOf: location.databaseURL), foreign, "nothing was checkpointed into the file that took the name")
    }

    func testASoundStoreIsCheckpointedAtClose() throws {
        let env = try TestEnvironment()
        let location = env.engine.store.location
        try env.engine.store.close()
        XCTAssertFalse(FileManager.default.fileExists(atPath: location.databaseURL.path + "-wal"), "the WAL went into the file")
        XCTAssertEqual(try AccountStore(location: location).integrityCheck(), "ok")
    }

    static func foreignDatabase() throws -> Data {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("ccass-foreign-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: file) }
        let made = try Programs.run(try XCTUnwrap(Programs.which("python3")), ["-c", """
            import sqlite3, sys
            db = sqlite3.connect(sys.argv[1]); db.execute("CREATE TABLE invoices (id INTEGER, total REAL)")
            db.execute("INSERT INTO invoices VALUES (1, 99.5)"); db.commit(); db.close()
            """, file.path])
        guard made.status == 0 else { throw TestFailure(made.err) }
        return try Data(contentsOf: file)
    }

    static func emptySQLite() throws -> Data {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("ccass-unmarked-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: file) }
        let made = try Programs.run(try XCTUnwrap(Programs.which("python3")), ["-c", """
            import sqlite3, sys
            db = sqlite3.connect(sys.argv[1]); db.execute("PRAGMA user_version = 1"); db.commit(); db.close()
            """, file.path])
        guard made.status == 0 else { throw TestFailure(made.err) }
        return try Data(contentsOf: file)
    }

    // MARK: Where the engine writes

    func testAMaildirLinkIsRefusedAndTheCodeNotWrittenWhereItPoints() throws {
        let env = try TestEnvironment()
        let elsewhere = try scratch()
        let mail = env.engine.store.location.mailURL
        try PrivateFiles.folder(mail)
        try FileManager.default.createSymbolicLink(at: mail.appendingPathComponent("email.user@demo-securities.example"),
                                                   withDestinationURL: elsewhere)
        _ = try env.engine.logon(userID: "B0123403", password: TestEnvironment.password, service: .terminal)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: elsewhere.path), [], "no OTP where the link points")
        let audit = try env.engine.auditLog(userID: "B0123403").map(\.detail).joined(separator: "\n")
        XCTAssertTrue(audit.contains("symbolic link"), audit)
    }

    func testTheExportIsPrivateAndItsDataEscaped() throws {
        let env = try TestEnvironment()
        try env.engine.store.write { tx in
            var participant = try XCTUnwrap(try tx.participant(.hksccParticipant, "B01234"))
            participant.name = "Evil\u{1B}]0;owned\u{07}\u{1B}[2J Ltd\u{202E}"
            try tx.save(participant)
        }
        let maker = try env.dmsLogon("B01234X1")
        let file = try env.engine.exportUserProfileListing(by: maker.session)
        XCTAssertEqual(try mode(file), 0o600, "the listing holds every user's email address")
        XCTAssertEqual(try mode(file.deletingLastPathComponent()), 0o700)
        let text = try String(contentsOf: file, encoding: .utf8)
        XCTAssertFalse(text.unicodeScalars.contains { SafeText.isControl($0) && $0 != "\n" }, text.debugDescription)
        XCTAssertTrue(text.contains("Evil\\x1B]0;owned\\x07\\x1B[2J Ltd\\u{202E}"), text)
    }

    func testTheAuditLogKeepsWhatWasTypedEscaped() throws {
        let env = try TestEnvironment()
        try env.engine.store.write { tx in
            _ = try tx.audit(.listingExported, userID: "B0123401", at: env.clock.now(), terminal: "seat\u{1B}[31m", "by \u{1B}]0;x\u{07}")
        }
        let entry = try XCTUnwrap(try env.engine.auditLog().last)
        XCTAssertEqual(entry.detail, "by \\x1B]0;x\\x07")
        XCTAssertEqual(entry.terminal, "seat\\x1B[31m")
    }

    // MARK: The text door

    func testControlsAndBidiAreShownVisibly() {
        XCTAssertEqual(SafeText.escaped("a\u{1B}[2Jb"), "a\\x1B[2Jb")
        XCTAssertEqual(SafeText.escaped("x\u{7F}\u{9B}y"), "x\\x7F\\u{009B}y")
        XCTAssertEqual(SafeText.escaped("\u{202E}evil\u{2066}"), "\\u{202E}evil\\u{2066}")
        XCTAssertEqual(SafeText.escaped("one\ntwo\tthree\r"), "one\\x0Atwo\\x09three\\x0D")
        XCTAssertEqual(SafeText.escaped("one\ntwo\tthree\r", .block), "one\ntwo\tthree\\x0D")
        XCTAssertEqual(SafeText.escaped("Chan Tai Man 陳大文"), "Chan Tai Man 陳大文", "printable text is as it is")
    }

    func testXMLTextAlwaysParses() throws {
        let nasty = "<a href=\"x\">&'\u{1B}[2J\u{0}\u{FFFE}\u{202E}"
        let xml = "<?xml version=\"1.0\"?>" + XMLText.element("r", ["name": nasty], text: nasty)
        let file = try scratch().appendingPathComponent("r.xml")
        try Data(xml.utf8).write(to: file)
        let parsed = try Programs.run(try XCTUnwrap(Programs.which("python3")), ["-c", """
            import sys, xml.dom.minidom
            d = xml.dom.minidom.parse(sys.argv[1]); print(d.documentElement.getAttribute("name"))
            """, file.path])
        XCTAssertEqual(parsed.status, 0, parsed.err)
        XCTAssertEqual(parsed.out, "<a href=\"x\">&'\\x1B[2J\\x00\\u{FFFE}\\u{202E}\n")
    }
}
