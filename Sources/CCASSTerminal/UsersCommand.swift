import ArgumentParser
import AuthEngine
import Foundation
import SafeIO

/// `ccass-terminal users`: every account with its state.
struct UsersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "users",
        abstract: "List the accounts in the store and their state."
    )

    @OptionGroup var store: StoreOptions

    func run() throws {
        let engine = try store.settings.engine(create: false)
        let accounts = try engine.accounts()
        let now = engine.clock.now()
        var table = TextTable(header: ["USER ID", "PARTICIPANT", "ROLE", "EMAIL", "STATE", "FLAGS", "PASSWORD EXPIRES"])
        for account in accounts {
            var flags: [String] = []
            let expiry = engine.passwordExpiry(of: account)
            if let expiry, expiry <= now { flags.append("password expired") }
            if account.hasSmartcard { flags.append("smartcard") }
            table.rows.append([
                account.userID, account.participantKey, account.roleDescription, account.email ?? "-",
                account.stateWithFlags, flags.isEmpty ? "-" : flags.joined(separator: ","),
                expiry.map(HongKongTime.formatDay) ?? "-",
            ])
        }
        if accounts.isEmpty {
            try StandardStream.output.line("No accounts in \(store.settings.location.directory.path). Run `ccass-terminal demo` to create the demo data.")
        } else {
            try StandardStream.output.line(table.render())
            try StandardStream.output.line("\n\(accounts.count) accounts, policy \(engine.policy.name)")
        }
    }
}
