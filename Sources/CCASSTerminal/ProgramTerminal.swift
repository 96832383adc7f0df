import CursesTerminal
import Foundation
import SafeIO
import TerminalProgram

/// Runs a program on the ncurses backend and gives the terminal back whatever happens.
enum ProgramTerminal {
    static var noColor: Bool { Environment.value("NO_COLOR") != nil }

    /// Input and output are a terminal.
    static var onATerminal: Bool { isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1 }

    /// A full screen can be drawn: a terminal that terminfo knows and that can move the cursor.
    /// Otherwise the commands print their lists and the terminal runs in plain mode.
    static var isInteractive: Bool { onATerminal && CursesBackend.unusableTerminal == nil }

    /// The backend is made before anything else runs, so keys typed during start-up wait in
    /// raw mode for the first screen instead of being echoed.
    static func run<M: ProgramModel>(_ model: M, backend: CursesBackend = CursesBackend(noColor: noColor),
                                     clock: @escaping @Sendable () -> Date,
                                     perform: @escaping (M.Command, @escaping @Sendable (M.Message) -> Void) -> Void,
                                     configure: (Program<M>) -> Void = { _ in }) -> ProgramEnd {
        // Notes about files (a mode tightened) wait until the screen is given back.
        FileNotices.hold()
        defer {
            backend.restore()
            FileNotices.release()
        }
        let program = Program(model: model, backend: backend, clock: clock, run: perform)
        configure(program)
        return program.run()
    }
}
