/// The eight colours of a terminal.
public enum TerminalColour: Sendable, Equatable, CaseIterable {
    case black, red, green, yellow, blue, magenta, cyan, white
}

/// What a role looks like in colour: the one table the curses backend and every picture of a
/// screen (handouts, class cards) read, so a picture shows what the terminal shows.
public struct Look: Sendable, Equatable {
    /// Nil: the terminal's own foreground or background.
    public var foreground: TerminalColour?
    public var background: TerminalColour?
    public var bold = false
    public var underline = false
    public var dim = false

    public static func of(_ role: Role) -> Look {
        switch role {
        case .normal, .label: Look()
        case .field: Look(underline: true)
        case .subtle: Look(dim: true)
        case .title: Look(foreground: .white, background: .blue, bold: true)
        case .frame: Look(foreground: .cyan)
        case .heading: Look(foreground: .yellow, bold: true)
        case .fieldFocused: Look(foreground: .black, background: .cyan)
        case .button: Look(foreground: .cyan)
        case .buttonFocused: Look(foreground: .black, background: .yellow, bold: true)
        case .error: Look(foreground: .red, bold: true)
        case .warning: Look(foreground: .yellow, bold: true)
        case .success: Look(foreground: .green)
        case .info: Look(foreground: .cyan)
        case .hint, .qrDark: Look(foreground: .black, background: .white)
        }
    }
}
