import ArgumentParser
import AuthEngine
import Foundation
import TerminalApp
import TerminalView

/// `class status NAME [--once | --csv]`
struct ClassStatus: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "The trainer's dashboard: one row per seat, one column per exercise, with the time each was first done.",
        discussion: "Live and full-screen on a terminal (q quits); --once prints it as text, --csv as CSV. Read from the audit log since each seat was last set up."
    )

    @Argument(help: "The class name.") var name: String
    @Flag(help: "Print the table once, as text.") var once = false
    @Flag(help: "Print the table once, as CSV.") var csv = false
    @OptionGroup var store: StoreOptions

    func validate() throws {
        if once, csv { throw CommandFailure("choose one of --once and --csv") }
    }

    func run() throws {
        let (training, folder) = try ClassCommand.load(name, store)
        let engine = try store.engine()
        if once || csv || !ProgramTerminal.isInteractive {
            let seats = try training.progress(in: engine)
            if csv {
                print(DashboardView.csv(seats), terminator: "")
            } else {
                print("Class \(name), \(HongKongTime.format(engine.clock.now()))")
                print(DashboardView.header())
                for seat in seats { print(DashboardView.row(seat)) }
                print(DashboardView.totals(seats))
            }
            return
        }
        let queue = DispatchQueue(label: "ccass-terminal.dashboard")
        _ = ProgramTerminal.run(DashboardModel(name: name, now: engine.clock.now()), clock: { Date() }) { _, post in
            queue.async { post(DashboardModel.perform(folder, engine: engine)) }
        }
    }
}
