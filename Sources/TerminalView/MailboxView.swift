import Foundation
import TerminalCore

/// The trainer's inbox on a terminal: a list to choose from, or one message opened.
public enum MailboxView {
    public struct Screen: Equatable, Sendable {
        public var title: String
        public var rows: [String]
        public var selected: Int
        /// The opened message's lines, when one is open.
        public var opened: [String]?
        public var scroll: Int

        public init(title: String, rows: [String], selected: Int = 0, opened: [String]? = nil, scroll: Int = 0) {
            self.title = title
            self.rows = rows
            self.selected = selected
            self.opened = opened
            self.scroll = scroll
        }
    }

    public static func render(_ screen: Screen, columns: Int, rows height: Int) -> Canvas {
        var canvas = Canvas(columns: columns, rows: height)
        canvas.fill(row: 0, column: 0, width: columns, role: .title)
        canvas.text(" Inbox  \(screen.title)", row: 0, column: 0, role: .title)
        let body = Rect(row: 2, column: 1, width: columns - 2, height: height - 4)
        if let opened = screen.opened {
            for (i, line) in opened.dropFirst(screen.scroll).prefix(body.height).enumerated() {
                canvas.text(line, row: body.row + i, column: body.column, width: body.width)
            }
        } else if screen.rows.isEmpty {
            canvas.text("No mail yet.", row: body.row, column: body.column, role: .subtle)
        } else {
            let first = max(0, screen.selected - body.height + 1)
            for (i, line) in screen.rows.dropFirst(first).prefix(body.height).enumerated() {
                let index = first + i
                canvas.text(line, row: body.row + i, column: body.column, role: index == screen.selected ? .buttonFocused : .normal,
                            width: body.width)
            }
        }
        canvas.fill(row: height - 1, column: 0, width: columns, role: .hint)
        let hint = screen.opened == nil ? " Up/Down choose  Enter open  Esc back  q quit" : " Up/Down scroll  Esc back  q quit"
        canvas.text(hint, row: height - 1, column: 0, role: .hint)
        return canvas
    }
}
