import ArgumentParser
import AuthEngine
import Authenticator
import Foundation
import SafeIO

/// `class logins NAME [--user USER] [--remove]`: a way in without key files. One Unix account
/// per seat (its participant ID in lower case: t00101), with a generated password, allowed by
/// sshd (a `Match Group` block) to log on with that password and to run one command: its seat,
/// started through sudo as the classes' account (a sudoers rule for exactly that command).
struct ClassLogins: ParsableCommand {
    static let group = "ccass-seats"
    static let sudoers = URL(fileURLWithPath: "/etc/sudoers.d/ccass-terminal")

    static let configuration = CommandConfiguration(
        commandName: "logins",
        abstract: "As root: a Unix account with a password for each seat of a class, for trainees who cannot use a key file.",
        discussion: """
        Makes (or gives a new password to) account tNNNKK (the seat's participant ID) for each seat, in group \(group); writes the passwords for the \
        trainer (classes/NAME/logins.csv), a sudoers rule that lets those accounts start their seat as the classes' \
        account and nothing else (/etc/sudoers.d/ccass-terminal), and prints the sshd block that allows passwords for \
        that group only. Nothing is made without this command; --remove deletes the class's accounts.
        """
    )

    @Argument(help: "The class name.") var name: String
    @Option(help: ArgumentHelp("The account the seats run as: the owner of the data directory (default).", valueName: "user"))
    var user: String?
    @Flag(help: "Delete the class's seat accounts instead.") var remove = false
    @OptionGroup var store: StoreOptions

    func run() throws {
        guard getuid() == 0 else {
            throw CommandFailure("class logins makes Unix accounts (useradd, chpasswd) and a sudoers rule: run it as root")
        }
        let (training, folder) = try ClassCommand.load(name, store.settings)
        if remove { return try removeAccounts(training, folder: folder) }
        let sudo = try ExternalTool.locate(["/usr/bin/sudo", "/bin/sudo"],
                                           install: "the seats' accounts start their seat through sudo, which is not installed (apt install sudo)")
        let directory = store.settings.location.directory
        let account = try user ?? ClassSSHDConfig.owner(of: directory)
        guard getpwnam(account) != nil else { throw CommandFailure("there is no Unix account \(account)") }
        try ExternalTool.run("/usr/sbin/groupadd", ["-f", Self.group])
        var logins: [String: Int] = [:], passwords: [(seat: Int, user: String, password: String)] = []
        for seat in training.seats {
            let login = training.participant(seat: seat).participantID.lowercased()
            try Self.makeAccount(login, comment: "ccass-terminal class \(name) seat \(seat)")
            let password = try Self.password()
            try ExternalTool.run("/usr/sbin/chpasswd", [], input: "\(login):\(password)\n")
            logins[login] = seat
            passwords.append((seat, login, password))
        }
        _ = try ClassSetup.update(folder) { $0.logins = logins }
        let sheet = folder.loginsCSV
        try PrivateFiles.replace(sheet, with: "seat,unix user,password\n" + passwords.map { "\($0.seat),\($0.user),\($0.password)" }.joined(separator: "\n") + "\n")
        let command = [ClassAuthorizedKeys.executable, "class", "seat-login", "--data-dir", directory.path]
        try Self.installSudoers(account: account, command: command)
        try StandardStream.output.line("Seat  Unix user  Password")
        for entry in passwords { try StandardStream.output.line("\(String(entry.seat).leftPadded(4))  \(entry.user)     \(entry.password)") }
        try StandardStream.output.line("""

        Passwords: \(sheet.path) (for the trainer only). A trainee connects with: ssh tNNNKK@THIS-HOST
        Add this block once to /etc/ssh/sshd_config.d/ccass-terminal.conf and reload sshd: it allows
        passwords for the seats' accounts only, and each one runs its seat and nothing else.
        Match Group \(Self.group)
            AuthenticationMethods password
            PasswordAuthentication yes
            KbdInteractiveAuthentication no
            PubkeyAuthentication no
            ForceCommand \(try ([sudo, "-n", "-u", account] + command).map { try ClassSSHDConfig.word($0) }.joined(separator: " "))
            PermitTTY yes
            DisableForwarding yes
            PermitTunnel no
            PermitUserRC no
        """)
    }

    private func removeAccounts(_ training: TrainingClass, folder: ClassFolder) throws {
        let logins = training.logins ?? [:]
        for login in logins.keys.sorted() where getpwnam(login) != nil { try ExternalTool.run("/usr/sbin/userdel", [login]) }
        _ = try ClassSetup.update(folder) { $0.logins = nil }
        try? PrivateFiles.remove(folder.loginsCSV)
        try StandardStream.output.line("Class \(name): \(logins.count) seat accounts removed.")
    }

    /// A seat account: made when missing; one of the same name that is not a seat account
    /// (not in the group) is someone's, and refused.
    static func makeAccount(_ login: String, comment: String) throws {
        if let entry = getpwnam(login) {
            guard let group = getgrnam(Self.group), entry.pointee.pw_gid == group.pointee.gr_gid else {
                throw CommandFailure("the Unix account \(login) exists and is not a seat account (group \(Self.group)): it is left alone")
            }
            return
        }
        try ExternalTool.run("/usr/sbin/useradd", ["--no-create-home", "--home-dir", "/", "--gid", Self.group, "--shell", "/bin/sh",
                                         "--comment", comment, login])
    }

    /// Twelve characters that cannot be misread (no 0/O, 1/l/I), in three groups: 59 bits.
    static func password() throws -> String {
        let alphabet = Array("abcdefghjkmnpqrstuvwxyz23456789")
        let bytes = try SecureRandom.bytes(12)
        let characters = bytes.map { alphabet[Int($0) % alphabet.count] }
        return [characters[0..<4], characters[4..<8], characters[8..<12]].map { String($0) }.joined(separator: "-")
    }

    /// The sudoers rule, checked by visudo before it is put in place.
    static func installSudoers(account: String, command: [String]) throws {
        let rule = """
        # ccass-terminal (class logins): a seat's Unix account (group \(group)) starts its seat as \(account), and nothing else.
        Defaults:%\(group) env_keep += "SSH_ORIGINAL_COMMAND", !use_pty, !lecture
        %\(group) ALL=(\(account)) NOPASSWD: \(command.map { $0.replacingOccurrences(of: ",", with: "\\,").replacingOccurrences(of: ":", with: "\\:") }.joined(separator: " "))

        """
        let scratch = try PrivateFiles.temporaryFolder(prefix: "ccass-sudoers-")
        defer { try? PrivateFiles.remove(scratch) }
        let candidate = scratch.appendingPathComponent("ccass-terminal")
        try PrivateFiles.replace(candidate, with: rule)
        try ExternalTool.run("/usr/sbin/visudo", ["-c", "-q", "-f", candidate.path])
        try PrivateFiles.replace(sudoers, with: rule)
    }
}

/// `class seat-login`: what a seat's Unix account runs (its sshd ForceCommand, through sudo).
struct ClassSeatLogin: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "seat-login",
        abstract: "What a seat's Unix account runs through sudo (class logins): the terminal of its seat.",
        shouldDisplay: false
    )

    @OptionGroup var store: StoreOptions

    func run() throws {
        // sudo names the account that asked; nothing else may choose the seat.
        guard let login = Environment.value("SUDO_USER"), !login.isEmpty else {
            throw CommandFailure("class seat-login is run by a seat's Unix account through sudo (class logins)")
        }
        let directory = store.settings.location.directory
        for name in try ClassAuthorizedKeys.classNames(directory) {
            guard let training = try? ClassFolder(dataDirectory: directory, name: name).load(), let seat = training.logins?[login] else { continue }
            var settings = TerminalSettings(store: store.settings, mail: SMTPSettings())
            settings.seat = "\(name)/\(seat)"
            try settings.check()
            return try settings.run()
        }
        throw CommandFailure("\(login) is no seat of a class on this host any more (the trainer's class logins makes seat accounts)")
    }
}

extension String {
    func leftPadded(_ width: Int) -> String { String(repeating: " ", count: max(0, width - count)) + self }
}
