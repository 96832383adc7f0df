/// The autopilot over the terminal's screen (`play`): the bottom line says what the autopilot
/// does and that Esc hands over the keyboard. The caption is the terminal's own (`AppState.caption`),
/// laid out in lines of its own above the message.
public enum AutopilotView {
    public static func overlay(_ canvas: inout Canvas, status: String?) {
        guard let status, canvas.rows >= 6, canvas.columns >= 20 else { return }
        canvas.fill(row: canvas.rows - 1, column: 0, width: canvas.columns, role: .info)
        _ = canvas.text(" " + status, row: canvas.rows - 1, column: 0, role: .info, width: canvas.columns)
    }
}
