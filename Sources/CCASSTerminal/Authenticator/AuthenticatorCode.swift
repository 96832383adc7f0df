import ArgumentParser
import Authenticator
import SafeIO

/// `authenticator code ACCOUNT`: one code, for scripts.
struct AuthenticatorCode: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "code", abstract: "Print the current code of one account, for scripts.")
    @OptionGroup var store: StoreOptions
    @OptionGroup var seat: SeatOption
    @Argument(help: "The account: its label (HKEX:B0123401) or account name (B0123401).") var account: String

    var settings: Settings { Settings(store: store.settings, seat: seat.selection, account: account) }

    func run() throws { try settings.run() }

    /// The command's values, which the start-up fast path (FastStart) builds without argument-parser.
    struct Settings: Equatable, Sendable {
        var store: StoreSettings
        var seat: SeatSelection
        var account: String

        func run() throws {
            // A TOTP code changes nothing on the phone; an HOTP code moves the counter on.
            let shown = try Phone.code(for: account, directory: try seat.phoneDirectory(store), at: try store.clockNow())
            try StandardStream.output.line(shown.code)
        }
    }
}
