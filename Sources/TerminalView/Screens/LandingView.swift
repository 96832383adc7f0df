import TerminalCore

enum LandingView {
    static func draw(_ canvas: inout Canvas, _ s: LandingScreen, _ state: AppState, _ content: Rect) {
        let inner = Renderer.panel(&canvas, content, title: state.console == .dms ? "DMS" : "CCASS/CCMS Terminal",
                                   width: 78, height: s.options.count * 2 + (state.closedNotice == nil ? 4 : 7))
        canvas.text("Please select the login method and function:", row: inner.row, column: inner.column, role: .label)
        for (i, option) in s.options.enumerated() {
            let focused = i == s.focus
            canvas.text("\(i + 1). \(option.label)", row: inner.row + 2 + i * 2, column: inner.column,
                        role: focused ? .buttonFocused : .button, width: inner.width)
        }
        if let closed = state.closedNotice {
            let y = inner.row + 2 + s.options.count * 2
            Widgets.paragraph(&canvas, closed, row: y, column: inner.column, width: inner.width, role: .error)
        }
        if s.options.isEmpty {
            canvas.text("No logon method is in service.", row: inner.row + 2, column: inner.column, role: .error)
        }
    }
}
