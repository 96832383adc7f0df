import AuthEngine
import Authenticator
import Foundation
import SafeIO
import TestSupport
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// The commands as a local attacker and a careless operator try them on a shared training host
/// (issue 19; SECURITY.md lists these probes with their results).
final class HostileNeighbourCommandTests: XCTestCase {
    /// A private scratch folder, removed after the test.
    private func scratch(mode: mode_t = 0o700) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ccass-neighbour-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        chmod(dir.path, mode)
        addTeardownBlock { _ = system("rm -rf '\(dir.path)'") }
        return dir
    }

    /// A demo store with the training KDF.
    private func demoStore(clock: String? = nil) throws -> URL {
        let dir = try scratch().appendingPathComponent("data")
        let demo = try Programs.run(Programs.ccassTerminal, ["demo", "--data-dir", dir.path, "--training-kdf-iterations", "1000"]
                                    + (clock.map { ["--clock", $0] } ?? []))
        guard demo.status == 0 else { throw TestFailure("demo: \(demo.err)") }
        return dir
    }

    private func lines(_ text: String) -> [Substring] { text.split(separator: "\n") }

    /// Control characters other than newline and tab: what must never reach a terminal raw.
    private func rawControls(_ text: String) -> [String] {
        text.unicodeScalars.filter { SafeText.isControl($0) && $0 != "\n" && $0 != "\t" }.map { String(format: "U+%04X", $0.value) }
    }

    // MARK: 1. The secondary session's copy

    func testTheSecondarySessionsCopyCannotBeTakenOver() throws {
        let store = try demoStore(clock: "2023-06-10T22:00+08:00")
        let temporary = try scratch()
        let trap = try scratch(mode: 0o777)
        // A neighbour plants a link where each of the next pids' copies used to go.
        let last = Int((try String(contentsOfFile: "/proc/sys/kernel/ns_last_pid", encoding: .utf8)).trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
        for pid in (last + 1)...(last + 400) {
            try FileManager.default.createSymbolicLink(at: temporary.appendingPathComponent("ccass-secondary-\(pid)"), withDestinationURL: trap)
        }
        let session = try PlainSession(Programs.ccassTerminal, ["--plain", "--connectivity-test", "secondary", "--data-dir", store.path,
                                                                "--ignore-hours"], environment: ["TMPDIR": temporary.path])
        try session.waitFor("or q to quit: ")
        let copy = try waitForCopy(in: temporary)
        var info = stat()
        XCTAssertEqual(lstat(copy.path, &info), 0)
        XCTAssertEqual(info.st_mode & S_IFMT, S_IFDIR, "a real folder, not a planted link")
        XCTAssertEqual(info.st_mode & 0o7777, 0o700)
        XCTAssertEqual(lstat(copy.appendingPathComponent("store.key").path, &info), 0)
        XCTAssertEqual(info.st_mode & 0o7777, 0o600)
        session.send("q")
        XCTAssertEqual(try session.finish(), 0)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: trap.path), [], "nothing reached the neighbour's folder")
        XCTAssertFalse(FileManager.default.fileExists(atPath: copy.path), "the copy is removed at exit")
        let planted = try FileManager.default.contentsOfDirectory(atPath: temporary.path).filter { $0.hasPrefix("ccass-secondary-") }
        XCTAssertEqual(planted.count, 400, "the neighbour's links are left alone (neither followed nor swept)")
    }

    private func waitForCopy(in temporary: URL) throws -> URL {
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            for name in try FileManager.default.contentsOfDirectory(atPath: temporary.path) where name.hasPrefix("ccass-secondary-") {
                let url = temporary.appendingPathComponent(name)
                var info = stat()
                if lstat(url.path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR,
                   FileManager.default.fileExists(atPath: url.appendingPathComponent("store.key").path) {
                    return url
                }
            }
            Thread.sleep(forTimeInterval: 0.02)
        }
        throw TestFailure("no working copy appeared in \(temporary.path)")
    }

    // MARK: 2. A store file is ours or it is damage

    func testAnEmptyStoreIsRefusedByEveryCommandAndLeftAsItIs() throws {
        let dir = try scratch()
        let file = dir.appendingPathComponent("ccass.sqlite")
        XCTAssertTrue(FileManager.default.createFile(atPath: file.path, contents: Data()))
        for arguments in [["users"], ["demo", "--training-kdf-iterations", "1000"], ["--plain"], ["hkex", "participant", "list"],
                          ["class", "create", "c", "--trainees", "1"]] {
            let result = try Programs.run(Programs.ccassTerminal, arguments + ["--data-dir", dir.path], input: "q\n")
            XCTAssertEqual(result.status, 1, "\(arguments): \(result.out)")
            XCTAssertEqual(lines(result.err).count, 1, "\(arguments): \(result.err)")
            XCTAssertTrue(result.err.contains("\(file.path) is empty"), "\(arguments): \(result.err)")
            XCTAssertEqual(try Data(contentsOf: file).count, 0, "\(arguments) left the file as it was")
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path), ["ccass.sqlite"], "no key, no WAL, nothing made beside it")
    }

    func testReadingCommandsMakeNoStore() throws {
        let dir = try scratch().appendingPathComponent("none")
        let users = try Programs.run(Programs.ccassTerminal, ["users", "--data-dir", dir.path])
        XCTAssertEqual(users.status, 1)
        XCTAssertEqual(users.err, "Error: there is no store at \(dir.path)/ccass.sqlite (ccass-terminal demo makes one)\n")
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir.path), "a command that only reads writes nothing")
    }

    // MARK: 3. Recordings

    func testARecordingNeverOverwritesNorFollowsALink() throws {
        let store = try demoStore()
        let dir = try scratch()
        let existing = dir.appendingPathComponent("existing.cast")
        try Data("someone's work\n".utf8).write(to: existing)
        chmod(existing.path, 0o644)
        let victim = dir.appendingPathComponent("victim")
        try Data("precious\n".utf8).write(to: victim)
        let link = dir.appendingPathComponent("link.cast")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: victim)
        for (target, expected) in [(existing.path, "already exists"), (link.path, "already exists"), ("/dev/full", "already exists")] {
            let result = try Programs.run(Programs.ccassTerminal, ["--plain", "--record", target, "--data-dir", store.path], input: "q\n")
            XCTAssertEqual(result.status, 1, target)
            XCTAssertEqual(lines(result.err).count, 1, result.err)
            XCTAssertTrue(result.err.hasPrefix("Error: --record \(target) \(expected)"), result.err)
        }
        XCTAssertEqual(try String(contentsOf: existing, encoding: .utf8), "someone's work\n")
        XCTAssertEqual(try String(contentsOf: victim, encoding: .utf8), "precious\n")
        // --replace replaces a file of ours (a new private file takes the name), never a link or a device.
        let replaced = try Programs.run(Programs.ccassTerminal, ["--plain", "--record", existing.path, "--replace", "--data-dir", store.path], input: "q\n")
        XCTAssertEqual(replaced.status, 0, replaced.err)
        XCTAssertTrue(try String(contentsOf: existing, encoding: .utf8).hasPrefix("{\"env\""), "the new recording")
        XCTAssertEqual(try FileManager.default.attributesOfItem(atPath: existing.path)[.posixPermissions] as? Int, 0o600)
        for (target, expected) in [(link.path, "is a symbolic link"), ("/dev/full", "is not a regular file")] {
            let result = try Programs.run(Programs.ccassTerminal, ["--plain", "--record", target, "--replace", "--data-dir", store.path], input: "q\n")
            XCTAssertEqual(result.status, 1, target)
            XCTAssertTrue(result.err.contains(expected), result.err)
        }
        XCTAssertEqual(try String(contentsOf: victim, encoding: .utf8), "precious\n")
    }

    /// A disk that fills up while a session is recorded: the session goes on, and the command
    /// ends with the failure instead of exiting 0 with half a recording.
    func testARecordingThatCannotBeWrittenEndsTheCommandWithAnError() throws {
        let store = try demoStore()
        let dir = try scratch()
        let recording = dir.appendingPathComponent("session.cast")
        let term = try TmuxTerminal(testCase: self)
        try term.start("env LD_PRELOAD=\(FaultShim.library.path) CCASS_FAULT_PATH=\(dir.path) CCASS_FAULT_CALL=write CCASS_FAULT_AT=3 "
                       + "CCASS_FAULT_PERSIST=1 CCASS_FAULT_ERRNO=ENOSPC \(Programs.ccassTerminal.path) --record \(recording.path) "
                       + "--data-dir \(store.path) --ignore-hours")
        try term.waitFor("Please select the login method")
        term.keys("Enter")
        try term.waitFor("User ID")
        term.type("B0123402")
        term.keys("C-c")
        let said = "Error: the recording stopped: \(recording.path): No space left on device; what came before is in \(recording.path)"
        try term.waitUntil("the error") { $0.replacingOccurrences(of: "\n", with: "").contains(said) }
        try term.waitFor("PROGRAM-EXITED-1")
        XCTAssertTrue(try String(contentsOf: recording, encoding: .utf8).hasPrefix("{\"env\""), "the recording's start is kept")
    }

    // MARK: 4. The phone

    func testTwentyConcurrentEnrolmentsAllSurvive() throws {
        let dir = try scratch()
        let group = DispatchGroup()
        let failures = NSLock()
        nonisolated(unsafe) var failed: [String] = []
        for index in 0..<20 {
            group.enter()
            DispatchQueue.global().async {
                defer { group.leave() }
                let uri = "otpauth://totp/HKEX:B01234\(String(format: "%02d", index))?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=HKEX\n"
                let result = try? Programs.run(Programs.ccassTerminal, ["authenticator", "add", "-", "--data-dir", dir.path], input: uri)
                if result?.status != 0 { failures.withLock { failed.append(result?.err ?? "did not run") } }
            }
        }
        group.wait()
        XCTAssertEqual(failed, [])
        XCTAssertEqual(try Phone.load(directory: dir).entries.count, 20, "every Added is kept")
    }

    func testShowingThePhoneWritesNothing() throws {
        let store = try demoStore()
        let phone = store.appendingPathComponent("phone.json")
        let before = try FileManager.default.attributesOfItem(atPath: phone.path)
        let shown = try Programs.run(Programs.ccassTerminal, ["authenticator", "--data-dir", store.path])
        XCTAssertEqual(shown.status, 0, shown.err)
        let after = try FileManager.default.attributesOfItem(atPath: phone.path)
        XCTAssertEqual(before[.systemFileNumber] as? Int, after[.systemFileNumber] as? Int, "the file was not rewritten")
        XCTAssertEqual(before[.modificationDate] as? Date, after[.modificationDate] as? Date)
    }

    // MARK: 5. Output failures are errors

    /// Every command that prints, with standard output full or closed: one `Error:` line, exit 1.
    func testAFullOrClosedStandardOutputIsAnErrorOnEveryCommand() throws {
        let store = try demoStore()
        let created = try Programs.run(Programs.ccassTerminal, ["class", "create", "c1", "--trainees", "1", "--data-dir", store.path])
        XCTAssertEqual(created.status, 0, created.err)
        let scenario = try scratch().appendingPathComponent("one.scenario")
        try "expect \"CCASS/CCMS Terminal\"\n".write(to: scenario, atomically: true, encoding: .utf8)
        let commands: [[String]] = [
            ["users"], ["authenticator"], ["authenticator", "code", "B0123402"], ["mailbox"], ["hkex", "participant", "list"],
            ["hkex", "fees"], ["class", "status", "c1", "--once"], ["class", "clock", "c1"], ["demo", "--training-kdf-iterations", "1000"],
            ["--plain"],
        ].map { $0 + ["--data-dir", store.path] } + [["scenario", scenario.path], ["--help"], ["users", "--help"]]
        for (redirect, why) in [(">/dev/full", "No space left on device"), (">&-", "it is closed")] {
            for arguments in commands {
                let result = try Programs.run(URL(fileURLWithPath: "/bin/sh"), ["-c", "exec \"$0\" \"$@\" \(redirect)", Programs.ccassTerminal.path]
                                              + arguments, input: "q\n")
                let context = "\(arguments.joined(separator: " ")) \(redirect)"
                XCTAssertEqual(result.status, 1, "\(context): \(result.err)")
                XCTAssertEqual(lines(result.err).count, 1, "\(context): \(result.err)")
                XCTAssertEqual(lines(result.err).first.map(String.init), "Error: cannot write to standard output: \(why)", context)
            }
        }
    }

    /// No core file and not dumpable: a crash or a neighbour cannot read the typed password or
    /// the store key out of the process.
    func testTheProcessLeavesNoCoreAndCannotBeInspected() throws {
        let setpriv = try requireTool("setpriv")
        let store = try demoStore()
        XCTAssertEqual(system("chown -R 65534:65534 '\(store.deletingLastPathComponent().path)'"), 0)
        let session = try PlainSession(setpriv, ["--reuid=65534", "--regid=65534", "--clear-groups", Programs.ccassTerminal.path,
                                                 "--plain", "--data-dir", store.path])
        try session.waitFor("or q to quit: ")
        let pid = session.process.processIdentifier
        let limits = try String(contentsOfFile: "/proc/\(pid)/limits", encoding: .utf8)
        let core = try XCTUnwrap(limits.split(separator: "\n").first { $0.hasPrefix("Max core file size") })
        XCTAssertEqual(core.split(separator: " ", omittingEmptySubsequences: true).dropFirst(4).prefix(2), ["0", "0"], String(core))
        // A process that is not dumpable has its /proc files owned by root, out of its user's reach.
        let owner = try FileManager.default.attributesOfItem(atPath: "/proc/\(pid)/mem")[.ownerAccountID] as? Int
        XCTAssertEqual(owner, 0, "/proc/PID/mem of a user's process belongs to root only when the process is not dumpable")
        session.send("q")
        XCTAssertEqual(try session.finish(), 0)
    }

    // MARK: 6. Data from outside reaches no terminal raw

    func testHostileTextIsEscapedOnEveryPath() throws {
        let store = try demoStore()
        let hostile = "\u{1B}]0;owned\u{07}\u{1B}[2J\u{202E}"
        var outputs: [(String, String)] = []
        func run(_ arguments: [String], input: String? = nil) throws -> (out: String, err: String, status: Int32) {
            let result = try Programs.run(Programs.ccassTerminal, arguments, input: input)
            outputs.append((arguments.joined(separator: " "), result.out + result.err))
            return result
        }
        // The phone: a label with a title-setting and a screen-clearing sequence.
        let label = "Evil%1B%5D0%3Bowned%07%1B%5B2J%E2%80%AE:victim"
        let added = try run(["authenticator", "add", "-", "--data-dir", store.path],
                            input: "otpauth://totp/\(label)?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ\n")
        XCTAssertEqual(added.status, 0, added.err)
        XCTAssertTrue(added.out.contains("Added Evil\\x1B]0;owned\\x07\\x1B[2J\\u{202E}:victim"), added.out)
        XCTAssertTrue(try run(["authenticator", "--data-dir", store.path]).out.contains("Evil\\x1B]0;owned"))
        // Mail dropped into a Maildir, and an address folder with a control in its name.
        let maildir = store.appendingPathComponent("mail/app.user@demo-securities.example")
        try PrivateFiles.folder(maildir.appendingPathComponent("new"))
        try PrivateFiles.replace(maildir.appendingPathComponent("new/1.dropped"),
                                 with: "From: x@example.com\r\nSubject: \(hostile)\r\nDate: Mon, 12 Jun 2023 10:00:00 +0800\r\n\r\nBody \(hostile)\r\n")
        try PrivateFiles.folder(store.appendingPathComponent("mail/evil\u{1B}[2J@example.com"))
        XCTAssertTrue(try run(["mailbox", "--data-dir", store.path]).out.contains("evil\\x1B[2J@example.com"))
        XCTAssertTrue(try run(["mailbox", "app.user@demo-securities.example", "--data-dir", store.path]).out.contains("\\x1B]0;owned"))
        let opened = try run(["mailbox", "app.user@demo-securities.example", "--open", "1", "--data-dir", store.path])
        XCTAssertTrue(opened.out.contains("Body \\x1B]0;owned\\x07\\x1B[2J\\u{202E}"), opened.out)
        // HKEX's back office: a participant's name.
        XCTAssertEqual(try run(["hkex", "participant", "add", "HKSCC-CP:B07777", "--name", "Evil \(hostile) Ltd", "--max-users", "5",
                                "--data-dir", store.path]).status, 0)
        XCTAssertTrue(try run(["hkex", "participant", "list", "--data-dir", store.path]).out.contains("Evil \\x1B]0;owned"))
        // A scenario that quotes the sequence in a failing expectation, and its JUnit report.
        let dir = try scratch()
        let scenario = dir.appendingPathComponent("hostile.scenario")
        try "expect \"\(hostile)\"\n".write(to: scenario, atomically: true, encoding: .utf8)
        let junit = dir.appendingPathComponent("junit.xml"), cobertura = dir.appendingPathComponent("coverage.xml")
        let failed = try run(["scenario", scenario.path, "--junit", junit.path])
        XCTAssertEqual(failed.status, 1)
        XCTAssertTrue(failed.err.contains("expected \"\\x1B]0;owned"), failed.err)
        _ = try run(["scenario", "--coverage", scenario.path, "--coverage-xml", cobertura.path])
        for (command, output) in outputs {
            XCTAssertEqual(rawControls(output), [], "\(command) printed control characters raw:\n\(output.debugDescription)")
        }
        let python = try XCTUnwrap(Programs.which("python3"))
        for report in [junit, cobertura] {
            let parsed = try Programs.run(python, ["-c", "import sys, xml.dom.minidom; xml.dom.minidom.parse(sys.argv[1])", report.path])
            XCTAssertEqual(parsed.status, 0, "\(report.lastPathComponent) is not well-formed XML: \(parsed.err)")
        }
        XCTAssertTrue(try String(contentsOf: junit, encoding: .utf8).contains("\\x1B]0;owned"))
    }

    // MARK: 7. Modes

    func testTheDataFolderHoldsNothingOpenToOthers() throws {
        // The folder was made 0777 by a careless hand: tightened, and said.
        let dir = try scratch().appendingPathComponent("data")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: false)
        chmod(dir.path, 0o777)
        let demo = try Programs.run(Programs.ccassTerminal, ["demo", "--data-dir", dir.path, "--training-kdf-iterations", "1000"])
        XCTAssertEqual(demo.status, 0, demo.err)
        XCTAssertEqual(demo.err, "Note: \(dir.path) was open to other users (mode 777); it is now private (mode 700)\n")
        for arguments in [["class", "create", "c1", "--trainees", "2"], ["class", "sshd-config", "--user", "ccass"],
                          ["class", "clock", "c1", "--advance", "5m"]] {
            let result = try Programs.run(Programs.ccassTerminal, arguments + ["--data-dir", dir.path])
            XCTAssertEqual(result.status, 0, "\(arguments): \(result.err)")
        }
        // An OTP mailed, the listing exported, a recording and a scenario recording's peer.
        let email = try Programs.run(Programs.ccassTerminal, ["--plain", "--data-dir", dir.path, "--ignore-hours"],
                                     input: "1\nB0123403\nTraining#2023Pass\n\nq\n")
        XCTAssertTrue(email.out.contains("The OTP was sent"), email.out)
        try exportTheListing(dir)
        // Another user's folder where the data should be is refused, and nothing is made in it.
        if geteuid() == 0 {
            let theirs = try scratch().appendingPathComponent("theirs")
            try FileManager.default.createDirectory(at: theirs, withIntermediateDirectories: false)
            XCTAssertEqual(chown(theirs.path, 65534, 65534), 0)
            let refused = try Programs.run(Programs.ccassTerminal, ["demo", "--data-dir", theirs.path])
            XCTAssertEqual(refused.status, 1)
            XCTAssertTrue(refused.err.contains("belongs to another user (uid 65534)"), refused.err)
            XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: theirs.path), [])
        }
        var open: [String] = []
        let walker = FileManager.default.enumerator(atPath: dir.path)
        while let name = walker?.nextObject() as? String {
            var info = stat()
            let path = dir.appendingPathComponent(name).path
            guard lstat(path, &info) == 0 else { continue }
            if info.st_mode & 0o077 != 0 { open.append("\(name) \(String(info.st_mode & 0o7777, radix: 8))") }
        }
        XCTAssertEqual(open, [], "open to group or others")
        for expected in ["exports", "classes/c1/class.json", "classes/c1/seat-01/mail", "classes/c1/seat-01/id_ed25519.pub", "clock",
                         "mail/email.user@demo-securities.example/new"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: dir.appendingPathComponent(expected).path), "\(expected) was made")
        }
    }

    /// The demo DA maker exports the User Profile Listing (the engine, with the phone's code).
    private func exportTheListing(_ dir: URL) throws {
        let store = try AccountStore(location: StoreLocation(directory: dir))
        let engine = AuthEngine(store: store, clock: StoreClock(directory: dir), configuration: try StoredSettings.configuration(for: store))
        guard case .enterAppOTP(let session, _) = try engine.logon(userID: "B01234X1", password: "Training#2023Pass", service: .dms),
              case .accepted(.loggedOn(let maker)) = try engine.submitOTP(session, code: Phone.code(for: "HKEX:B01234X1", directory: dir,
                                                                                                   at: engine.clock.now()).code)
        else { throw TestFailure("the DA maker could not log on") }
        _ = try engine.exportUserProfileListing(by: maker.session)
        try store.close()
    }

    // MARK: 8. A store replaced while a terminal has it open

    func testAStoreReplacedUnderAnOpenTerminalIsNotWrittenIntoAtExit() throws {
        let store = try demoStore()
        let session = try PlainSession(Programs.ccassTerminal, ["--plain", "--data-dir", store.path, "--ignore-hours"])
        try session.waitFor("or q to quit: ")
        try session.logOn("B0123402", password: "not the password")
        session.send("")
        try session.waitFor("Invalid")
        let foreign = store.deletingLastPathComponent().appendingPathComponent("foreign.sqlite")
        XCTAssertEqual(system("python3 -c \"import sqlite3; d=sqlite3.connect('\(foreign.path)'); d.execute('CREATE TABLE t (x)'); d.commit()\""), 0)
        let bytes = try Data(contentsOf: foreign)
        XCTAssertEqual(rename(foreign.path, store.appendingPathComponent("ccass.sqlite").path), 0)
        try session.waitFor("User ID [B0123402]: ")
        session.send("B0123402")
        try session.waitFor("Password: ")
        session.send("not the password either")
        try session.waitFor("quit [1]: ")
        session.send("")
        try session.waitFor("replaced or removed")
        _ = try session.finish()
        XCTAssertEqual(try Data(contentsOf: store.appendingPathComponent("ccass.sqlite")), bytes, "the file that took the name is untouched")
    }

    // MARK: 9. Options

    func testAnEmptyDataDirIsRefused() throws {
        let result = try Programs.run(Programs.ccassTerminal, ["users", "--data-dir", ""])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.err.hasPrefix("Error: --data-dir is empty"), result.err)
    }

    // MARK: 10. No usable terminal

    func testNoUsableTerminalRunsThePlainMode() throws {
        let store = try demoStore()
        for (environment, why) in [("env -u TERM", "TERM is not set"), ("env TERM=vt-nonesuch", "TERM=vt-nonesuch is unknown to terminfo"),
                                   ("env TERM=dumb", "TERM=dumb cannot move the cursor")] {
            let term = try TmuxTerminal(testCase: self)
            try term.start("\(environment) \(Programs.ccassTerminal.path) --data-dir \(store.path) --ignore-hours")
            try term.waitFor("\(why): the terminal runs in plain mode")
            try term.waitFor("Choose 1-2")
            term.type("q")
            term.keys("Enter")
            try term.waitFor("PROGRAM-EXITED-0")
        }
    }
}
