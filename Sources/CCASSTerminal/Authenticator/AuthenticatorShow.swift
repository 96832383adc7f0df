import ArgumentParser
import Authenticator
import Foundation
import TerminalApp

/// `authenticator` (show): every account with its code; live on a terminal.
struct AuthenticatorShow: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show every account with its code and countdown, live on a terminal.")
    @OptionGroup var store: StoreOptions
    @OptionGroup var seat: SeatOption

    func run() throws {
        let directory = try seat.phoneDirectory(store)
        let clock = try store.clockSource()
        guard ProgramTerminal.isInteractive else {
            var phone = try Phone.load(directory: directory)
            let rows = try PhoneRows.all(&phone, at: clock.now())
            try phone.save()
            if rows.isEmpty { print("No accounts on the phone.") }
            for row in rows { print("\(row.label)  \(row.code)\(row.secondsLeft.map { "  (\($0) s left)" } ?? "")") }
            return
        }
        let queue = DispatchQueue(label: "ccass-terminal.phone")
        _ = ProgramTerminal.run(PhoneModel(now: clock.now()), clock: { clock.now() }) { command, post in
            queue.async { post(PhoneModel.perform(command, directory: directory)) }
        }
    }
}
