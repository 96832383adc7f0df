import ArgumentParser
import AuthEngine
import Authenticator
import Foundation
import SafeIO

/// `class create NAME --trainees N`
struct ClassCreate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create",
        abstract: "Make a class of N seats: the accounts of each seat, its phone and Maildirs, and the roster (roster.csv, roster.txt)."
    )

    @Argument(help: "The class name: 1-24 lower-case letters, digits and hyphens, starting with a letter.") var name: String
    @Option(help: ArgumentHelp("How many trainees (1 to \(TrainingClass.maxTrainees)).", valueName: "n")) var trainees: Int
    @OptionGroup var settings: ClassSettingsOptions
    @OptionGroup var store: StoreOptions

    func validate() throws {
        do {
            try TrainingClass.validate(name: name)
            try TrainingClass.validate(trainees: trainees)
        } catch {
            throw CommandFailure("\(error)")
        }
    }

    func run() throws {
        let engine = try store.settings.engine()
        let training: TrainingClass
        do {
            training = try ClassSetup.create(name: name, trainees: trainees, engine: engine, dataDirectory: store.settings.location.directory,
                                             configure: { settings.apply(to: &$0, policy: store.settings.policy) })
        } catch let failure as ClassFolder.Failure {
            throw CommandFailure(failure.description)
        }
        let folder = ClassFolder(dataDirectory: store.settings.location.directory, name: name)
        // Each seat's key pair now: a class made later needs no change to sshd.
        try SeatKeys.makeMissing(training, folder: folder)
        try StandardStream.output.line(ClassSetup.rosterTable(training, folder: folder))
        try StandardStream.output.line("Roster: \(folder.rosterCSV.path) and \(folder.rosterTable.path)")
        try StandardStream.output.line("A seat's terminal: ccass-terminal --data-dir \(store.settings.location.directory.path) --seat \(name)/K")
        try StandardStream.output.line("Over SSH: the block of ccass-terminal class sshd-config, once for every class (README, \"Running a class\")")
    }
}
