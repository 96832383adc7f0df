import ArgumentParser
import AuthEngine

/// `hkex da add`
struct HKEXDAAdd: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "add", abstract: "Add a DA; HKEX assigns the user ID in the participant's DA format.")
    @OptionGroup var store: StoreOptions
    @Argument(help: "CLEARING-HOUSE:ID") var participant: String
    @Option(help: "The DA's registered email address.") var email: String
    @Option(help: "A particular DA user ID (default: the first free one).") var userID: String?
    @Flag(help: "DA maker.") var maker = false
    @Flag(help: "DA checker.") var checker = false

    func validate() throws {
        if !maker && !checker { throw CommandFailure("a DA is a maker, a checker or both: give --maker and/or --checker") }
    }

    func run() throws {
        let (house, id) = try HKEXCommand.participantKey(participant)
        try HKEXCommand.process(.addDA(house, participantID: id, userID: userID, email: email, maker: maker, checker: checker), store.settings)
    }
}
