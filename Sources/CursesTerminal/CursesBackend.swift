import CNcurses
import CTerminalGuard
import SafeIO
import Foundation
import TerminalCore
import TerminalProgram
import TerminalView

/// The ncursesw backend: the only code that touches the terminal. It draws frames (only the
/// spans of each row that changed, whole wide characters included, so a partial redraw
/// always equals a full one), decodes keys, sleeps in poll(2) until input, a wake-up or a
/// signal, and always gives the terminal back sane: on exit, on SIGINT/SIGTERM/SIGHUP
/// (through the loop) and on a crash (from the signal handler, async-signal-safe calls only).
public final class CursesBackend: TerminalBackend {
    private var previous: Canvas?
    private var active = false
    public let colour: Bool
    private var pending: [TerminalEvent] = []
    /// Each role's attributes and colour pair, indexed by its raw value: worked out once, not
    /// for each of the 1,920 cells of a frame.
    private var looks: [(attributes: Int32, pair: Int16)] = []

    /// Puts the terminal in raw, no-echo mode at once: keys typed while the program starts
    /// are kept for the first screen, never echoed.
    public init(noColor: Bool) {
        setlocale(LC_ALL, "")
        // No locale at all (an SSH session whose client sent no LANG, a service): the screens
        // are UTF-8, as every terminal emulator of today is.
        if let ctype = setlocale(LC_CTYPE, nil), ["C", "POSIX"].contains(String(cString: ctype)) {
            setlocale(LC_CTYPE, "C.UTF-8")
        }
        ccass_guard_save()
        ccass_guard_install()
        initscr()
        raw()
        noecho()
        nonl()
        keypad(ccass_stdscr(), true)
        set_escdelay(25)
        colour = !noColor && has_colors()
        if colour {
            start_color()
            use_default_colors()
            for role in Role.allCases {
                let (fg, bg) = Self.colours(role)
                init_pair(Self.pair(role), fg, bg)
            }
        }
        looks = Role.allCases.map(attributes)
        active = true
    }

    deinit { restore() }

    /// Why a full screen cannot be drawn on this terminal (TERM unset, unknown to terminfo, or
    /// unable to move the cursor), or nil when it can.
    public static var unusableTerminal: String? {
        let term = Environment.value("TERM") ?? ""
        switch ccass_terminal_usable() {
        case 1: return nil
        case 0: return "TERM is not set"
        case -1: return "TERM=\(term) is unknown to terminfo"
        default: return "TERM=\(term) cannot move the cursor"
        }
    }

    /// Gives the terminal back: cursor visible, echo on, normal screen. Safe to call twice.
    public func restore() {
        guard active else { return }
        active = false
        curs_set(1)
        endwin()
        ccass_guard_restore()
    }

    public var size: Size { Size(columns: Int(ccass_cols()), rows: Int(ccass_lines())) }

    // MARK: Drawing

    public func draw(_ frame: Frame) {
        let canvas = frame.canvas
        guard let previous, previous.columns == canvas.columns, previous.rows == canvas.rows else {
            erase()
            for row in 0..<canvas.rows { write(row: row, from: 0, to: canvas.columns - 1, canvas) }
            finish(canvas)
            return
        }
        for span in canvas.changedSpans(from: previous) { write(row: span.row, from: span.first, to: span.last, canvas) }
        finish(canvas)
    }

    private func write(row: Int, from first: Int, to last: Int, _ canvas: Canvas) {
        for column in first...last {
            let cell = canvas[row, column]
            if cell.isContinuation { continue }
            // The last cell of the screen cannot be written without scrolling; skip it.
            if row == canvas.rows - 1 && column == canvas.columns - 1 { continue }
            let look = looks[Int(cell.role.rawValue)]
            // A cell is one character: its scalars (ncurses keeps up to CCHARW_MAX) on the stack.
            withUnsafeTemporaryAllocation(of: wchar_t.self, capacity: 8) { buffer in
                var count = 0
                for scalar in cell.character.unicodeScalars where count < buffer.count {
                    buffer[count] = wchar_t(bitPattern: scalar.value)
                    count += 1
                }
                _ = ccass_put(Int32(row), Int32(column), buffer.baseAddress, Int32(count), look.attributes, look.pair)
            }
        }
    }

    private func finish(_ canvas: Canvas) {
        if let cursor = canvas.cursor {
            move(Int32(cursor.row), Int32(cursor.column))
            curs_set(1)
        } else {
            curs_set(0)
        }
        refresh()
        previous = canvas
    }

    public func invalidate() {
        previous = nil
        clearok(ccass_stdscr(), true)
    }

    private func attributes(_ role: Role) -> (Int32, Int16) {
        let bold = ccass_a_bold(), reverse = ccass_a_reverse(), underline = ccass_a_underline(), dim = ccass_a_dim()
        if colour {
            let look = Look.of(role)
            let extra = (look.bold ? bold : 0) | (look.underline ? underline : 0) | (look.dim ? dim : 0)
            return (extra, Self.pair(role))
        }
        // No colour: focus, errors and titles stay visible through reverse and bold.
        let attrs: Int32 = switch role {
        case .title, .hint, .fieldFocused, .qrDark: reverse
        case .buttonFocused: reverse | bold
        case .error, .heading, .warning: bold
        case .field: underline
        case .subtle: dim
        default: 0
        }
        return (attrs, 0)
    }

    /// The colour pair of a role (pair 0 is the terminal's own colours).
    private static func pair(_ role: Role) -> Int16 { Int16(role.rawValue) + 1 }

    /// The curses colours of a role's look (-1: the terminal's own).
    private static func colours(_ role: Role) -> (Int16, Int16) {
        let look = Look.of(role)
        return (look.foreground.map(number) ?? -1, look.background.map(number) ?? -1)
    }

    private static func number(_ colour: TerminalColour) -> Int16 {
        switch colour {
        case .black: Int16(COLOR_BLACK)
        case .red: Int16(COLOR_RED)
        case .green: Int16(COLOR_GREEN)
        case .yellow: Int16(COLOR_YELLOW)
        case .blue: Int16(COLOR_BLUE)
        case .magenta: Int16(COLOR_MAGENTA)
        case .cyan: Int16(COLOR_CYAN)
        case .white: Int16(COLOR_WHITE)
        }
    }

    // MARK: Input

    public func wake() { ccass_guard_wake() }

    /// Sleeps until a key, a wake-up, a signal or the timeout; returns the keys that arrived.
    /// Printable characters that arrive together (a paste) come back as one `.paste`.
    public func wait(timeout: TimeInterval?) -> [TerminalEvent] {
        if pending.isEmpty {
            let milliseconds = timeout.map { Int32(min(Double(Int32.max), ($0 * 1000).rounded(.up))) } ?? -1
            _ = ccass_guard_wait(STDIN_FILENO, milliseconds)
        }
        let signal = ccass_guard_take_stop_signal()
        if signal != 0 { return [.signal(signal)] }
        var events = pending
        pending = []
        CNcurses.timeout(0)
        var text = ""
        func flush() {
            if text.count == 1, let c = text.first { events.append(.key(.character(c))) } else if !text.isEmpty { events.append(.paste(text)) }
            text = ""
        }
        while let event = readKey() {
            if case .key(.character(let c)) = event {
                text.append(c)
                continue
            }
            flush()
            events.append(event)
        }
        flush()
        return events
    }

    private func readKey() -> TerminalEvent? {
        var value: wint_t = 0
        let status = get_wch(&value)
        if status == ERR { return nil }
        if status == KEY_CODE_YES {
            let code = Int32(value)
            if code == ccass_key_resize() {
                invalidate()
                return .resize(size)
            }
            return Self.functionKey(code).map { .key($0) } ?? readKey()
        }
        if value == 26 {
            // Ctrl-Z: the terminal runs raw (no signal keys), so the program suspends itself as
            // other terminal programs do: ncurses' SIGTSTP handler gives the terminal back, stops,
            // and takes it again on `fg`; then everything is redrawn.
            suspend()
            return .key(.redraw)
        }
        return Self.characterKey(UInt32(value)).map { .key($0) } ?? readKey()
    }

    /// Stops the program (job control) with the terminal given back sane, and redraws on return.
    public func suspend() {
        // Only a job-control shell, which runs each job in a process group of its own, can bring
        // the program back with `fg`. On a seat under sshd or from a launcher script nobody could
        // (the kernel drops a SIGTSTP there; never SIGSTOP, which nothing would undo), so there
        // Ctrl-Z only redraws, without handing the terminal back for nothing.
        guard getpgrp() != getsid(0) else { return invalidate() }
        raise(SIGTSTP)
        invalidate()
    }

    public static func functionKey(_ code: Int32) -> Key? {
        switch code {
        case KEY_UP: .up
        case KEY_DOWN: .down
        case KEY_LEFT: .left
        case KEY_RIGHT: .right
        case KEY_HOME: .home
        case KEY_END: .end
        case KEY_BACKSPACE: .backspace
        case KEY_DC: .delete
        case KEY_BTAB: .backTab
        case KEY_ENTER: .enter
        case KEY_PPAGE: .pageUp
        case KEY_NPAGE: .pageDown
        case (KEY_F0 + 1)...(KEY_F0 + 12): .function(Int(code - KEY_F0))
        default: nil
        }
    }

    public static func characterKey(_ value: UInt32) -> Key? {
        switch value {
        case 3: return .interrupt
        case 9: return .tab
        case 10, 13: return .enter
        case 12: return .redraw
        case 21: return .clearField
        case 27: return .escape
        case 8, 127: return .backspace
        case 0..<32: return nil
        default:
            guard let scalar = Unicode.Scalar(value) else { return nil }
            return .character(Character(scalar))
        }
    }
}
