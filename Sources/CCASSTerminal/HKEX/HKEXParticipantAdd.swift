import ArgumentParser
import AuthEngine
import SafeIO

/// `hkex participant add`
struct HKEXParticipantAdd: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "add", abstract: "Create a participant of a clearing house.")
    @OptionGroup var store: StoreOptions
    @Argument(help: "CLEARING-HOUSE:ID, e.g. HKSCC-CP:B05678, HKSCC-DB:BNK123, HKCC:XYZ, SEOCH:XYZ") var participant: String
    @Option(help: "The participant's name.") var name: String
    @Option(help: "MAX. NO. OF USERS.") var maxUsers: Int

    func run() throws {
        let (house, id) = try HKEXCommand.participantKey(participant)
        try store.settings.engine().createParticipant(Participant(clearingHouse: house, participantID: id, name: name, maxUsers: maxUsers),
                                             by: HKEXCommand.actor)
        try StandardStream.output.line("Created \(house.rawValue):\(id) (\(house.title)), MAX. NO. OF USERS \(maxUsers)")
    }
}
