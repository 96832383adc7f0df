import ArgumentParser

/// `hkex da disable`
struct HKEXDADisable: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "disable", abstract: "Disable a DA.")
    @OptionGroup var store: StoreOptions
    @Argument(help: "The DA's user ID.") var userID: String

    func run() throws { try HKEXCommand.process(.disableDA(userID: userID), store.settings) }
}
