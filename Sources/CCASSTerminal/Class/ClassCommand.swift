import ArgumentParser
import AuthEngine
import Authenticator
import Foundation

/// `ccass-terminal class ...`: a hands-on class on one host, each trainee at a seat of their own.
struct ClassCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "class",
        abstract: "A hands-on class: seats with their own accounts, phone and inbox, served over SSH, and the trainer's dashboard.",
        discussion: """
        A class lives beside the store (classes/NAME): one participant per seat with a first-logon user, an app user, an \
        email user, a locked user, a DA maker and two DA checkers. A trainee's terminal is `ccass-terminal --seat NAME/K`; \
        `class sshd-config` (once, for every class) connects each SSH key to its seat and to nothing else.
        """,
        subcommands: [ClassCreate.self, ClassSet.self, ClassDelete.self, ClassReset.self, ClassStatus.self, ClassClock.self, ClassSSHDConfig.self,
                      ClassAuthorizedKeys.self, ClassLogins.self, ClassSeatLogin.self, ClassCards.self]
    )

    /// The class NAME of the store, with its folder.
    static func load(_ name: String, _ store: StoreSettings) throws -> (TrainingClass, ClassFolder) {
        let folder = ClassFolder(dataDirectory: store.location.directory, name: name)
        do {
            return (try folder.load(), folder)
        } catch {
            throw CommandFailure("\(error)")
        }
    }

    /// The class of a seat, with its folder; a seat the class does not have is one line.
    static func load(seat reference: SeatReference, _ store: StoreSettings) throws -> (TrainingClass, ClassFolder) {
        let (training, folder) = try load(reference.name, store)
        do {
            try training.validate(seat: reference.seat)
        } catch {
            throw CommandFailure("\(error)")
        }
        return (training, folder)
    }
}

/// `--seat NAME/K`, as the terminal and the SSH configuration write it.
struct SeatReference: Equatable {
    var name: String
    var seat: Int

    init(name: String, seat: Int) {
        self.name = name
        self.seat = seat
    }

    init(parsing text: String) throws {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 2, let seat = Int(parts[1]), seat > 0 else {
            throw CommandFailure("--seat \"\(text)\" is not CLASS/SEAT, e.g. monday/7")
        }
        name = parts[0]
        self.seat = seat
    }

    var description: String { "\(name)/\(seat)" }
}
