import ArgumentParser
import AuthEngine
import Authenticator
import SafeIO

/// `class delete NAME`
struct ClassDelete: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete",
        abstract: "Remove a class: its accounts and participants from the store, its folder (phones, Maildirs, keys, roster)."
    )

    @Argument(help: "The class name.") var name: String
    @OptionGroup var store: StoreOptions

    func run() throws {
        let (training, folder) = try ClassCommand.load(name, store.settings)
        try ClassSetup.delete(training, engine: try store.settings.engine(), folder: folder)
        try StandardStream.output.line("Class \(name) deleted: \(TrainingClass.seatCount(training.trainees)), participants T\(String(format: "%03d", training.number))01-\(String(format: "%02d", training.trainees)).")
    }
}
