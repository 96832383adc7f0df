import ArgumentParser
import AuthEngine
import Foundation
import TerminalApp
import TerminalView
import SafeIO

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
        let (training, folder) = try ClassCommand.load(name, store.settings)
        let engine = try store.settings.engine(create: false)
        if once || csv || !ProgramTerminal.isInteractive {
            let seats = try training.progress(in: engine)
            if csv {
                try StandardStream.output.write(DashboardView.csv(seats))
            } else {
                try StandardStream.output.line("Class \(name), \(HongKongTime.format(engine.clock.now())); \(training.settingsSummary)")
                try StandardStream.output.line(DashboardView.header())
                for seat in seats { try StandardStream.output.line(DashboardView.row(seat)) }
                try StandardStream.output.line(DashboardView.totals(seats))
            }
            return
        }
        let queue = DispatchQueue(label: "ccass-terminal.dashboard")
        _ = ProgramTerminal.run(DashboardModel(name: name, now: engine.clock.now()), clock: { Date() }) { _, post in
            queue.async { post(DashboardModel.perform(folder, engine: engine)) }
        }
    }
}
