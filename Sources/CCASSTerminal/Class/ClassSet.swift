import ArgumentParser
import AuthEngine
import Authenticator
import SafeIO

/// `class set NAME [--hours] [--policy] [--console]`
struct ClassSet: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "set",
        abstract: "Change a class's settings (hours, password policy, console); seats opened from then on use them.",
        discussion: "Without options, prints the class's settings."
    )

    @Argument(help: "The class name.") var name: String
    @OptionGroup var settings: ClassSettingsOptions
    @OptionGroup var store: StoreOptions

    func run() throws {
        let (_, folder) = try ClassCommand.load(name, store.settings)
        let training: TrainingClass
        do {
            training = try ClassSetup.update(folder) { settings.apply(to: &$0, policy: store.settings.policy) }
        } catch let failure as ClassFolder.Failure {
            throw CommandFailure(failure.description)
        }
        try StandardStream.output.line("Class \(name): \(training.settingsSummary).")
    }
}
