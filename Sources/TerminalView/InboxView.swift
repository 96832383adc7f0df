import AuthDomain
import Foundation
import TerminalCore

/// The trainer's inbox: addresses, an address's messages newest first with where each code
/// stands, or one message opened.
public enum InboxView {
    public struct Row: Equatable, Sendable {
        public var sent: Date?
        public var address: String
        public var summary: String

        public init(sent: Date?, address: String, summary: String) {
            self.sent = sent
            self.address = address
            self.summary = summary
        }
    }

    /// `shift`: columns scrolled to the right (a `‹` marks lines cut on the left, a `›` on the right).
    public static func render(title: String, lines: [String], selected: Int?, scroll: Int, shift: Int = 0, size: Size, hints: String) -> Canvas {
        var canvas = Canvas(columns: size.columns, rows: size.rows)
        canvas.fill(row: 0, column: 0, width: size.columns, role: .title)
        canvas.text(" Inbox  \(title)", row: 0, column: 0, role: .title, width: size.columns)
        var w = Writer(canvas, Rect(row: 2, column: 1, width: size.columns - 2, height: size.rows - 4))
        if lines.isEmpty { w.line("No mail yet.", role: .subtle) }
        let height = size.rows - 4
        let first = selected.map { max(0, $0 - height + 1) } ?? scroll
        for index in first..<max(first, min(lines.count, first + height)) {
            let line = shift > 0 && lines[index].count > shift ? "‹" + lines[index].dropFirst(shift + 1) : (shift > 0 ? "" : lines[index])
            w.line(line, role: index == selected ? .buttonFocused : .normal, markCut: true)
        }
        canvas = w.canvas
        canvas.fill(row: size.rows - 1, column: 0, width: size.columns, role: .hint)
        canvas.text(" " + hints, row: size.rows - 1, column: 0, role: .hint, width: size.columns)
        return canvas
    }

    /// The newest messages as a panel of the presenter view.
    public static func draw(_ canvas: inout Canvas, _ rows: [Row], in rect: Rect, redact: Bool) {
        var w = Writer(canvas, rect)
        defer { canvas = w.canvas }
        if rows.isEmpty { w.line("No mail yet.", role: .subtle) }
        for item in rows {
            let time = item.sent.map { String(HongKongTime.format($0).dropFirst(11).prefix(8)) } ?? "--:--:--"
            w.line("\(time) \(item.address)", role: .label)
            let summary = redact ? item.summary.replacingOccurrences(of: #"\b[0-9]{6,8}\b"#, with: "********", options: .regularExpression) : item.summary
            w.line(summary, role: .info, indent: 2)
            w.gap()
        }
    }
}
