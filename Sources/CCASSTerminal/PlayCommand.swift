import ArgumentParser
import AuthEngine
import Authenticator
import CursesTerminal
import Foundation
import SafeIO
import TerminalApp
import TerminalCore
import TerminalProgram

/// `ccass-terminal play FILE`: a scenario as a demonstration that runs itself.
struct PlayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "play",
        abstract: "Run a scenario on the live terminal for an audience: each step taken visibly, its comments shown as captions.",
        discussion: """
        Keys are typed at a human pace and named on the bottom line. At each comment line of the file the autopilot \
        stops and shows it until Space (or --pace SECONDS); Esc hands the keyboard to the trainer on the same state. \
        As in `scenario`, the clock stands still but for the file's clock steps. \
        It runs on a fresh demo store (removed afterwards) unless --data-dir names one. With --presenter the room sees \
        the phone and the inbox change.
        """
    )

    @Argument(help: "The scenario file.") var file: String

    @Option(help: ArgumentHelp("Go on after each caption by itself after this many seconds (otherwise Space).", valueName: "seconds"))
    var pace: Double?

    @Flag(help: "Show the phone and the inbox beside the terminal (needs 120 columns).") var presenter = false

    @Option(name: .customLong("data-dir"), help: ArgumentHelp("Play on this store instead of a fresh demo store.", valueName: "dir"))
    var dataDir: String?

    func validate() throws {
        if let pace, !(0.5...600).contains(pace) { throw CommandFailure("--pace is a number of seconds from 0.5 to 600") }
    }

    func run() throws {
        guard let text = try? String(contentsOf: URL(fileURLWithPath: file), encoding: .utf8) else { throw CommandFailure("cannot read \(file)") }
        let scenario: Scenario
        do {
            scenario = try Scenario(name: file, text: text)
        } catch {
            throw CommandFailure("\(error)")
        }
        guard ProgramTerminal.isInteractive else { throw CommandFailure("play needs an interactive terminal on standard input and output") }
        let header = ScenarioHeader(scenario)
        let directory = try dataDir.map { URL(fileURLWithPath: $0) } ?? PrivateFiles.temporaryFolder(prefix: "ccass-play-")
        defer { if dataDir == nil { try? PrivateFiles.remove(directory) } }
        let world = try ScenarioWorld(header: header, directory: directory, fresh: dataDir == nil, terminal: "play")
        let backend = CursesBackend(noColor: ProgramTerminal.noColor)
        var state = header.state(for: world.engine)
        state.size = backend.size
        // The demo's phone and inbox: beside the terminal with --presenter, else on F2/F3 once the
        // trainer has the keyboard.
        let terminal = TerminalModel(state: state, window: backend.size, presenting: presenter, flipping: !presenter,
                                     panelTitle: "The demo's phone and inbox")
        let runner = TerminalRunner(engine: world.engine, threaded: true, panels: PanelSource.reading(directory: directory))
        defer { runner.finish() }
        let autopilot = AutopilotModel(terminal: terminal, scenario: scenario, pace: pace)
        let end = ProgramTerminal.run(autopilot, backend: backend, clock: { Date() },
                                      perform: AutopilotRunner(terminal: runner, world: world).run)
        if case .signal(let number) = end { throw ExitCode(128 + number) }
    }
}
