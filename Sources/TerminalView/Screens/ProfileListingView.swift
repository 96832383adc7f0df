import AuthDomain
import TerminalCore

extension ProfileListingScreen: Drawable {
    public func draw(_ canvas: inout Canvas, _ state: AppState, _ content: Rect) {
        let page = ProfileListingScreen.pageHeight(state.size)
        Renderer.panel(&canvas, content, title: Texts.userProfileListing, width: content.width - 2, state: state) { w in
            guard let listing else {
                w.line("Preparing the listing...")
                return
            }
            let lines = listing.lines
            // The title and the column headings stay in place; the rows scroll beneath them.
            let head = min(lines.count, UserProfileListing.headingLines)
            let rows = lines.count - head
            let first = ProfileListingScreen.clamped(scroll, lines: lines.count, size: state.size)
            for index in 0..<head { w.line(Self.shifted(lines[index], by: index == head - 1 ? shift : 0), markCut: true) }
            let shown = max(0, min(rows - first, page - head))
            // The users' rows scroll sideways; the totals under them are short and stay.
            let userRows = head..<(head + listing.rows.count)
            for offset in 0..<shown {
                let index = head + first + offset
                w.line(Self.shifted(lines[index], by: userRows.contains(index) ? shift : 0), markCut: true)
            }
            for _ in shown..<max(shown, page - head) { w.gap() }
            let from = rows == 0 ? 0 : first + 1, to = first + shown
            let where_ = "Rows \(from)-\(to) of \(rows)"
            w.line(shift > 0 ? "\(where_), from column \(shift + 1)" : where_, role: .subtle)
            if let form { w.form(form) }
        }
    }

    /// A line scrolled sideways: the User ID column stays, a `‹` marks where the rest was cut.
    static func shifted(_ line: String, by shift: Int) -> String {
        guard shift > 0 else { return line }
        let keep = UserProfileListing.firstColumnWidth
        guard line.count > keep else { return line }
        let rest = line.dropFirst(keep)
        return String(line.prefix(keep)) + "‹" + String(rest.dropFirst(shift + 1))
    }
}
