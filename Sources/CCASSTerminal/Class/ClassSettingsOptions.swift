import ArgumentParser
import AuthEngine

/// `--hours` and `--console` of `class create` and `class set` (with `--policy`, which every
/// command that opens the store has): the class's own settings, which its seats read from the class.
struct ClassSettingsOptions: ParsableArguments {
    @Option(help: ArgumentHelp("When the seats are open: real (the CCASS operating hours and Hong Kong holidays, on the class's clock) or always (any hour: a class on a Saturday, in the evening, or from another time zone).", valueName: "real|always"))
    var hours: TrainingClass.Hours?

    @Option(help: ArgumentHelp("What a seat opens when the trainee's SSH command does not say: terminal or dms.", valueName: "terminal|dms"))
    var console: ServiceHours.Service?

    /// Writes the settings given into the class; the others stay as they are. The class's
    /// password policy is the commands' `--policy` (StoreOptions'), checked there.
    func apply(to training: inout TrainingClass, policy: String?) {
        if let hours { training.hoursSetting = hours }
        if let policy { training.policySetting = policy }
        if let console { training.consoleSetting = console }
    }
}

extension TrainingClass.Hours: ExpressibleByArgument {}
extension ServiceHours.Service: ExpressibleByArgument {}
