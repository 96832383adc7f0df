/// The autopilot over the terminal's screen (`play`): a caption in a box above the bottom line,
/// and the bottom line saying what the autopilot does and that Esc hands over the keyboard.
public enum AutopilotView {
    public static func overlay(_ canvas: inout Canvas, caption: String?, status: String?) {
        guard canvas.rows >= 6, canvas.columns >= 20 else { return }
        if let status {
            canvas.fill(row: canvas.rows - 1, column: 0, width: canvas.columns, role: .info)
            _ = canvas.text(" " + status, row: canvas.rows - 1, column: 0, role: .info, width: canvas.columns)
        }
        guard let caption else { return }
        let width = min(canvas.columns - 4, 72)
        let lines = Array(Widgets.wrap(caption, width: width - 4).prefix(max(1, canvas.rows / 3)))
        let rect = Rect(row: canvas.rows - 3 - lines.count, column: (canvas.columns - width) / 2, width: width, height: lines.count + 2)
        canvas.fill(row: rect.row, column: rect.column, width: rect.width, height: rect.height, role: .info)
        Widgets.box(&canvas, rect, role: .info)
        for (offset, line) in lines.enumerated() {
            _ = canvas.text(line, row: rect.row + 1 + offset, column: rect.column + 2, role: .info, width: width - 4)
        }
    }
}
