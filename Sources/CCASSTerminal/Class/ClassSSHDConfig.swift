import ArgumentParser
import AuthEngine
import Authenticator
import Foundation
import SafeIO

/// `class sshd-config NAME [--user USER]`
struct ClassSSHDConfig: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sshd-config",
        abstract: "Print the OpenSSH configuration that connects each seat's key to its seat and to nothing else.",
        discussion: """
        Makes each seat's key pair the first time (seat-KK/id_ed25519, for the trainee) and the class's authorized_keys, \
        where each key may only run `ccass-terminal --seat NAME/K` on a terminal: no shell, no forwarding. The Match \
        block printed goes in /etc/ssh/sshd_config.d/; USER is an account kept for the class, which owns the data \
        directory (never your own: the block replaces its authorized keys).
        """
    )

    @Argument(help: "The class name.") var name: String
    @Option(help: ArgumentHelp("The Unix account trainees connect as (default: the owner of the data directory).", valueName: "user"))
    var user: String?
    @OptionGroup var store: StoreOptions
    @OptionGroup var mail: SMTPOptions

    func run() throws {
        // The seats send their mail on to this server too (credentials from a file only: sshd
        // passes no environment to the seat).
        if mail.smtp != nil, mail.smtpCredentials == nil, try SMTPCredentials.fromEnvironment() != nil {
            throw CommandFailure("a seat cannot read \(SMTPCredentials.userVariable) from your environment: use --smtp-credentials FILE")
        }
        _ = try mail.settings.resolved()
        var smtp = ""
        if let url = mail.smtp { smtp += " --smtp \(Self.quoted(url))" }
        if let file = mail.smtpCredentials { smtp += " --smtp-credentials \(Self.quoted(URL(fileURLWithPath: file).standardizedFileURL.path))" }
        if let file = mail.smtpCA { smtp += " --smtp-ca \(Self.quoted(URL(fileURLWithPath: file).standardizedFileURL.path))" }
        let (training, folder) = try ClassCommand.load(name, store.settings)
        let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path
        let account = try user ?? Self.owner(of: store.settings.location.directory)
        // The block replaces the account's authorized keys: never root's by default.
        if user == nil, account == "root" {
            throw CommandFailure("\(store.settings.location.directory.path) belongs to root: the block would make root's SSH keys the class's; make an account for the class (README, \"Running a class\") or name one with --user")
        }
        var lines: [String] = []
        for seat in training.seats {
            let key = folder.seatKey(seat)
            if !FileManager.default.fileExists(atPath: key.path) { try Self.makeKey(key, comment: "ccass \(name) seat \(seat)") }
            guard let bytes = try PrivateFiles.read(key.appendingPathExtension("pub")),
                  case let publicKey = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines), !publicKey.isEmpty else {
                throw CommandFailure("\(key.path).pub is missing or empty: remove \(key.path) and run sshd-config again")
            }
            let command = "\(Self.quoted(executable)) --data-dir \(Self.quoted(store.settings.location.directory.path)) --seat \(name)/\(seat)\(smtp)"
            lines.append("restrict,pty,command=\"\(command)\" \(publicKey)")
        }
        try PrivateFiles.replace(folder.authorizedKeys, with: lines.joined(separator: "\n") + "\n")
        try StandardStream.output.line("""
        # ccass-terminal class \(name): \(TrainingClass.seatCount(training.trainees)), trainees connect as \(account).
        # Save as /etc/ssh/sshd_config.d/ccass-\(name).conf and reload sshd (systemctl reload ssh).
        # Seat K connects with its key: ssh -i \(folder.root.path)/seat-KK/id_ed25519 \(account)@THIS-HOST
        # Each key may only start its seat (\(folder.authorizedKeys.path)).
        Match User \(account)
            AuthorizedKeysFile \(folder.authorizedKeys.path)
            AuthenticationMethods publickey
            PasswordAuthentication no
            KbdInteractiveAuthentication no
            PermitTTY yes
            DisableForwarding yes
            PermitTunnel no
            PermitUserRC no
        """)
    }

    /// A word for the shell sshd runs the command with, inside the option's double quotes.
    static func quoted(_ path: String) -> String {
        "'" + path.replacingOccurrences(of: "'", with: "'\\''").replacingOccurrences(of: "\"", with: "\\\"") + "'"
    }

    static func owner(of directory: URL) throws -> String {
        guard let name = try? FileManager.default.attributesOfItem(atPath: directory.path)[.ownerAccountName] as? String else {
            throw CommandFailure("cannot tell who owns \(directory.path); name the account with --user")
        }
        return name
    }

    /// An Ed25519 key pair without a passphrase, by OpenSSH's ssh-keygen.
    static func makeKey(_ key: URL, comment: String) throws {
        guard let keygen = ["/usr/bin/ssh-keygen", "/bin/ssh-keygen"].first(where: FileManager.default.isExecutableFile(atPath:)) else {
            throw CommandFailure("ssh-keygen is not installed (apt install openssh-client)")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: keygen)
        process.arguments = ["-q", "-t", "ed25519", "-N", "", "-C", comment, "-f", key.path]
        // ssh-keygen makes the public half 0644; it lives in the seat's private folder and is
        // made private too, so nothing in the data folder is open to others.
        defer { chmod(key.path + ".pub", 0o600) }
        process.standardOutput = FileHandle.nullDevice
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let why = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            throw CommandFailure("ssh-keygen could not make \(key.path): \(why)")
        }
    }
}
