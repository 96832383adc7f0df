import ArgumentParser
import AuthEngine
import Authenticator
import CursesTerminal
import Foundation
import TerminalCore
import TerminalView

/// `ccass-terminal authenticator`: the trainer's virtual phone.
struct AuthenticatorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "authenticator",
        abstract: "The virtual authenticator app (\"the phone\"): enrol otpauth URIs and show their codes.",
        discussion: "The phone keeps its accounts in phone.json in the data directory (mode 0600), apart from the store: it knows only what the URIs told it.",
        subcommands: [Show.self, Add.self, Code.self],
        defaultSubcommand: Show.self
    )

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Enrol an otpauth:// URI (totp or hotp; SHA1, SHA256 or SHA512; 6 or 8 digits).")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The otpauth URI, as a QR code holds it.") var uri: String

        func run() throws {
            reportingErrors {
                var phone = try Phone.load(directory: store.location.directory)
                let parsed: OTPAuthURI
                do {
                    parsed = try phone.add(uri, at: store.clockNow())
                } catch let error as OTPAuthURI.ParseError {
                    fail("invalid otpauth URI: \(error)")
                }
                try phone.save()
                let kind = parsed.kind == .totp ? "TOTP, every \(parsed.period) s" : "HOTP, counter \(parsed.counter)"
                print("Added \(parsed.label) (\(kind), \(parsed.algorithm.rawValue), \(parsed.digits) digits)")
            }
        }
    }

    struct Code: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the current code of one account, for scripts.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The account: its label (HKEX:B0123401) or account name (B0123401).") var account: String

        func run() throws {
            reportingErrors {
                var phone = try Phone.load(directory: store.location.directory)
                let index = try phone.index(of: account)
                let shown = try phone.show(index, at: store.clockNow())
                try phone.save()
                print(shown.code)
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show every account with its code and countdown, live on a terminal.")
        @OptionGroup var store: StoreOptions

        func run() throws {
            let directory = store.location.directory
            let now = { store.clockNow() }
            guard isatty(STDOUT_FILENO) == 1, isatty(STDIN_FILENO) == 1 else {
                reportingErrors {
                    var phone = try Phone.load(directory: directory)
                    let rows = try Self.rows(&phone, at: now())
                    if rows.isEmpty { print("No accounts on the phone.") }
                    for row in rows {
                        print("\(row.label)  \(row.code)\(row.secondsLeft.map { "  (\($0) s left)" } ?? "")")
                    }
                }
                return
            }
            let backend = CursesBackend(noColor: ProcessInfo.processInfo.environment["NO_COLOR"] != nil)
            defer { backend.restore() }
            var drawn: Canvas?
            while backend.takeStopSignal() == nil {
                // Read the file each time: `authenticator add` in another window shows up at once.
                let phone = try? Phone.load(directory: directory)
                let rows = phone.flatMap { try? Self.totpRows($0, at: now()) } ?? []
                let size = backend.size
                let canvas = PhoneView.render(rows, now: now(), columns: size.columns, rows: size.rows)
                if canvas != drawn {
                    backend.draw(canvas)
                    drawn = canvas
                }
                if let event = backend.nextEvent(timeout: 250) {
                    switch event {
                    case .key(.interrupt), .key(.escape), .key(.character("q")): return
                    default: break
                    }
                }
            }
        }

        /// Rows for every account; HOTP accounts use up a counter each, so the live view
        /// (which refreshes) shows them without a code instead.
        static func rows(_ phone: inout Phone, at date: Date) throws -> [PhoneView.Row] {
            var rows: [PhoneView.Row] = []
            for index in phone.entries.indices {
                let uri = try phone.entries[index].parsed
                let shown = try phone.show(index, at: date)
                rows.append(row(uri, code: shown.code, secondsLeft: shown.secondsLeft))
            }
            try phone.save()
            return rows
        }

        static func totpRows(_ phone: Phone, at date: Date) throws -> [PhoneView.Row] {
            try phone.entries.map { entry in
                let uri = try entry.parsed
                guard uri.kind == .totp else { return row(uri, code: String(repeating: "-", count: uri.digits), secondsLeft: nil) }
                return row(uri, code: try uri.generator.totp(secret: uri.secret, at: date), secondsLeft: uri.generator.secondsRemaining(at: date))
            }
        }

        static func row(_ uri: OTPAuthURI, code: String, secondsLeft: Int?) -> PhoneView.Row {
            PhoneView.Row(label: uri.label, code: code, secondsLeft: secondsLeft, period: uri.period,
                          detail: "\(uri.kind.rawValue.uppercased()) \(uri.algorithm.rawValue), \(uri.digits) digits")
        }
    }
}
