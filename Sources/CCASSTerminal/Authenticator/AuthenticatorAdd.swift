import ArgumentParser
import AuthEngine
import Authenticator
import Foundation
import SafeIO

/// `authenticator add -` (the URI on standard input) or `authenticator add URI`: enrol an
/// account, as scanning a QR code does.
struct AuthenticatorAdd: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Enrol an otpauth:// URI (totp or hotp; SHA1, SHA256 or SHA512; 6 or 8 digits).",
        discussion: "Give - to read the URI from standard input (paste it, or pipe it in): a URI on the command line shows its secret to every user of the host (ps, /proc) and stays in the shell's history."
    )
    @OptionGroup var store: StoreOptions
    @Argument(help: ArgumentHelp("The otpauth URI, as a QR code holds it; - reads it from standard input.", valueName: "uri|-")) var uri: String

    func run() throws {
        let text: String
        if uri == "-" {
            guard let line = Self.readStandardInput() else { throw CommandFailure("no otpauth URI on standard input") }
            text = line
        } else {
            text = uri
            try StandardStream.error.line("Warning: the URI's secret was on the command line, where other users of this host can read it (ps, /proc) and your shell keeps it; next time use `authenticator add -` and paste it.")
        }
        let parsed: OTPAuthURI
        do {
            parsed = try Phone.add(text, directory: store.settings.location.directory, at: try store.settings.clockNow())
        } catch let error as OTPAuthURI.ParseError {
            throw CommandFailure("invalid otpauth URI: \(error)")
        }
        let kind = parsed.kind == .totp ? "TOTP, every \(parsed.period) s" : "HOTP, counter \(parsed.counter)"
        try StandardStream.output.line("Added \(parsed.label.safe()) (\(kind), \(parsed.algorithm.rawValue), \(parsed.digits) digits)")
    }

    /// The first non-empty line of standard input, blanks trimmed (at most 4 KiB: a URI is short).
    static func readStandardInput() -> String? {
        var bytes: [UInt8] = []
        var byte: UInt8 = 0
        while bytes.count < 4096 {
            let count = read(STDIN_FILENO, &byte, 1)
            if count < 0, errno == EINTR { continue }
            guard count == 1 else { break }
            if byte == 10 {
                if bytes.contains(where: { $0 != 32 && $0 != 13 && $0 != 9 }) { break }
                bytes.removeAll()
                continue
            }
            bytes.append(byte)
        }
        let line = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return line.isEmpty ? nil : line
    }
}
