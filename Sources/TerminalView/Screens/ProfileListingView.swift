import TerminalCore

extension ProfileListingScreen: Drawable {
    public func draw(_ canvas: inout Canvas, _ state: AppState, _ content: Rect) {
        let page = ProfileListingScreen.pageHeight(state.size)
        Renderer.panel(&canvas, content, title: Texts.userProfileListing, width: content.width - 2, state: state) { w in
            let lines = listing?.lines ?? ["Preparing the listing..."]
            for index in scroll..<max(scroll, min(lines.count, scroll + page)) {
                // Long lines are cut with a mark; Left/Right show the rest.
                w.line(String(lines[index].dropFirst(shift)), role: .normal, markCut: true)
            }
            for _ in min(lines.count, scroll + page)..<max(min(lines.count, scroll + page), scroll + page) { w.gap() }
            let shown = "Lines \(min(lines.count, scroll + 1))-\(min(lines.count, scroll + page)) of \(lines.count)"
            w.line(shift > 0 ? "\(shown), from column \(shift + 1)" : shown, role: .subtle)
            if let form { w.form(form) }
        }
    }
}
