import AuthEngine
import Foundation
import TestSupport
#if canImport(Glibc)
import Glibc
#endif
import XCTest

/// The real binary in a real terminal (tmux at 80x24), driven by keys and read off the screen.
final class EndToEndTests: XCTestCase {
    func testFirstTimeLogonRegisterDeviceOngoingLogonThenLockout() throws {
        let term = try TmuxTerminal(testCase: self)
        let dir = term.directory
        let binary = Programs.ccassTerminal.path
        XCTAssertEqual(try Programs.run(Programs.ccassTerminal, ["demo", "--data-dir", dir.path, "--training-kdf-iterations", "1000"]).status, 0)
        try term.start("\(binary) --data-dir \(dir.path) --clock 2023-06-12T10:00+08:00")
        try term.waitFor(Texts.landingOption)

        // Setup password: Forgot/Reset your Password with the email OTP from the Maildir.
        term.keys("Enter")
        try term.waitFor("Enter your User ID and Password")
        let key = try term.firstTimeLogon(userID: "B0123401", address: "first.logon@demo-securities.example",
                                          password: "Brand-New#Pass2023", mailRoot: dir.appendingPathComponent("mail"))
        try term.waitFor("Last logon: none (first logon)")
        try term.waitFor("Logged on as B0123401 by 2FA (authenticator app).")
        term.keys("Escape", "Enter")
        try term.waitFor("B0123401 logged out.")

        // Ongoing logon with the next code (the one just used may not be used again).
        term.keys("Enter")
        try term.waitFor("Enter your User ID and Password")
        term.type("B0123401")
        term.keys("Tab")
        term.type("Brand-New#Pass2023")
        term.keys("Enter")
        try term.waitFor("OTP shown in your authenticator app.")
        term.type(try term.oathtoolCode(secret: key, stepsAhead: 1))
        term.keys("Enter")
        try term.waitFor("Last logon: 2023-06-12")
        term.keys("Escape", "Enter")
        try term.waitFor("logged out.")

        // Five wrong passwords, then the locked message from the next attempt on.
        term.keys("Enter")
        try term.waitFor("Enter your User ID and Password")
        term.type("B0123401")
        term.keys("Tab")
        for attempt in 1...5 {
            term.type("Wrong#Password\(attempt)xxxx")
            try term.waitFor("******************")
            term.keys("Enter")
            // Answered: the message is there and the password field was cleared.
            try term.waitUntil("the invalid message after attempt \(attempt)") {
                $0.contains(Texts.invalid) && !$0.contains("******************")
            }
        }
        term.type("Brand-New#Pass2023")
        term.keys("Enter")
        try term.waitFor("Your account has been locked after")
        term.keys("C-c")
        try term.waitForExit()
    }
}

extension EndToEndTests {
    /// A first start on an empty store shows the landing page at once and creates the demo data
    /// behind it; what is typed meanwhile is never echoed and lands in the right fields.
    func testKeysTypedWhileTheDemoDataIsCreatedAreNeitherEchoedNorLost() throws {
        let term = try TmuxTerminal(testCase: self)
        try term.start("\(Programs.ccassTerminal.path) --data-dir \(term.directory.path) --clock 2023-06-12T10:00+08:00")
        // The notice comes with the landing page or just after it, once the worker finds the store empty.
        _ = try term.waitUntil("the landing page while the demo data is created") {
            $0.contains(Texts.landingOption) && $0.contains("Creating the demo data…")
        }
        term.keys("Enter")
        term.type("B0123402")
        term.keys("Tab")
        term.type("Training#2023Pass")
        let typed = try term.waitFor("*****************")
        XCTAssertFalse(typed.contains("Training#2023Pass"), "the password was echoed:\n\(typed)")
        XCTAssertTrue(typed.contains("B0123402"), "the user ID is in its field:\n\(typed)")
        term.keys("Enter")
        try term.waitFor("OTP shown in your authenticator app.", timeout: 30)
        term.keys("C-c")
        try term.waitForExit()
    }
}

extension EndToEndTests {
    /// A first-time logon at the keyboard, recorded as a scenario, replays to the same screens;
    /// the file holds `otp email`, `scan` and `otp app` steps, never a code or the key.
    func testARecordedSessionReplaysAndHoldsNoCodeOrKey() throws {
        let term = try TmuxTerminal(testCase: self)
        let dir = term.directory
        let file = dir.appendingPathComponent("recorded.scenario")
        XCTAssertEqual(try Programs.run(Programs.ccassTerminal, ["demo", "--data-dir", dir.path, "--training-kdf-iterations", "1000",
                                                                 "--clock", "2023-06-12T09:00+08:00"]).status, 0)
        try term.start("\(Programs.ccassTerminal.path) --data-dir \(dir.path) --clock 2023-06-12T10:00+08:00 --record-scenario \(file.path)")
        try term.waitFor(Texts.landingOption)
        term.keys("Enter")
        try term.waitFor("Enter your User ID and Password")
        let key = try term.firstTimeLogon(userID: "B0123401", address: "first.logon@demo-securities.example",
                                          password: "Brand-New#Pass2023", mailRoot: dir.appendingPathComponent("mail"))
        try term.waitFor("Logged on as B0123401 by 2FA (authenticator app).")
        term.keys("Escape", "Enter")
        try term.waitFor("B0123401 logged out.")
        term.keys("C-c")
        try term.waitForExit()

        let recorded = try String(contentsOf: file, encoding: .utf8)
        XCTAssertTrue(recorded.contains("otp email first.logon@demo-securities.example"), recorded)
        XCTAssertTrue(recorded.contains("\nscan\n"), recorded)
        XCTAssertTrue(recorded.contains("otp app B0123401"), recorded)
        XCTAssertTrue(recorded.contains("expect \"Logged on as B0123401 by 2FA (authenticator app).\""), recorded)
        XCTAssertFalse(recorded.contains(String(key.prefix(8))), "the enrolment key is not in the file")
        XCTAssertNil(recorded.range(of: #"\b\d{6,8}\b"#, options: .regularExpression), "no code in the file:\n\(recorded)")
        let mode = try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? Int
        XCTAssertEqual(mode, 0o600, "it holds the passwords typed")

        let replay = try Programs.run(Programs.ccassTerminal, ["scenario", file.path])
        XCTAssertEqual(replay.status, 0, "the replay reaches the same screens:\n\(replay.out)\n\(replay.err)\n\(recorded)")
    }
}

extension EndToEndTests {
    /// Without colour, the focus stays visible in reverse video; with colour, it has a colour pair.
    func testFocusIsVisibleWithAndWithoutColour() throws {
        for noColor in [true, false] {
            let term = try TmuxTerminal(testCase: self)
            let dir = term.directory.path
            let binary = Programs.ccassTerminal.path
            XCTAssertEqual(try Programs.run(Programs.ccassTerminal, ["demo", "--data-dir", dir, "--training-kdf-iterations", "1000"]).status, 0)
            try term.start("\(noColor ? "env NO_COLOR=1" : "env -u NO_COLOR") \(binary) --data-dir \(dir) --clock 2023-06-12T10:00+08:00")
            try term.waitFor(Texts.landingOption)
            // Reverse video (SGR 7) without colour; a colour pair (SGR 30-47) with it.
            let expected = noColor ? #"\x1B\[[0-9;]*\b7m"# : #"\x1B\[[0-9;]*\b(3[0-7]|4[0-7])m"#
            let styled = try term.waitUntil(noColor ? "reverse video on the focus" : "a colour pair on the focus", escapes: true) { screen in
                guard let line = screen.split(separator: "\n").first(where: { $0.contains(Texts.landingOption) }) else { return false }
                return line.range(of: expected, options: .regularExpression) != nil
            }
            XCTAssertFalse(styled.isEmpty)
        }
    }
}

extension EndToEndTests {
    /// Session 2 of the connectivity test keeps nothing: a password changed there is not kept.
    func testTheSecondaryConnectivitySessionKeepsNoChange() throws {
        let term = try TmuxTerminal(testCase: self)
        let dir = term.directory.path
        let binary = Programs.ccassTerminal.path
        // The demo as on the launch day (B0123402 with its 2FA password; demo data made for a day
        // before the launch has no 2FA yet), then the session of 10 June 22:00.
        XCTAssertEqual(try Programs.run(Programs.ccassTerminal, ["demo", "--data-dir", dir, "--training-kdf-iterations", "1000",
                                                                 "--clock", "2023-06-12T09:00+08:00"]).status, 0)
        try term.start("\(binary) --connectivity-test secondary --data-dir \(dir) --clock 2023-06-10T22:00+08:00 --ignore-hours")
        try term.waitFor("Secondary Data Centre (Session 2): changes not kept")
        term.keys("Enter")
        try term.waitFor("Enter your User ID and Password")
        term.type("B0123402")
        term.keys("Tab", "Tab", "Tab", "Tab", "Enter")
        try term.waitFor("Confirm New Password")
        term.type("Brand-New#Pass2023")
        term.keys("Tab")
        term.type("Brand-New#Pass2023")
        term.keys("Enter")
        try term.waitFor("Please enter your current password.")
        term.type("Training#2023Pass")
        term.keys("Enter")
        try term.waitFor("Password changed successfully")
        term.keys("C-c")
        try term.waitForExit()
        let after = try Programs.run(Programs.drill, ["logon", "--data-dir", dir, "--user", "B0123402",
                                                              "--password", "Training#2023Pass", "--clock", "2023-06-12T10:00+08:00"])
        XCTAssertEqual(after.out, "app\n", "the old password still works: \(after.err)")
    }
}

extension EndToEndTests {
    /// A recording replays the session but never holds a password, an OTP or the enrolment key.
    func testTheRecordingHoldsNoSecret() throws {
        let term = try TmuxTerminal(testCase: self)
        let dir = term.directory
        let cast = dir.appendingPathComponent("session.cast")
        XCTAssertEqual(try Programs.run(Programs.ccassTerminal, ["demo", "--data-dir", dir.path, "--training-kdf-iterations", "1000"]).status, 0)
        try term.start("\(Programs.ccassTerminal.path) --data-dir \(dir.path) --clock 2023-06-12T10:00+08:00 --record \(cast.path)")
        try term.waitFor(Texts.landingOption)
        term.keys("Enter")
        try term.waitFor("Enter your User ID and Password")
        term.type("B0123408")
        term.keys("Tab")
        term.type("Training#2023Pass")
        term.keys("Enter")
        try term.waitFor("REGISTER DEVICE")
        term.keys("Enter")
        let screen = try term.waitFor("Key:")
        let key = try XCTUnwrap(screen.range(of: #"Key: +([A-Z2-7]{4} ){7}[A-Z2-7]{4}"#, options: .regularExpression)
            .map { String(screen[$0]).dropFirst(4).filter { $0 != " " } })
        term.keys("Enter")
        try term.waitFor("OTP shown in your authenticator app.")
        let code = try term.oathtoolCode(secret: String(key))
        term.type(code)
        try term.waitFor(code)
        term.keys("Enter")
        try term.waitFor("Logged on as B0123408")
        term.keys("C-c")
        try term.waitForExit()

        let text = try String(contentsOf: cast, encoding: .utf8)
        let lines = text.split(separator: "\n")
        let header = try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any]
        XCTAssertEqual(header?["version"] as? Int, 2)
        XCTAssertEqual(header?["width"] as? Int, 80)
        XCTAssertGreaterThan(lines.count, 5, "frames were recorded")
        XCTAssertTrue(text.contains("Logged on as B0123408"), "the session is replayable")
        XCTAssertFalse(text.contains(String(key.prefix(8))), "no enrolment key")
        XCTAssertFalse(text.contains(code), "no OTP")
        XCTAssertFalse(text.contains("Training#2023Pass"), "no password")
        XCTAssertFalse(text.contains("▀"), "no QR code")
        let mode = try FileManager.default.attributesOfItem(atPath: cast.path)[.posixPermissions] as? Int
        XCTAssertEqual(mode, 0o600)
    }
}

extension EndToEndTests {
    /// DMS under tmux: a DA maker resets a locked user's OTP registration, a second DA approves
    /// it as checker, and the user then completes a first-time logon at the terminal.
    func testMakerCheckerResetThenTheUsersFirstTimeLogon() throws {
        let term = try TmuxTerminal(testCase: self)
        let dir = term.directory
        let binary = Programs.ccassTerminal.path
        XCTAssertEqual(try Programs.run(Programs.ccassTerminal, ["demo", "--data-dir", dir.path, "--training-kdf-iterations", "1000"]).status, 0)
        try term.start("\(binary) --dms --data-dir \(dir.path) --clock 2023-06-12T10:00+08:00")
        try term.waitFor("1. Login with OTP - Security Management Function")
        term.keys("Enter")
        try term.waitFor("Enter your User ID and Password")
        term.type("B01234X1")
        term.keys("Tab")
        term.type("Training#2023Pass")
        term.keys("Enter")
        try term.waitFor("OTP shown in your authenticator app.")
        term.type(try phoneCode("B01234X1", term: term))
        term.keys("Enter")
        try term.waitFor("Maintain User Profile")
        term.keys("Enter")
        try term.waitFor("Change User Profile")
        term.keys("Tab", "Enter")
        try term.waitFor("Enter the User ID, then Submit.")
        term.type("B0123404")
        term.keys("Enter")
        try term.waitFor("Unlock/ Reset OTP Device Registration")
        term.keys("Tab", "Space")
        try term.waitFor("(•) Unlock/ Reset OTP Device Registration")
        term.keys("Enter")
        try term.waitFor("To be performed by DA Checker")
        term.type("B01234Y1")
        term.keys("Tab")
        term.type("Training#2023Pass")
        term.keys("Enter")
        try term.waitFor("Confirmed: unlock/ reset OTP device registration of B0123404.")
        term.keys("C-c")
        try term.waitForExit()

        // The user's first-time logon at the terminal: password by email OTP, then the device.
        let user = try TmuxTerminal(testCase: self)
        try user.start("\(binary) --data-dir \(dir.path) --clock 2023-06-12T10:05+08:00")
        try user.waitFor(Texts.landingOption)
        user.keys("Enter")
        try user.waitFor("Enter your User ID and Password")
        _ = try user.firstTimeLogon(userID: "B0123404", address: "locked.user@demo-securities.example",
                                    password: "Brand-New#Pass2023", mailRoot: dir.appendingPathComponent("mail"))
        try user.waitFor("Logged on as B0123404 by 2FA (authenticator app).")
    }

    /// The virtual phone's code for an account at the time on the terminal's title bar.
    private func phoneCode(_ account: String, term: TmuxTerminal) throws -> String {
        let title = term.capture().split(separator: "\n").first.map(String.init) ?? ""
        let time = try XCTUnwrap(title.range(of: #"\d{4}-\d{2}-\d{2} \d{2}:\d{2}"#, options: .regularExpression).map { String(title[$0]) })
        let result = try Programs.run(Programs.ccassTerminal, ["authenticator", "code", account, "--data-dir", term.directory.path,
                                                               "--clock", time.replacingOccurrences(of: " ", with: "T") + "+08:00"])
        return result.out.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

private enum Texts {
    static let landingOption = "1. Login with OTP - Online Functions"
    static let invalid = "Invalid User ID or Password."
}

extension TmuxTerminal {
    /// Appendix C from the logon page: Forgot/Reset your Password with the code from the
    /// Maildir, the new password twice, LOG IN, REGISTER DEVICE, and oathtool's code for the key
    /// read off the screen. Returns the key.
    func firstTimeLogon(userID: String, address: String, password: String, mailRoot: URL) throws -> String {
        type(userID)
        keys("Tab", "Tab", "Tab", "Enter")
        try waitFor("Enter your User ID, then select SUBMIT.")
        keys("Enter")
        try waitFor("An OTP was sent to")
        let message = try XCTUnwrap(Mailbox(root: mailRoot).messages(for: address).first)
        type(try XCTUnwrap(message.otp))
        keys("Enter")
        try waitFor("Enter your new password twice")
        type(password)
        keys("Tab")
        type(password)
        try waitFor("✓ Both entries are the same")
        keys("Enter")
        try waitFor("Password changed successfully")
        // Closing the pop-up leaves the focus on the button that opened it.
        keys("Enter", "BTab", "BTab")
        type(password)
        keys("Enter")
        try waitFor("REGISTER DEVICE")
        keys("Enter")
        let screen = try waitFor("Key:")
        let key = try XCTUnwrap(screen.range(of: #"Key: +([A-Z2-7]{4} ){7}[A-Z2-7]{4}"#, options: .regularExpression)
            .map { String(screen[$0]).dropFirst(4).filter { $0 != " " } })
        keys("Enter")
        try waitFor("OTP shown in your authenticator app.")
        type(try oathtoolCode(secret: String(key)))
        keys("Enter")
        return String(key)
    }
}

/// A tmux server of its own running one program at 80x24.
final class TmuxTerminal {
    let socket = "ccass-e2e-\(UUID().uuidString.prefix(8))"
    let directory: URL
    private let tmux: URL

    init(testCase: XCTestCase, columns: Int = 80, rows: Int = 24) throws {
        let tmux = try requireTool("tmux")
        self.tmux = tmux
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("ccass-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        size = (columns, rows)
        let socket = self.socket, dir = directory, tmuxPath = tmux.path
        testCase.addTeardownBlock {
            _ = try? Programs.run(URL(fileURLWithPath: tmuxPath), ["-L", socket, "kill-server"])
            try? FileManager.default.removeItem(at: dir)
        }
    }

    private let size: (Int, Int)

    func start(_ command: String) throws {
        // The tmux server outlives this call and would inherit Foundation's process-watching
        // descriptors, so it is started through system(3) with its output sent away.
        let inner = "env TERM=xterm-256color \(command); echo PROGRAM-EXITED-\\$?; sleep 60"
        let line = "'\(tmux.path)' -L \(socket) new-session -d -s main -x \(size.0) -y \(size.1) \"\(inner)\" </dev/null >/dev/null 2>&1"
        XCTAssertEqual(system(line), 0, "tmux new-session")
    }

    func keys(_ names: String...) {
        for name in names { _ = try? Programs.run(tmux, ["-L", socket, "send-keys", "-t", "main", name]) }
    }

    func type(_ text: String) { _ = try? Programs.run(tmux, ["-L", socket, "send-keys", "-t", "main", "-l", text]) }

    func resize(columns: Int, rows: Int) {
        _ = try? Programs.run(tmux, ["-L", socket, "resize-window", "-t", "main", "-x", "\(columns)", "-y", "\(rows)"])
    }

    func capture(escapes: Bool = false) -> String {
        (try? Programs.run(tmux, ["-L", socket, "capture-pane", "-p"] + (escapes ? ["-e"] : []) + ["-t", "main"]).out) ?? ""
    }

    /// Waits until the screen shows `text`; fails with the screen as it was.
    @discardableResult
    func waitFor(_ text: String, timeout: TimeInterval = 10, file: StaticString = #filePath, line: UInt = #line) throws -> String {
        try waitUntil("\"\(text)\"", timeout: timeout, file: file, line: line) { $0.contains(text) }
    }

    /// Waits until the screen satisfies `condition`.
    @discardableResult
    func waitUntil(_ what: String, timeout: TimeInterval = 10, escapes: Bool = false, file: StaticString = #filePath, line: UInt = #line,
                   _ condition: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        repeat {
            let screen = capture(escapes: escapes)
            if condition(screen) { return screen }
            Thread.sleep(forTimeInterval: 0.05)
        } while Date() < deadline
        XCTFail("the screen never showed \(what):\n\(capture(escapes: escapes).debugDescription)", file: file, line: line)
        throw TestFailure("stopped: \(what)")
    }

    func waitForExit() throws { try waitFor("PROGRAM-EXITED-0") }

    /// The code oathtool computes for the emulated time on the title bar (plus whole steps).
    func oathtoolCode(secret: String, stepsAhead: Int = 0) throws -> String {
        let oathtool = try requireTool("oathtool")
        let title = capture().split(separator: "\n").first.map(String.init) ?? ""
        guard let range = title.range(of: #"\d{4}-\d{2}-\d{2} \d{2}:\d{2}"#, options: .regularExpression),
              let shown = HongKongTime.parse(String(title[range])) else {
            XCTFail("no time on the title bar: \(title)")
            return ""
        }
        let at = Int(shown.timeIntervalSince1970) + 30 * stepsAhead
        return try Programs.run(oathtool, ["--totp", "-b", "--now", "@\(at)", secret]).out
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

/// The terminal is given back exactly as it was, whatever signal ends the program.
final class TerminalRestoreTests: XCTestCase {
    /// Suspended (SIGTSTP) and resumed (SIGCONT), then a storm of resizes, then SIGTERM.
    func testSttyIsTheSameAfterSuspendResumeAndAResizeStorm() throws {
        let term = try TmuxTerminal(testCase: self)
        let dir = term.directory.path
        let binary = Programs.ccassTerminal.path
        XCTAssertEqual(try Programs.run(Programs.ccassTerminal, ["demo", "--data-dir", dir, "--training-kdf-iterations", "1000"]).status, 0)
        let pattern = "'ccass-terminal --data-dir \(dir)'"
        let script = """
        stty -g > \(dir)/before; \
        (sleep 1.2; pkill -TSTP -f \(pattern); sleep 0.6; pkill -CONT -f \(pattern); sleep 2.5; pkill -TERM -f \(pattern)) & \
        \(binary) --data-dir \(dir) --clock 2023-06-12T10:00+08:00; \
        stty -g > \(dir)/after; echo SCRIPT-DONE
        """
        let scriptURL = URL(fileURLWithPath: dir).appendingPathComponent("run.sh")
        try script.write(to: scriptURL, atomically: true, encoding: .utf8)
        try term.start("sh \(scriptURL.path)")
        try term.waitFor("1. Login with OTP - Online Functions")
        Thread.sleep(forTimeInterval: 2.0)
        // Resumed: it still answers, through a storm of resizes.
        for size in [(100, 30), (60, 20), (120, 40), (80, 24), (81, 25), (79, 23), (80, 24)] {
            term.resize(columns: size.0, rows: size.1)
        }
        try term.waitFor("1. Login with OTP - Online Functions")
        try term.waitFor("SCRIPT-DONE", timeout: 15)
        let before = try String(contentsOfFile: "\(dir)/before", encoding: .utf8)
        let after = try String(contentsOfFile: "\(dir)/after", encoding: .utf8)
        XCTAssertEqual(before, after, "stty -g differs after suspend, resume and resizes")
    }

    /// SIGILL and SIGSEGV stand for a runtime trap (a Swift trap is SIGILL on x86-64): the
    /// crash handler restores the terminal, then the program dies by the same signal.
    func testSttyIsTheSameAfterSIGINTSIGTERMSIGHUPAndATrap() throws {
        for signal in ["INT", "TERM", "HUP", "ILL", "SEGV"] {
            let term = try TmuxTerminal(testCase: self)
            let dir = term.directory.path
            let binary = Programs.ccassTerminal.path
            XCTAssertEqual(try Programs.run(Programs.ccassTerminal, ["demo", "--data-dir", dir, "--training-kdf-iterations", "1000"]).status, 0)
            // The shell in the pane records stty before and after; a helper sends the signal
            // once the landing page is up.
            let script = """
            stty -g > \(dir)/before; \
            (sleep 1.5; pkill -\(signal) -f 'ccass-terminal --data-dir \(dir)') & \
            \(binary) --data-dir \(dir) --clock 2023-06-12T10:00+08:00; \
            echo status=$? > \(dir)/status; stty -g > \(dir)/after; echo SCRIPT-DONE
            """
            let scriptURL = URL(fileURLWithPath: dir).appendingPathComponent("run.sh")
            try script.write(to: scriptURL, atomically: true, encoding: .utf8)
            try term.start("sh \(scriptURL.path)")
            try term.waitFor("SCRIPT-DONE", timeout: 15)
            let before = try String(contentsOfFile: "\(dir)/before", encoding: .utf8)
            let after = try String(contentsOfFile: "\(dir)/after", encoding: .utf8)
            XCTAssertFalse(before.isEmpty)
            XCTAssertEqual(before, after, "SIG\(signal): stty -g differs")
            let status = try String(contentsOfFile: "\(dir)/status", encoding: .utf8)
            XCTAssertNotEqual(status.trimmingCharacters(in: .whitespacesAndNewlines), "status=0", "SIG\(signal) ends the program with a signal status")
            let screen = term.capture()
            XCTAssertFalse(screen.contains("Please select the login method"), "the normal screen is back: \(screen)")
        }
    }
}
