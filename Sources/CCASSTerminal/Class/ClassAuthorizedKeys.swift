import ArgumentParser
import AuthEngine
import Authenticator
import Foundation
import SafeIO

/// `class authorized-keys USER`: what sshd's AuthorizedKeysCommand runs at each connection.
struct ClassAuthorizedKeys: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "authorized-keys",
        abstract: "For sshd (AuthorizedKeysCommand): the key line of every seat of every class, each allowed only its seat.",
        discussion: """
        Prints nothing for any account but the owner of the data directory, and nothing at all (exit status 1) when \
        anything cannot be read: sshd then lets no key in. `class sshd-config` writes the line that runs it.
        """
    )

    @Argument(help: "The account sshd is authenticating (sshd's %u).") var user: String
    @OptionGroup var store: StoreOptions
    @OptionGroup var mail: SMTPOptions

    func validate() throws { try ClassSSHDConfig.refuseClassSettings(store) }

    func run() throws {
        let directory = store.settings.location.directory
        // Keys only for the classes' account: sshd asks for whoever tries to log on.
        guard try ClassSSHDConfig.owner(of: directory) == user else { return }
        let smtp = mail.settings.arguments.map { " " + SeatKeys.quoted($0) }.joined()
        var lines: [String] = []
        for name in try Self.classNames(directory) {
            let folder = ClassFolder(dataDirectory: directory, name: name)
            let training = try folder.load()
            for seat in training.seats {
                guard let key = try SeatKeys.publicKey(folder, seat: seat) else { continue }
                lines.append(SeatKeys.authorizedLine(executable: Self.executable, dataDirectory: directory,
                                                     seat: SeatReference(name: name, seat: seat), smtp: smtp, publicKey: key))
            }
        }
        // All or nothing: written once everything is read.
        if !lines.isEmpty { try StandardStream.output.write(lines.joined(separator: "\n") + "\n") }
    }

    /// This program, as sshd must name it (an absolute path, links resolved).
    static var executable: String { URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path }

    /// The names of the classes of a data directory; an entry that is not a class is an error
    /// (fail closed), a missing `classes` folder is none.
    static func classNames(_ directory: URL) throws -> [String] {
        let root = directory.appendingPathComponent(ClassFolder.directoryName)
        guard FileManager.default.fileExists(atPath: root.path) else { return [] }
        let names = try FileManager.default.contentsOfDirectory(atPath: root.path).filter { !$0.hasPrefix(".") }
        return names.sorted()
    }
}
