import ArgumentParser

/// `hkex da`: the eService DA3 request types.
struct HKEXDACommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "da",
        abstract: "eService DA3: add a DA, register its email, Unlock DA Account, enable, disable, delete, or assign the DA role.",
        discussion: "HKEX processes Add, Unlock, Enable, Disable and Delete from 12 June 2023 (the clock's date). A DA is notified by email when its request is completed.",
        subcommands: [HKEXDAAdd.self, HKEXDAEmail.self, HKEXDAUnlock.self, HKEXDAEnable.self, HKEXDADisable.self, HKEXDADelete.self, HKEXDARole.self])
}
