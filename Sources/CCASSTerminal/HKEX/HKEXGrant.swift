import ArgumentParser
import AuthEngine

/// `hkex grant`
struct HKEXGrant: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "grant", abstract: "eService DA4: grant additional user accounts (one-off fee HKD 250 each).")
    @OptionGroup var store: StoreOptions
    @Argument(help: "CLEARING-HOUSE:ID") var participant: String
    @Argument(help: "How many additional user accounts.") var accounts: Int

    func run() throws {
        let (house, id) = try HKEXCommand.participantKey(participant)
        try HKEXCommand.process(.additionalAccounts(house, participantID: id, count: accounts), store.settings)
    }
}
