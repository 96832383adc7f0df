import ArgumentParser

/// `hkex da enable`
struct HKEXDAEnable: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "enable", abstract: "Enable a DA.")
    @OptionGroup var store: StoreOptions
    @Argument(help: "The DA's user ID.") var userID: String

    func run() throws { try HKEXCommand.process(.enableDA(userID: userID), store.settings) }
}
