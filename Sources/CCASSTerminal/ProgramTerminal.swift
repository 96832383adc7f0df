import CursesTerminal
import Foundation
import TerminalProgram

/// Runs a program on the ncurses backend and gives the terminal back whatever happens.
enum ProgramTerminal {
    static var noColor: Bool { ProcessInfo.processInfo.environment["NO_COLOR"] != nil }

    static var isInteractive: Bool { isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1 }

    /// The backend is made before anything else runs, so keys typed during start-up wait in
    /// raw mode for the first screen instead of being echoed.
    static func run<M: ProgramModel>(_ model: M, backend: CursesBackend = CursesBackend(noColor: noColor),
                                     clock: @escaping @Sendable () -> Date,
                                     perform: @escaping (M.Command, @escaping @Sendable (M.Message) -> Void) -> Void,
                                     configure: (Program<M>) -> Void = { _ in }) -> ProgramEnd {
        defer { backend.restore() }
        let program = Program(model: model, backend: backend, clock: clock, run: perform)
        configure(program)
        return program.run()
    }
}
