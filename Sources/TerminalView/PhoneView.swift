import AuthDomain
import Foundation
import TerminalCore

/// The virtual authenticator's screen: each account with its code and the countdown to the
/// next, scrolled when they do not all fit.
public enum PhoneView {
    public struct Row: Equatable, Sendable {
        public var label: String
        public var code: String
        /// Seconds the TOTP code has left, and its period; nil for HOTP.
        public var secondsLeft: Int?
        public var period: Int
        public var detail: String

        public init(label: String, code: String, secondsLeft: Int?, period: Int, detail: String) {
            self.label = label
            self.code = code
            self.secondsLeft = secondsLeft
            self.period = period
            self.detail = detail
        }
    }

    /// Rows one account takes.
    public static let rowsPerAccount = 4

    /// Accounts that fit in a height.
    public static func visible(height: Int) -> Int { max(1, height / rowsPerAccount) }

    public static func render(_ rows: [Row], first: Int, now: Date, size: Size, hints: String, beside: Bool = false) -> Canvas {
        var canvas = Canvas(columns: size.columns, rows: size.rows)
        canvas.fill(row: 0, column: 0, width: size.columns, role: .title)
        canvas.text(" Authenticator (virtual phone)", row: 0, column: 0, role: .title)
        let time = String(HongKongTime.format(now).prefix(19))
        canvas.text(time + " ", row: 0, column: max(0, size.columns - time.count - 1), role: .title)
        draw(&canvas, rows, first: first, in: Rect(row: 2, column: 2, width: size.columns - 4, height: size.rows - 4), beside: beside)
        canvas.fill(row: size.rows - 1, column: 0, width: size.columns, role: .hint)
        canvas.text(" " + hints, row: size.rows - 1, column: 0, role: .hint, width: size.columns)
        return canvas
    }

    /// The account list alone, from account `first`, for a panel of the presenter view too
    /// (`beside`). Says how many are above and below when not all fit, and the keys that scroll
    /// it there (`PanelKeys`).
    public static func draw(_ canvas: inout Canvas, _ rows: [Row], first: Int, in rect: Rect, beside: Bool = false) {
        let keys = PanelKeys.phoneScrollNames(beside: beside)
        var w = Writer(canvas, rect)
        defer { canvas = w.canvas }
        if rows.isEmpty {
            w.paragraph("No accounts yet. Add one with: ccass-terminal authenticator add 'otpauth://...'", role: .subtle)
            return
        }
        let fits = visible(height: rect.height - 1)
        let start = min(max(0, first), max(0, rows.count - fits))
        if start > 0 { w.line("↑ \(start) more above (\(keys.up))", role: .subtle) } else { w.gap() }
        for row in rows[start..<min(rows.count, start + fits)] {
            w.line(row.label, role: .heading)
            let grouped = row.code.count == 6 ? "\(row.code.prefix(3)) \(row.code.suffix(3))" : "\(row.code.prefix(4)) \(row.code.suffix(4))"
            if let left = row.secondsLeft {
                let barWidth = min(20, max(0, rect.width - 26))
                let filled = row.period > 0 ? barWidth * left / row.period : 0
                let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: barWidth - filled)
                w.line("  \(grouped)    \(bar) \(left)s", role: left <= 5 ? .error : .success)
            } else {
                w.line("  \(grouped)    (counter based: a new code each time)", role: .success)
            }
            w.line("  " + row.detail, role: .subtle)
            w.gap()
        }
        let below = rows.count - (start + fits)
        if below > 0 { w.line("↓ \(below) more below (\(keys.down))", role: .subtle) }
    }
}
