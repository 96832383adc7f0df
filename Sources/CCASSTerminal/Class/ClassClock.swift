import ArgumentParser
import AuthEngine
import Foundation
import TerminalApp
import SafeIO

/// `class clock NAME [--set TIME | --real | --advance 30m]`
struct ClassClock: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clock",
        abstract: "Show or set the class's clock: the store's, which every seat, the dashboard and the trainer's terminal share.",
        discussion: "The trainer's F5-F8 move the same clock. --real goes back to the real time."
    )

    @Argument(help: "The class name.") var name: String
    @Option(help: ArgumentHelp("Set the clock to this moment, e.g. 2023-06-12T09:00+08:00; it runs on from there.", valueName: "time"))
    var set: String?
    @Option(help: ArgumentHelp("Move the clock on, e.g. 90s, 30m, 2h, 90d.", valueName: "interval")) var advance: String?
    @Flag(help: "Run on the real clock again.") var real = false
    @OptionGroup var store: StoreOptions

    func validate() throws {
        if [set != nil, advance != nil, real].filter({ $0 }).count > 1 { throw CommandFailure("choose one of --set, --advance and --real") }
        if let set, HongKongTime.parse(set) == nil {
            throw CommandFailure("--set \"\(set)\" is not a time; use e.g. 2023-06-12T09:00+08:00 or \"2023-06-12 09:00\" (Hong Kong)")
        }
        if let advance, Scenario.duration(advance) == nil {
            throw CommandFailure("--advance \"\(advance)\" is not an interval; use e.g. 90s, 30m, 2h or 90d")
        }
        if store.settings.clock != nil { throw CommandFailure("use --set to set the class's clock") }
    }

    func run() throws {
        _ = try ClassCommand.load(name, store.settings)
        let clock = StoreClock(directory: store.settings.location.directory)
        do {
            if let set, let date = HongKongTime.parse(set) { try clock.set(date) }
            if let advance, let interval = Scenario.duration(advance) { try clock.set(clock.now().addingTimeInterval(interval)) }
            if real { try clock.setReal() }
        } catch {
            throw CommandFailure("cannot set the clock of \(store.settings.location.directory.path): \(StoreFault(error))")
        }
        let now = clock.now()
        try StandardStream.output.line("Class \(name): \(HongKongTime.format(now))" + (clock.isReal ? " (the real clock)" : " (training clock, \(ClockInterval.describe(clock.offset)) from the real time)"))
        try StandardStream.output.line("This is the clock of the store in \(store.settings.location.directory.path): every class, terminal and seat on it.")
    }
}

/// How far a training clock is from the real time.
enum ClockInterval {
    static func describe(_ offset: TimeInterval) -> String {
        let sign = offset < 0 ? "-" : "+"
        var rest = Int(abs(offset).rounded())
        let days = rest / 86_400
        rest %= 86_400
        return "\(sign)\(days) d \(rest / 3600) h \(rest % 3600 / 60) min"
    }
}
