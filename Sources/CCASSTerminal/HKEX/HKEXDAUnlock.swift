import ArgumentParser

/// `hkex da unlock`
struct HKEXDAUnlock: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "unlock",
        abstract: "Unlock DA Account (Appendix D c): with the DA's registered email; the next logon sets up password and OTP channel again.")
    @OptionGroup var store: StoreOptions
    @Argument(help: "The DA's user ID.") var userID: String
    @Option(help: "The DA's registered email address, as the request gives it.") var email: String

    func run() throws { try HKEXCommand.process(.unlockDA(userID: userID, registeredEmail: email), store.settings) }
}
