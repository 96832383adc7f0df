import ArgumentParser

/// `hkex da delete`
struct HKEXDADelete: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "delete", abstract: "Delete a DA.")
    @OptionGroup var store: StoreOptions
    @Argument(help: "The DA's user ID.") var userID: String

    func run() throws { try HKEXCommand.process(.deleteDA(userID: userID), store.settings) }
}
