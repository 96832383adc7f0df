import TerminalCore

enum ProfileListingView {
    static func draw(_ canvas: inout Canvas, _ s: ProfileListingScreen, _ state: AppState, _ content: Rect) {
        let inner = Renderer.panel(&canvas, content, title: Texts.userProfileListing, width: content.width - 2, height: content.height)
        let page = max(1, inner.height - 2)
        for (i, line) in s.lines.dropFirst(s.scroll).prefix(page).enumerated() {
            canvas.text(line, row: inner.row + i, column: inner.column, width: inner.width)
        }
        Widgets.form(&canvas, s.form, row: inner.row + inner.height - 1, column: inner.column, width: inner.width)
    }
}
