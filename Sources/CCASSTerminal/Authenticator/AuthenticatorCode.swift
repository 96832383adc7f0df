import ArgumentParser
import Authenticator

/// `authenticator code ACCOUNT`: one code, for scripts.
struct AuthenticatorCode: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "code", abstract: "Print the current code of one account, for scripts.")
    @OptionGroup var store: StoreOptions
    @OptionGroup var seat: SeatOption
    @Argument(help: "The account: its label (HKEX:B0123401) or account name (B0123401).") var account: String

    func run() throws {
        var phone = try Phone.load(directory: try seat.phoneDirectory(store))
        let index = try phone.index(of: account)
        let shown = try phone.show(index, at: try store.clockNow())
        // A TOTP code changes nothing on the phone; an HOTP code moves the counter on.
        if phone.hasChanges { try phone.save() }
        print(shown.code)
    }
}
