import ArgumentParser
import AuthEngine
import Authenticator
import Foundation

/// `--seat NAME/K` on `authenticator` and `mailbox`: the trainer looks at one trainee's phone
/// or inbox (on the store's clock) instead of the store's own.
struct SeatOption: ParsableArguments {
    @Option(help: ArgumentHelp("A class seat's phone and inbox instead of the store's (a trainer helping a trainee).", valueName: "class/seat"))
    var seat: String?

    var selection: SeatSelection { SeatSelection(seat: seat) }

    func validate() throws { try selection.check() }
}

/// Whose phone and inbox: a seat's, or the store's own (no seat): the value of `SeatOption`.
struct SeatSelection: Equatable, Sendable {
    var seat: String?

    func check() throws {
        if let seat { _ = try SeatReference(parsing: seat) }
    }

    /// Where the phone file is.
    func phoneDirectory(_ store: StoreSettings) throws -> URL {
        guard let (folder, seat) = try resolved(store) else { return store.location.directory }
        return folder.seatDirectory(seat)
    }

    /// The root of the Maildirs.
    func mailRoot(_ store: StoreSettings) throws -> URL {
        guard let (folder, seat) = try resolved(store) else { return store.location.mailURL }
        return folder.seatMail(seat)
    }

    private func resolved(_ store: StoreSettings) throws -> (ClassFolder, Int)? {
        guard let seat else { return nil }
        let reference = try SeatReference(parsing: seat)
        return (try ClassCommand.load(seat: reference, store).1, reference.seat)
    }
}
