import AuthEngine
import Foundation
import TerminalCore

/// The trainer's split window: the terminal on the left, the phone and the inbox on the right.
public enum PresenterView {
    public static let minimumColumns = 120
    public static let sideColumns = 40

    /// One line of the inbox panel.
    public struct InboxRow: Equatable, Sendable {
        public var sent: Date?
        public var address: String
        public var summary: String

        public init(sent: Date?, address: String, summary: String) {
            self.sent = sent
            self.address = address
            self.summary = summary
        }
    }

    /// The size the terminal part gets in a window of `size`.
    public static func terminalSize(in size: Size) -> Size {
        Size(columns: size.columns - sideColumns, rows: size.rows)
    }

    public static func render(_ state: AppState, phone: [PhoneView.Row], inbox: [InboxRow], size: Size) -> Canvas {
        var canvas = Canvas(columns: size.columns, rows: size.rows)
        let left = Renderer.render(state)
        for row in 0..<min(left.rows, size.rows) {
            for column in 0..<min(left.columns, size.columns) { canvas[row, column] = left[row, column] }
        }
        canvas.cursor = left.cursor
        let x = left.columns
        let phoneHeight = max(8, size.rows / 2)
        canvas.fill(row: 0, column: x, width: sideColumns, role: .title)
        canvas.text(" Trainer's view", row: 0, column: x, role: .title)
        let phoneBox = Rect(row: 1, column: x, width: sideColumns, height: phoneHeight - 1)
        Widgets.box(&canvas, phoneBox, title: "Phone")
        let phone = state.redactSecrets ? phone.map { row in var row = row; row.code = String(repeating: "*", count: row.code.count); return row } : phone
        PhoneView.draw(&canvas, phone, in: Rect(row: phoneBox.row + 1, column: x + 2, width: sideColumns - 4, height: phoneBox.height - 2))
        let inboxBox = Rect(row: phoneHeight, column: x, width: sideColumns, height: size.rows - phoneHeight - 1)
        Widgets.box(&canvas, inboxBox, title: "Inbox")
        var y = inboxBox.row + 1
        if inbox.isEmpty {
            canvas.text("No mail yet.", row: y, column: x + 2, role: .subtle)
        }
        for item in inbox where y + 2 < inboxBox.row + inboxBox.height {
            let time = item.sent.map { String(HongKongTime.format($0).dropFirst(11).prefix(8)) } ?? "--:--:--"
            canvas.text("\(time) \(item.address)", row: y, column: x + 2, role: .label, width: sideColumns - 4)
            let summary = state.redactSecrets ? item.summary.replacingOccurrences(of: #"\b[0-9]{6,8}\b"#, with: "********", options: .regularExpression) : item.summary
            canvas.text(summary, row: y + 1, column: x + 4, role: .info, width: sideColumns - 6)
            y += 3
        }
        canvas.fill(row: size.rows - 1, column: x, width: sideColumns, role: .hint)
        return canvas
    }
}
