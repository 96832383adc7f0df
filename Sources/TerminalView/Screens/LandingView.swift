import TerminalCore

enum LandingView {
    static func draw(_ canvas: inout Canvas, _ s: LandingScreen, _ state: AppState, _ content: Rect) {
        let inner = Renderer.panel(&canvas, content, title: state.console == .dms ? "DMS" : "CCASS/CCMS Terminal",
                                   width: 78, height: s.options.count * 2 + 4)
        canvas.text("Please select the login method and function:", row: inner.row, column: inner.column, role: .label)
        for (i, option) in s.options.enumerated() {
            let focused = i == s.focus
            canvas.text("\(i + 1). \(option.label)", row: inner.row + 2 + i * 2, column: inner.column,
                        role: focused ? .buttonFocused : .button, width: inner.width)
        }
        if s.options.isEmpty {
            canvas.text("No logon method is in service.", row: inner.row + 2, column: inner.column, role: .error)
        }
    }
}
