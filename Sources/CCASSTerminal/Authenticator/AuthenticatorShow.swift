import ArgumentParser
import Authenticator
import Foundation
import SafeIO
import TerminalApp

/// `authenticator` (show): every account with its code; live on a terminal.
struct AuthenticatorShow: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show every account with its code and countdown, live on a terminal.")
    @OptionGroup var store: StoreOptions
    @OptionGroup var seat: SeatOption

    func run() throws {
        let directory = try seat.selection.phoneDirectory(store.settings)
        let clock = try store.settings.clockSource()
        guard ProgramTerminal.isInteractive else {
            // Showing writes nothing unless an HOTP code was shown (its counter moves, as
            // pressing the app's button does): under the phone's lock, so an enrolment made
            // meanwhile by another process is kept.
            var phone = try Phone.load(directory: directory)
            let hotp = phone.entries.contains { (try? $0.parsed.kind) == .hotp }
            let rows = hotp ? try Phone.update(directory: directory) { try PhoneRows.all(&$0, at: clock.now()) } : try PhoneRows.all(&phone, at: clock.now())
            var text = rows.isEmpty ? "No accounts on the phone.\n" : ""
            for row in rows { text += "\(row.label.safe())  \(row.code)\(row.secondsLeft.map { "  (\($0) s left)" } ?? "")\n" }
            try StandardStream.output.write(text)
            return
        }
        let queue = DispatchQueue(label: "ccass-terminal.phone")
        _ = ProgramTerminal.run(PhoneModel(now: clock.now()), clock: { clock.now() }) { command, post in
            queue.async { post(PhoneModel.perform(command, directory: directory)) }
        }
    }
}
