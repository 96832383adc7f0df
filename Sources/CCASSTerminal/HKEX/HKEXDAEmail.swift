import ArgumentParser

/// `hkex da email`
struct HKEXDAEmail: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "email", abstract: "Register or change a DA's email address (s3.1).")
    @OptionGroup var store: StoreOptions
    @Argument(help: "The DA's user ID.") var userID: String
    @Argument(help: "The email address to register.") var email: String

    func run() throws { try HKEXCommand.process(.registerDAEmail(userID: userID, email: email), store.settings) }
}
