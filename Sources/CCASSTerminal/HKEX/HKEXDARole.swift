import ArgumentParser

/// `hkex da role`
struct HKEXDARole: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "role", abstract: "Assign the DA role (maker, checker, both, or neither) to an existing profile (s5.1).")
    @OptionGroup var store: StoreOptions
    @Argument(help: "The profile's user ID.") var userID: String
    @Flag(help: "DA maker.") var maker = false
    @Flag(help: "DA checker.") var checker = false

    func run() throws { try HKEXCommand.process(.assignDARole(userID: userID, maker: maker, checker: checker), store.settings) }
}
