import AuthEngine
import Foundation

/// The virtual authenticator's screen: each account with its code and the countdown to the next.
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

    public static func render(_ rows: [Row], now: Date, columns: Int, rows height: Int) -> Canvas {
        var canvas = Canvas(columns: columns, rows: height)
        canvas.fill(row: 0, column: 0, width: columns, role: .title)
        canvas.text(" Authenticator (virtual phone)", row: 0, column: 0, role: .title)
        let time = HongKongTime.format(now)
        canvas.text(time + " ", row: 0, column: max(0, columns - time.count - 1), role: .title)
        draw(&canvas, rows, in: Rect(row: 2, column: 2, width: columns - 4, height: height - 4))
        canvas.fill(row: height - 1, column: 0, width: columns, role: .hint)
        canvas.text(" q quit   codes refresh live", row: height - 1, column: 0, role: .hint)
        return canvas
    }

    /// The account list alone, for a panel of the presenter view as well.
    public static func draw(_ canvas: inout Canvas, _ rows: [Row], in rect: Rect) {
        if rows.isEmpty {
            Widgets.paragraph(&canvas, "No accounts yet. Add one with: ccass-terminal authenticator add 'otpauth://...'",
                              row: rect.row, column: rect.column, width: rect.width, role: .subtle)
            return
        }
        var y = rect.row
        for row in rows where y + 2 < rect.row + rect.height {
            canvas.text(row.label, row: y, column: rect.column, role: .heading, width: rect.width)
            let grouped = row.code.count == 6 ? "\(row.code.prefix(3)) \(row.code.suffix(3))" : "\(row.code.prefix(4)) \(row.code.suffix(4))"
            canvas.text(grouped, row: y + 1, column: rect.column + 2, role: .success)
            if let left = row.secondsLeft {
                let barWidth = min(20, max(0, rect.width - 24))
                let filled = row.period > 0 ? barWidth * left / row.period : 0
                let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: barWidth - filled)
                canvas.text("\(bar) \(left)s", row: y + 1, column: rect.column + 14, role: left <= 5 ? .error : .info)
            } else {
                canvas.text("(counter based: a new code each time)", row: y + 1, column: rect.column + 14, role: .subtle)
            }
            canvas.text(row.detail, row: y + 2, column: rect.column + 2, role: .subtle, width: rect.width - 2)
            y += 4
        }
    }
}
