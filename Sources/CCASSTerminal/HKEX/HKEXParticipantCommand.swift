import ArgumentParser

/// `hkex participant`: create, list and size participants.
struct HKEXParticipantCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "participant", abstract: "Create, list and size participants.",
                                                    subcommands: [HKEXParticipantAdd.self, HKEXParticipantList.self, HKEXParticipantSetMax.self],
                                                    defaultSubcommand: HKEXParticipantList.self)
}
