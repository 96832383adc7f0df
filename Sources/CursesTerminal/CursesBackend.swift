import CNcurses
import CTerminalGuard
import Foundation
import TerminalCore
import TerminalView

/// The ncursesw backend: the only code that touches the terminal. It draws canvases (only
/// the cells that changed), decodes keys, reports resizes, and always gives the terminal
/// back sane: on exit, on SIGINT/SIGTERM/SIGHUP (through the main loop) and on a crash
/// (from the signal handler, with async-signal-safe calls only).
public final class CursesBackend {
    private var previous: Canvas?
    private var active = false
    public let colour: Bool

    public init(noColor: Bool) {
        setlocale(LC_ALL, "")
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
            for (index, role) in Role.allCases.enumerated() {
                let (fg, bg) = Self.colours(role)
                init_pair(Int16(index + 1), fg, bg)
            }
        }
        active = true
    }

    deinit { restore() }

    /// Gives the terminal back: cursor visible, echo on, normal screen. Safe to call twice.
    public func restore() {
        guard active else { return }
        active = false
        curs_set(1)
        endwin()
        ccass_guard_restore()
    }

    public var size: Size { Size(columns: Int(ccass_cols()), rows: Int(ccass_lines())) }

    /// A stop signal (SIGTERM, SIGHUP, SIGINT) arrived since the last call.
    public func takeStopSignal() -> Int32? {
        let signal = ccass_guard_take_stop_signal()
        return signal == 0 ? nil : signal
    }

    // MARK: Drawing

    /// Writes the cells that differ from the previous frame, then places the cursor.
    public func draw(_ canvas: Canvas) {
        let full = previous == nil || previous!.columns != canvas.columns || previous!.rows != canvas.rows
        if full { erase() }
        for row in 0..<canvas.rows {
            for column in 0..<canvas.columns {
                let cell = canvas[row, column]
                if !full, previous![row, column] == cell { continue }
                // The last cell of the screen cannot be written without scrolling; skip it.
                if row == canvas.rows - 1 && column == canvas.columns - 1 { continue }
                let scalar = cell.character.unicodeScalars.first!.value
                let (attrs, pair) = attributes(cell.role)
                _ = ccass_put(Int32(row), Int32(column), wchar_t(bitPattern: scalar), attrs, pair)
            }
        }
        if let cursor = canvas.cursor {
            move(Int32(cursor.row), Int32(cursor.column))
            curs_set(1)
        } else {
            curs_set(0)
        }
        refresh()
        previous = canvas
    }

    /// Forgets the last frame so the next draw repaints everything (Ctrl-L, resize).
    public func invalidate() {
        previous = nil
        clearok(ccass_stdscr(), true)
    }

    private func attributes(_ role: Role) -> (Int32, Int16) {
        let bold = ccass_a_bold(), reverse = ccass_a_reverse(), underline = ccass_a_underline(), dim = ccass_a_dim()
        if colour {
            let pair = Int16(Role.allCases.firstIndex(of: role)! + 1)
            let extra: Int32 = switch role {
            case .title, .heading, .buttonFocused, .error: bold
            case .field: underline
            case .subtle: dim
            default: 0
            }
            return (extra, pair)
        }
        // No colour: focus, errors and titles stay visible through reverse and bold.
        let attrs: Int32 = switch role {
        case .title, .hint, .fieldFocused, .qrDark: reverse
        case .buttonFocused: reverse | bold
        case .error, .heading: bold
        case .field: underline
        case .subtle: dim
        default: 0
        }
        return (attrs, 0)
    }

    private static func colours(_ role: Role) -> (Int16, Int16) {
        let d: Int16 = -1
        switch role {
        case .normal, .label, .field: return (d, d)
        case .title: return (Int16(COLOR_WHITE), Int16(COLOR_BLUE))
        case .subtle: return (d, d)
        case .frame: return (Int16(COLOR_CYAN), d)
        case .heading: return (Int16(COLOR_YELLOW), d)
        case .fieldFocused: return (Int16(COLOR_BLACK), Int16(COLOR_CYAN))
        case .button: return (Int16(COLOR_CYAN), d)
        case .buttonFocused: return (Int16(COLOR_BLACK), Int16(COLOR_YELLOW))
        case .error: return (Int16(COLOR_RED), d)
        case .success: return (Int16(COLOR_GREEN), d)
        case .info: return (Int16(COLOR_CYAN), d)
        case .hint: return (Int16(COLOR_BLACK), Int16(COLOR_WHITE))
        case .qrDark: return (Int16(COLOR_BLACK), Int16(COLOR_WHITE))
        }
    }

    // MARK: Input

    /// The next input within `timeout` milliseconds, or nil. Printable characters that
    /// arrive together (a paste) come back as one `.paste`.
    public func nextEvent(timeout milliseconds: Int32) -> Event? {
        timeout(milliseconds)
        guard let first = readKey() else { return nil }
        guard case .key(.character(let c)) = first else { return first }
        var text = String(c)
        timeout(0)
        while let next = readKey() {
            guard case .key(.character(let more)) = next else {
                pending.append(next)
                break
            }
            text.append(more)
        }
        return text.count == 1 ? first : .paste(text)
    }

    private var pending: [Event] = []

    private func readKey() -> Event? {
        if !pending.isEmpty { return pending.removeFirst() }
        var value: wint_t = 0
        let status = get_wch(&value)
        if status == ERR { return nil }
        if status == KEY_CODE_YES {
            let code = Int32(value)
            if code == ccass_key_resize() {
                invalidate()
                return .resize(size)
            }
            return Self.functionKey(code).map { .key($0) }
        }
        return Self.characterKey(UInt32(value)).map { .key($0) }
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
        case 27: return .escape
        case 8, 127: return .backspace
        case 0..<32: return nil
        default:
            guard let scalar = Unicode.Scalar(value) else { return nil }
            return .character(Character(scalar))
        }
    }
}
