import ArgumentParser
import AuthEngine
import Authenticator
import SafeIO

/// `class reset NAME [--seat K]`
struct ClassReset: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reset",
        abstract: "Put every seat of a class, or one, back to its starting state (accounts, phone, Maildirs, progress)."
    )

    @Argument(help: "The class name.") var name: String
    @Option(help: ArgumentHelp("Only this seat.", valueName: "k")) var seat: Int?
    @OptionGroup var store: StoreOptions

    func run() throws {
        let (training, folder) = try ClassCommand.load(name, store.settings)
        let seats = seat.map { [$0] } ?? Array(training.seats)
        do {
            if let seat { try training.validate(seat: seat) }
        } catch {
            throw CommandFailure("\(error)")
        }
        _ = try ClassSetup.reset(training, seats: seats, engine: try store.settings.engine(), folder: folder)
        try StandardStream.output.line(seat.map { "Seat \($0) of class \(name) is back to its starting state." } ?? "Every seat of class \(name) is back to its starting state.")
    }
}
