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
    /// Ctrl-U: empty the field.
    case clearField
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
        case "ctrl-u": self = .clearField
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

    /// The name a scenario file writes for this key (the inverse of `init(name:)`).
    public var name: String {
        switch self {
        case .character(" "): "Space"
        case .character(let c): String(c)
        case .enter: "Enter"
        case .tab: "Tab"
        case .backTab: "Shift-Tab"
        case .up: "Up"
        case .down: "Down"
        case .left: "Left"
        case .right: "Right"
        case .home: "Home"
        case .end: "End"
        case .backspace: "Backspace"
        case .delete: "Delete"
        case .escape: "Esc"
        case .pageUp: "PageUp"
        case .pageDown: "PageDown"
        case .function(let n): "F\(n)"
        case .clearField: "Ctrl-U"
        case .interrupt: "Ctrl-C"
        case .redraw: "Ctrl-L"
        }
    }
}
