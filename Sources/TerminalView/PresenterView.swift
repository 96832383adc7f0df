import Foundation
import TerminalCore

/// The trainer's split window: the terminal on the left, the phone and the inbox on the right.
public enum PresenterView {
    public static let minimumColumns = 120
    public static let sideColumns = 40

    /// The size the terminal part gets in a window of `size`.
    public static func terminalSize(in size: Size) -> Size {
        Size(columns: size.columns - sideColumns, rows: size.rows)
    }

    /// `title`: whose phone and inbox these are ("Trainer's view", or a trainee's own at a seat).
    public static func render(terminal: Canvas, phone: [PhoneView.Row], phoneFirst: Int, inbox: [InboxView.Row], size: Size, redact: Bool,
                              title: String = "Trainer's view") -> Canvas {
        var canvas = Canvas(columns: size.columns, rows: size.rows)
        canvas.paste(terminal, row: 0, column: 0)
        canvas.cursor = terminal.cursor
        let x = terminal.columns
        let phoneHeight = max(8, size.rows / 2)
        canvas.fill(row: 0, column: x, width: sideColumns, role: .title)
        canvas.text(" " + title, row: 0, column: x, role: .title)
        let phoneBox = Rect(row: 1, column: x, width: sideColumns, height: phoneHeight - 1)
        Widgets.box(&canvas, phoneBox, title: "Phone")
        let shown = redact ? phone.map { row in var row = row; row.code = String(repeating: "*", count: row.code.count); return row } : phone
        PhoneView.draw(&canvas, shown, first: phoneFirst, in: Rect(row: phoneBox.row + 1, column: x + 2, width: sideColumns - 4, height: phoneBox.height - 2),
                       beside: true)
        let inboxBox = Rect(row: phoneHeight, column: x, width: sideColumns, height: size.rows - phoneHeight - 1)
        Widgets.box(&canvas, inboxBox, title: "Inbox")
        InboxView.draw(&canvas, inbox, in: Rect(row: inboxBox.row + 1, column: x + 2, width: sideColumns - 4, height: inboxBox.height - 2), redact: redact)
        canvas.fill(row: size.rows - 1, column: x, width: sideColumns, role: .hint)
        return canvas
    }

    /// One panel over the whole window (a class seat at 80x24), with the keys back.
    public static func fullScreen(_ panel: Panel, phone: [PhoneView.Row], phoneFirst: Int, inbox: [InboxView.Row], now: Date, size: Size,
                                  redact: Bool) -> Canvas {
        switch panel {
        case .phone:
            let shown = redact ? phone.map { row in var row = row; row.code = String(repeating: "*", count: row.code.count); return row } : phone
            return PhoneView.render(shown, first: phoneFirst, now: now, size: size, hints: PanelKeys.fullScreen(.phone).hints.joined(separator: "  "))
        case .inbox:
            var canvas = Canvas(columns: size.columns, rows: size.rows)
            canvas.fill(row: 0, column: 0, width: size.columns, role: .title)
            canvas.text(" Inbox", row: 0, column: 0, role: .title)
            InboxView.draw(&canvas, inbox, in: Rect(row: 2, column: 2, width: size.columns - 4, height: size.rows - 4), redact: redact)
            canvas.fill(row: size.rows - 1, column: 0, width: size.columns, role: .hint)
            canvas.text(" " + PanelKeys.fullScreen(.inbox).hints.joined(separator: "  "), row: size.rows - 1, column: 0, role: .hint, width: size.columns)
            return canvas
        }
    }
}
