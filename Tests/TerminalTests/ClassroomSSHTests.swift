import AuthEngine
import Authenticator
import Foundation
import Synchronization
import TestSupport
import XCTest

/// A class served by a real OpenSSH sshd on 127.0.0.1, configured by `class sshd-config`, with
/// 30 trainees connecting at once through the OpenSSH client in terminals of their own (tmux).
final class ClassroomSSHTests: XCTestCase {
    static let trainees = 30
    static let newPassword = "Seat-Own#Pass2023"

    /// A running sshd with a class behind it.
    struct Host {
        var directory: URL
        var data: URL
        var port: Int
        var folder: URL
        var clockStart: Date
    }

    /// `logins`: the class's seats also get Unix accounts with passwords (`class logins`, as root).
    private func startHost(trainees: Int, logins: Bool = false) throws -> Host {
        let sshd = try requireSbinTool("sshd")
        _ = try requireTool("ssh")
        _ = try requireTool("ssh-keygen")
        // sshd's StrictModes refuses keys below a world-writable directory such as /tmp.
        let home = URL(fileURLWithPath: NSHomeDirectory()).appendingPathComponent(".cache")
        let directory = home.appendingPathComponent("ccass-sshd-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        addTeardownBlock {
            // The seats end on the hang-up of their sessions, writing as they go: wait for them.
            for _ in 0..<20 where FileManager.default.fileExists(atPath: directory.path) {
                try? FileManager.default.removeItem(at: directory)
                Thread.sleep(forTimeInterval: 0.25)
            }
        }
        let data = directory.appendingPathComponent("data")
        let demo = try Programs.run(Programs.ccassTerminal, ["demo", "--data-dir", data.path, "--training-kdf-iterations", "1000",
                                                             "--clock", "2023-06-12T09:00+08:00"])
        XCTAssertEqual(demo.status, 0, demo.err)
        let created = try Programs.run(Programs.ccassTerminal, ["class", "create", "ssh", "--trainees", "\(trainees)", "--data-dir", data.path])
        guard created.status == 0 else { throw TestFailure("class create: \(created.err)") }
        // The one block for every class of the store, written once (classes made later need no edit).
        let config = try Programs.run(Programs.ccassTerminal, ["class", "sshd-config", "--data-dir", data.path, "--user", NSUserName()])
        guard config.status == 0 else { throw TestFailure("class sshd-config: \(config.err)") }
        var blocks = config.out
        if logins {
            let sudoers = URL(fileURLWithPath: "/etc/sudoers.d/ccass-terminal")
            let before = try? Data(contentsOf: sudoers)
            let made = try Programs.run(Programs.ccassTerminal, ["class", "logins", "ssh", "--user", NSUserName(), "--data-dir", data.path])
            addTeardownBlock {
                _ = try? Programs.run(Programs.ccassTerminal, ["class", "logins", "ssh", "--remove", "--data-dir", data.path])
                if let before { try? before.write(to: sudoers) } else { try? FileManager.default.removeItem(at: sudoers) }
            }
            guard made.status == 0, let block = made.out.range(of: "Match Group") else { throw TestFailure("class logins: \(made.err)") }
            blocks += "\n" + made.out[block.lowerBound...]
        }
        try blocks.write(to: directory.appendingPathComponent("class.conf"), atomically: true, encoding: .utf8)
        let hostKey = directory.appendingPathComponent("host_ed25519")
        XCTAssertEqual(try Programs.run(try requireTool("ssh-keygen"), ["-q", "-t", "ed25519", "-N", "", "-f", hostKey.path]).status, 0)
        try FileManager.default.createDirectory(atPath: "/run/sshd", withIntermediateDirectories: true)
        let port = Int(Loopback.freePort())
        // The host's own settings; what connects a trainee to a seat is all in class.conf.
        try """
        Port \(port)
        ListenAddress 127.0.0.1
        HostKey \(hostKey.path)
        PidFile \(directory.appendingPathComponent("sshd.pid").path)
        UsePAM no
        LogLevel VERBOSE
        MaxStartups 100:30:200
        Include \(directory.appendingPathComponent("class.conf").path)
        """.write(to: directory.appendingPathComponent("sshd_config"), atomically: true, encoding: .utf8)
        let check = try Programs.run(sshd, ["-t", "-f", directory.appendingPathComponent("sshd_config").path])
        XCTAssertEqual(check.status, 0, "sshd refuses the configuration: \(check.err)")
        // sshd goes to the background by itself (a long-lived child of this process would share
        // Foundation's child reaping with every program the test runs); its pid file stops it.
        let pidFile = directory.appendingPathComponent("sshd.pid")
        let started = try Programs.run(sshd, ["-f", directory.appendingPathComponent("sshd_config").path, "-E", directory.appendingPathComponent("sshd.log").path])
        XCTAssertEqual(started.status, 0, started.err)
        addTeardownBlock {
            if let text = try? String(contentsOf: pidFile, encoding: .utf8), let pid = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)) {
                kill(pid, SIGTERM)
            }
        }
        // Listening once a connection is accepted.
        let deadline = Date().addingTimeInterval(10)
        while !Loopback.accepts(UInt16(port)) {
            guard Date() < deadline else { throw TestFailure("sshd did not start: \(try self.log(directory))") }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return Host(directory: directory, data: data, port: port, folder: data.appendingPathComponent("classes/ssh"),
                    clockStart: HongKongTime.date(2023, 6, 12, 9, 0))
    }

    private func log(_ directory: URL) throws -> String {
        (try? String(contentsOf: directory.appendingPathComponent("sshd.log"), encoding: .utf8)) ?? ""
    }

    private func sshArguments(_ host: Host, seat: Int) -> [String] {
        ["-i", host.folder.appendingPathComponent(String(format: "seat-%02d/id_ed25519", seat)).path, "-p", "\(host.port)",
         "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR", "-o", "BatchMode=yes",
         "\(NSUserName())@127.0.0.1"]
    }

    func testThirtyTraineesDoTheirFirstLogonAtOnceEachSeeingOnlyTheirOwnSeat() throws {
        let host = try startHost(trainees: Self.trainees)
        let oathtool = try requireTool("oathtool")
        let training = try ClassFolder(dataDirectory: host.data, name: "ssh").load()
        let terminals = try (1...Self.trainees).map { _ in try TmuxTerminal(testCase: self) }
        for (index, terminal) in terminals.enumerated() {
            let quoted = sshArguments(host, seat: index + 1).map { "'\($0)'" }.joined(separator: " ")
            try terminal.start("ssh -tt \(quoted)")
        }
        let failures = Mutex<[String]>([])
        let threads = terminals.enumerated().map { index, unsent in
            // Each thread has its own terminal; the test reads them only after the threads end.
            nonisolated(unsafe) let terminal = unsent
            return Thread {
                let seat = index + 1
                do {
                    try Self.firstLogon(seat: seat, classNumber: training.number, terminal: terminal, host: host, oathtool: oathtool)
                } catch {
                    failures.withLock { $0.append("seat \(seat): \(error)\n\(terminal.capture())") }
                }
            }
        }
        threads.forEach { $0.start() }
        let deadline = Date().addingTimeInterval(600)
        while threads.contains(where: { !$0.isFinished }), Date() < deadline { Thread.sleep(forTimeInterval: 0.2) }
        XCTAssertFalse(threads.contains { !$0.isFinished }, "trainees still at work after 10 minutes")
        // A trainee's session is over when its thread is: see that they are still logged on.
        XCTAssertEqual(failures.withLock { $0 }, [], "every trainee logs on")

        // Each seat's mail went to its own Maildir only, and the engine recorded each seat's
        // account as initialised by the app.
        for seat in 1...Self.trainees {
            let mail = host.folder.appendingPathComponent(String(format: "seat-%02d/mail", seat))
            let addresses = try FileManager.default.contentsOfDirectory(atPath: mail.path)
            XCTAssertEqual(addresses, [String(format: "first.logon@seat%02d.ssh.training.example", seat)], "seat \(seat)")
        }
        let users = try Programs.run(Programs.ccassTerminal, ["users", "--data-dir", host.data.path])
        for seat in 1...Self.trainees {
            let id = String(format: "T%03d%02d01", training.number, seat)
            XCTAssertTrue(users.out.split(separator: "\n").contains { $0.hasPrefix(id) && $0.contains("2fa-app") }, "\(id) is not 2fa-app:\n\(users.out)")
        }
        // The trainer's dashboard: 30 rows with the first-logon exercises done.
        let status = try Programs.run(Programs.ccassTerminal, ["class", "status", "ssh", "--once", "--data-dir", host.data.path])
        XCTAssertEqual(status.status, 0, status.err)
        let rows = status.out.split(separator: "\n").filter { $0.range(of: #"^ *\d+  "#, options: .regularExpression) != nil }
        XCTAssertEqual(rows.count, Self.trainees, status.out)
        for row in rows {
            let cells = row.split(separator: " ", omittingEmptySubsequences: true)
            // Seat, Password, Device, App: times; the rest not done yet.
            XCTAssertTrue(cells[1...3].allSatisfy { $0.range(of: #"^\d{2}:\d{2}$"#, options: .regularExpression) != nil }, String(row))
            XCTAssertEqual(cells.last, "3/7", String(row))
        }
        XCTAssertTrue(status.out.contains("All   \(Self.trainees)       \(Self.trainees)       \(Self.trainees)       0 "), status.out)
        let sshdLog = try log(host.directory)
        XCTAssertFalse(sshdLog.contains("fatal"), sshdLog)
    }

    /// The first-time logon of a seat's first user over SSH, then a look at the phone and the
    /// inbox (F2, F3): only this seat's accounts and mail.
    private static func firstLogon(seat: Int, classNumber: Int, terminal: TmuxTerminal, host: Host, oathtool: URL) throws {
        let userID = String(format: "T%03d%02d01", classNumber, seat)
        let address = String(format: "first.logon@seat%02d.ssh.training.example", seat)
        try wait(terminal, "Seat \(seat) of class ssh")
        terminal.keys("Enter")
        try wait(terminal, "Enter your User ID and Password")
        terminal.type(userID)
        terminal.keys("Tab", "Tab", "Tab", "Enter")
        try wait(terminal, "Enter your User ID, then select SUBMIT.")
        terminal.keys("Enter")
        try wait(terminal, "An OTP was sent to")
        guard let code = try Mailbox(root: host.folder.appendingPathComponent(String(format: "seat-%02d/mail", seat)))
            .messages(for: address).first?.otp else { throw TestFailure("no OTP in seat \(seat)'s Maildir") }
        terminal.type(code)
        terminal.keys("Enter")
        try wait(terminal, "Enter your new password twice")
        terminal.type(Self.newPassword)
        terminal.keys("Tab")
        terminal.type(Self.newPassword)
        try wait(terminal, "✓ Both entries are the same")
        terminal.keys("Enter")
        try wait(terminal, "Password changed successfully")
        terminal.keys("Enter", "BTab", "BTab")
        terminal.type(Self.newPassword)
        terminal.keys("Enter")
        try wait(terminal, "REGISTER DEVICE")
        terminal.keys("Enter")
        let screen = try wait(terminal, "Key:")
        guard let range = screen.range(of: #"Key: +([A-Z2-7]{4} ){7}[A-Z2-7]{4}"#, options: .regularExpression) else {
            throw TestFailure("no key on REGISTER DEVICE")
        }
        let key = String(screen[range].dropFirst(4).filter { $0 != " " })
        terminal.keys("Enter")
        try wait(terminal, "OTP shown in your authenticator app.")
        // The trainee's phone: the code for the key, at the class's clock.
        let now = Int(StoreClock(directory: host.data).now().timeIntervalSince1970)
        terminal.type(try Programs.run(oathtool, ["--totp", "-b", "--now", "@\(now)", key]).out.trimmingCharacters(in: .whitespacesAndNewlines))
        terminal.keys("Enter")
        try wait(terminal, "Logged on as \(userID) by 2FA (authenticator app).")
        // The phone shows this seat's app users and no one else's.
        terminal.keys("F2")
        let own = String(format: "T%03d%02d", classNumber, seat)
        // The whole phone drawn (tmux may catch a frame half written).
        let phone = try wait(terminal, "HKEX:\(own)02")
        let labels = phone.matches(of: /HKEX:(T\d{5})/).map { String($0.output.1) }
        guard !labels.isEmpty, labels.allSatisfy({ $0 == own }) else { throw TestFailure("seat \(seat)'s phone shows \(labels)") }
        terminal.keys("F3")
        let inbox = try wait(terminal, address)
        guard inbox.contains(address), inbox.matches(of: /seat(\d\d)\./).allSatisfy({ Int($0.output.1) == seat }) else {
            throw TestFailure("seat \(seat)'s inbox:\n\(inbox)")
        }
        terminal.keys("Escape")
        try wait(terminal, "Logged on as \(userID)")
    }

    @discardableResult
    private static func wait(_ terminal: TmuxTerminal, _ text: String, timeout: TimeInterval = 180) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        repeat {
            let screen = terminal.capture()
            if screen.contains(text) { return screen }
            Thread.sleep(forTimeInterval: 0.2)
        } while Date() < deadline
        throw TestFailure("never showed \"\(text)\"")
    }

    /// A class made while sshd runs is served by the same block, with no edit and no reload:
    /// a seat of each class logs on, and a key of one class is its seat, not the other's.
    func testTwoClassesOnOneAccountWithOneBlockAndNoReload() throws {
        let host = try startHost(trainees: 1)
        let created = try Programs.run(Programs.ccassTerminal, ["class", "create", "tue", "--trainees", "1", "--data-dir", host.data.path])
        XCTAssertEqual(created.status, 0, created.err)
        let tuesday = Host(directory: host.directory, data: host.data, port: host.port, folder: host.data.appendingPathComponent("classes/tue"),
                           clockStart: host.clockStart)
        for (class_, seatHost, number) in [("ssh", host, 1), ("tue", tuesday, 2)] {
            let terminal = try TmuxTerminal(testCase: self)
            try terminal.start("ssh -tt " + sshArguments(seatHost, seat: 1).map { "'\($0)'" }.joined(separator: " "))
            try Self.wait(terminal, "Seat 1 of class \(class_)", timeout: 30)
            let userID = String(format: "T%03d0102", number)
            terminal.keys("Enter")
            try Self.wait(terminal, "Enter your User ID and Password", timeout: 30)
            terminal.type(userID)
            terminal.keys("Tab")
            terminal.type("Training#2023Pass")
            terminal.keys("Enter")
            try Self.wait(terminal, "OTP shown in your authenticator app.", timeout: 30)
            // The seat's own phone, as the trainer reads it.
            let code = try Programs.run(Programs.ccassTerminal, ["authenticator", "code", userID, "--seat", "\(class_)/1", "--data-dir", host.data.path])
            XCTAssertEqual(code.status, 0, code.err)
            terminal.type(code.out.trimmingCharacters(in: .whitespacesAndNewlines))
            terminal.keys("Enter")
            try Self.wait(terminal, "Logged on as \(userID) by 2FA (authenticator app).", timeout: 30)
        }
        let sshdLog = try log(host.directory)
        XCTAssertFalse(sshdLog.contains("fatal"), sshdLog)
    }

    /// A trainee who cannot place a key file logs on with the seat account's password, and
    /// reaches that seat and nothing else; a wrong password gets nowhere.
    func testASeatAccountLogsOnWithItsPassword() throws {
        try requireRoot("class logins makes Unix accounts")
        _ = try requireSbinTool("useradd")
        _ = try requireTool("sudo")
        let host = try startHost(trainees: 2, logins: true)
        let sheet = try String(contentsOf: host.folder.appendingPathComponent("logins.csv"), encoding: .utf8)
        let row = try XCTUnwrap(sheet.split(separator: "\n").first { $0.hasPrefix("2,") }, sheet).split(separator: ",")
        let (login, password) = (String(row[1]), String(row[2]))
        XCTAssertEqual(login, "t00102")
        XCTAssertNotNil(password.range(of: #"^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$"#, options: .regularExpression), password)
        let terminal = try TmuxTerminal(testCase: self)
        func ssh(_ options: String = "", _ command: String = "") -> String {
            "ssh -tt -p \(host.port) -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR "
                + "-o PreferredAuthentications=password -o PubkeyAuthentication=no \(options)\(login)@127.0.0.1\(command)"
        }
        try terminal.start(ssh())
        try Self.wait(terminal, "password:", timeout: 30)
        terminal.type(password)
        terminal.keys("Enter")
        try Self.wait(terminal, "Seat 2 of class ssh", timeout: 30)
        // A command of the trainee's own is not run: the seat is.
        let other = try TmuxTerminal(testCase: self)
        try other.start(ssh("", " id"))
        try Self.wait(other, "password:", timeout: 30)
        other.type(password)
        other.keys("Enter")
        try Self.wait(other, "a seat opens the terminal or DMS", timeout: 30)
        XCTAssertFalse(other.capture().contains("uid="), other.capture())
        // A wrong password is refused by sshd.
        let wrong = try TmuxTerminal(testCase: self)
        try wrong.start(ssh("-o NumberOfPasswordPrompts=1 "))
        try Self.wait(wrong, "password:", timeout: 30)
        wrong.type("not-the-password")
        wrong.keys("Enter")
        try Self.wait(wrong, "Permission denied", timeout: 30)
    }

    /// A seat's key runs its seat and nothing else: no command, no shell, no forwarding.
    func testASeatKeyReachesNoShellAndNoForwarding() throws {
        let host = try startHost(trainees: 1)
        let ssh = try requireTool("ssh")
        let command = try Programs.run(ssh, sshArguments(host, seat: 1) + ["echo", "SHELL-REACHED"], input: "")
        XCTAssertNotEqual(command.status, 0)
        XCTAssertFalse(command.out.contains("SHELL-REACHED"), command.out)
        XCTAssertTrue(command.err.contains("a seat opens the terminal or DMS"), command.err)
        let forward = try Programs.run(ssh, ["-W", "127.0.0.1:\(host.port)"] + sshArguments(host, seat: 1), input: "")
        XCTAssertNotEqual(forward.status, 0)
        XCTAssertFalse(forward.out.contains("SSH-2.0"), "port forwarding reached sshd: \(forward.out)")
        // A key that is no seat's does not get in at all.
        let stranger = host.directory.appendingPathComponent("stranger")
        XCTAssertEqual(try Programs.run(try requireTool("ssh-keygen"), ["-q", "-t", "ed25519", "-N", "", "-f", stranger.path]).status, 0)
        var arguments = sshArguments(host, seat: 1)
        arguments[1] = stranger.path
        let refused = try Programs.run(ssh, arguments + ["true"], input: "")
        XCTAssertEqual(refused.status, 255, refused.err)
    }

    /// What the test reads of class.json.
    struct ClassFile: Decodable { var number: Int }
}

/// A tool of the system's administrator (sshd), which is in /usr/sbin whatever the PATH says.
func requireSbinTool(_ name: String) throws -> URL {
    for directory in ["/usr/sbin", "/sbin"] where FileManager.default.isExecutableFile(atPath: "\(directory)/\(name)") {
        return URL(fileURLWithPath: "\(directory)/\(name)")
    }
    return try requireTool(name)
}
