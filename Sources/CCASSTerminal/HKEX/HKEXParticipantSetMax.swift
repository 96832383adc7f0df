import ArgumentParser
import AuthEngine
import SafeIO

/// `hkex participant set-max`
struct HKEXParticipantSetMax: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "set-max", abstract: "Set MAX. NO. OF USERS (never below the accounts in use).")
    @OptionGroup var store: StoreOptions
    @Argument var participant: String
    @Argument var maxUsers: Int

    func run() throws {
        let (house, id) = try HKEXCommand.participantKey(participant)
        try store.settings.engine().setMaxUsers(clearingHouse: house, participantID: id, maxUsers: maxUsers, by: HKEXCommand.actor)
        try StandardStream.output.line("\(participant): MAX. NO. OF USERS \(maxUsers)")
    }
}
