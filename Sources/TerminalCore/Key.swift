/// A key press as the core sees it, decoded by a backend (ncurses, a scenario, a test).
public enum Key: Equatable, Sendable, Hashable {
    case character(Character)
    case enter
    case tab
    case backTab
    case up
    case down
    case left
    case right
    case home
    case end
    case backspace
    case delete
    case escape
    case pageUp
    case pageDown
    case function(Int)
    /// Ctrl-C: leave the program cleanly.
    case interrupt
    /// Ctrl-L: redraw.
    case redraw

    /// Names used by scenario files and tests: "Tab", "Enter", "Esc", "F5", or one character.
    public init?(name: String) {
        switch name.lowercased() {
        case "enter", "return": self = .enter
        case "tab": self = .tab
        case "shift-tab", "backtab", "btab": self = .backTab
        case "up": self = .up
        case "down": self = .down
        case "left": self = .left
        case "right": self = .right
        case "home": self = .home
        case "end": self = .end
        case "backspace", "bs": self = .backspace
        case "delete", "del": self = .delete
        case "esc", "escape": self = .escape
        case "pageup", "pgup": self = .pageUp
        case "pagedown", "pgdn": self = .pageDown
        case "ctrl-c": self = .interrupt
        case "ctrl-l": self = .redraw
        case "space": self = .character(" ")
        default:
            if name.count == 1, let c = name.first {
                self = .character(c)
            } else if name.lowercased().hasPrefix("f"), let n = Int(name.dropFirst()), (1...12).contains(n) {
                self = .function(n)
            } else {
                return nil
            }
        }
    }
}
