import Authenticator
import AuthEngine
import Foundation
import SafeIO

/// Each seat's SSH key pair (`seat-KK/id_ed25519`, for the trainee), made by OpenSSH's
/// ssh-keygen when the class is made, and the `authorized_keys` line that lets it start that
/// seat and nothing else.
enum SeatKeys {
    /// Makes the key pairs a class does not have yet (a class made before keys came with it).
    static func makeMissing(_ training: TrainingClass, folder: ClassFolder) throws {
        for seat in training.seats where !FileManager.default.fileExists(atPath: folder.seatKey(seat).path) {
            try make(folder.seatKey(seat), comment: "ccass \(training.name) seat \(seat)")
        }
    }

    /// The public half of a seat's key, one line; nil when the seat has none.
    static func publicKey(_ folder: ClassFolder, seat: Int) throws -> String? {
        guard let bytes = try PrivateFiles.read(folder.seatKey(seat).appendingPathExtension("pub")) else { return nil }
        let line = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        // One line of base64 and a comment of ours: anything else is not a key this wrote.
        guard !line.isEmpty, !line.contains("\n"), line.hasPrefix("ssh-ed25519 ") else { return nil }
        return line
    }

    /// The line sshd reads for a seat's key: no shell, no forwarding, a terminal, that seat only.
    static func authorizedLine(executable: String, dataDirectory: URL, seat reference: SeatReference, smtp: String, publicKey: String) -> String {
        let command = "\(quoted(executable)) --data-dir \(quoted(dataDirectory.path)) --seat \(reference.description)\(smtp)"
        return "restrict,pty,command=\"\(command)\" \(publicKey)"
    }

    /// A word for the shell sshd runs the command with, inside the option's double quotes.
    static func quoted(_ path: String) -> String {
        "'" + path.replacingOccurrences(of: "'", with: "'\\''").replacingOccurrences(of: "\"", with: "\\\"") + "'"
    }

    /// An Ed25519 key pair without a passphrase, by OpenSSH's ssh-keygen.
    static func make(_ key: URL, comment: String) throws {
        let keygen = try ExternalTool.locate(["/usr/bin/ssh-keygen", "/bin/ssh-keygen"],
                                             install: "ssh-keygen is not installed (apt install openssh-client)")
        // ssh-keygen makes the public half 0644; it lives in the seat's private folder and is
        // made private too, so nothing in the data folder is open to others.
        defer { chmod(key.path + ".pub", 0o600) }
        try ExternalTool.run(keygen, ["-q", "-t", "ed25519", "-N", "", "-C", comment, "-f", key.path])
    }
}
