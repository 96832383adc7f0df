import ArgumentParser
import AuthEngine
import Authenticator
import Foundation
import SafeIO

/// `class sshd-config [--user USER]`: the one sshd block for every class of the store.
struct ClassSSHDConfig: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sshd-config",
        abstract: "Print the OpenSSH configuration that connects each seat's key to its seat and to nothing else, for every class, once.",
        discussion: """
        sshd asks `class authorized-keys` for the keys of USER at each connection: every seat of every class of the store, \
        each key allowed only `ccass-terminal --seat NAME/K` on a terminal (no shell, no forwarding). Classes made, reset \
        or deleted later need no edit and no reload. The block goes in /etc/ssh/sshd_config.d/; USER is an account kept \
        for the classes, which owns the data directory (never your own). Makes the key pairs of classes made before keys \
        came with them.
        """
    )

    @Option(help: ArgumentHelp("The Unix account trainees connect as (default: the owner of the data directory).", valueName: "user"))
    var user: String?
    @OptionGroup var store: StoreOptions
    @OptionGroup var mail: SMTPOptions

    func validate() throws { try Self.refuseClassSettings(store) }

    /// A class's policy and clock belong to the class: given to the commands that serve every
    /// class, they would be accepted and do nothing.
    static func refuseClassSettings(_ store: StoreOptions) throws {
        if store.policy != nil { throw CommandFailure("--policy is a class's setting: class create NAME --policy, or class set NAME --policy") }
        if store.clock != nil { throw CommandFailure("--clock is the classes' clock: class clock NAME --set") }
    }

    func run() throws {
        // The seats send their mail on to this server too (credentials from a file only: sshd
        // passes no environment to the seat).
        if mail.smtp != nil, mail.smtpCredentials == nil, try SMTPCredentials.fromEnvironment() != nil {
            throw CommandFailure("a seat cannot read \(SMTPCredentials.userVariable) from your environment: use --smtp-credentials FILE")
        }
        _ = try mail.settings.resolved()
        let directory = store.settings.location.directory
        let account = try user ?? Self.owner(of: directory)
        // The block hands the account's logons to the classes: never root's by default.
        if user == nil, account == "root" {
            throw CommandFailure("\(directory.path) belongs to root: the block would make root's SSH logons the classes'; make an account for the classes (README, \"Running a class\") or name one with --user")
        }
        for name in try ClassAuthorizedKeys.classNames(directory) {
            let folder = ClassFolder(dataDirectory: directory, name: name)
            let training = try ClassCommand.load(name, store.settings).0
            try SeatKeys.makeMissing(training, folder: folder)
            // The per-class key files of before are not read any more.
            try? PrivateFiles.remove(folder.authorizedKeys)
        }
        let command = try ([ClassAuthorizedKeys.executable, "class", "authorized-keys", "--data-dir", directory.path] + mail.settings.arguments)
            .map { try Self.word($0) }.joined(separator: " ") + " %u"
        try StandardStream.output.line("""
        # ccass-terminal: every class of \(directory.path), trainees connecting as \(account).
        # Save once as /etc/ssh/sshd_config.d/ccass-terminal.conf (remove any ccass-NAME.conf of
        # before) and reload sshd (systemctl reload ssh). Classes made, reset or deleted later need no
        # edit: sshd asks the program for the seats' keys at each connection.
        # Seat K of class NAME connects with its key: ssh -i \(directory.path)/classes/NAME/seat-KK/id_ed25519 \(account)@THIS-HOST
        Match User \(account)
            AuthorizedKeysFile none
            AuthorizedKeysCommand \(command)
            AuthorizedKeysCommandUser \(account)
            AuthenticationMethods publickey
            PasswordAuthentication no
            KbdInteractiveAuthentication no
            PermitTTY yes
            DisableForwarding yes
            PermitTunnel no
            PermitUserRC no
        """)
    }

    /// A word of sshd's command line: `%` doubled (sshd expands `%u`), in double quotes when
    /// it has a blank; a double quote cannot be written there and is refused.
    static func word(_ text: String) throws -> String {
        guard !text.contains("\""), !text.contains("\n") else { throw CommandFailure("\(text) cannot be written in sshd's configuration (a quote or a new line)") }
        let escaped = text.replacingOccurrences(of: "%", with: "%%")
        return escaped.contains(where: { $0 == " " || $0 == "\t" }) ? "\"\(escaped)\"" : escaped
    }

    static func owner(of directory: URL) throws -> String {
        guard let name = try? FileManager.default.attributesOfItem(atPath: directory.path)[.ownerAccountName] as? String else {
            throw CommandFailure("cannot tell who owns \(directory.path); name the account with --user")
        }
        return name
    }
}

extension SMTPSettings {
    /// The options that give these settings on a command line (a seat's, written by the trainer's tools).
    var arguments: [String] {
        var words: [String] = []
        if let smtp { words += ["--smtp", smtp] }
        if let file = smtpCredentials { words += ["--smtp-credentials", URL(fileURLWithPath: file).standardizedFileURL.path] }
        if let file = smtpCA { words += ["--smtp-ca", URL(fileURLWithPath: file).standardizedFileURL.path] }
        return words
    }
}
