import AuthEngine
import TerminalCore

enum ProfileView {
    static func draw(_ canvas: inout Canvas, _ s: ProfileScreen, _ state: AppState, _ content: Rect) {
        let inner = Renderer.panel(&canvas, content, title: s.function.title, width: 76, height: content.height)
        var y = inner.row
        switch s.stage {
        case .userID:
            let hint = s.function == .create ? "Enter the new User ID and the user's email address, then SUBMIT." : "Enter the User ID, then SUBMIT."
            canvas.text(hint, row: y, column: inner.column, role: .subtle, width: inner.width)
            Widgets.form(&canvas, s.form, row: y + 2, column: inner.column, width: inner.width, fieldWidth: 40, redact: state.redactSecrets)
        case .profile(let fields):
            y = fieldsTable(&canvas, fields, row: y, inner)
            Widgets.form(&canvas, s.form, row: y + 1, column: inner.column, width: inner.width, fieldWidth: 40, redact: state.redactSecrets)
        case .checker(let pending):
            y = Widgets.paragraph(&canvas, "Request by \(pending.maker): \(pending.change.summary).", row: y, column: inner.column, width: inner.width, role: .label)
            y = Widgets.paragraph(&canvas, "To be performed by DA Checker: enter Checker ID and Authorization Code, then Confirm.",
                                  row: y + 1, column: inner.column, width: inner.width, role: .subtle)
            Widgets.form(&canvas, s.form, row: y + 1, column: inner.column, width: inner.width, redact: state.redactSecrets)
        case .done:
            canvas.text("Done.", row: y, column: inner.column, role: .success)
            Widgets.form(&canvas, s.form, row: y + 2, column: inner.column, width: inner.width)
        }
    }

    /// Label and value a line; returns the next free row.
    static func fieldsTable(_ canvas: inout Canvas, _ fields: [ProfileField], row: Int, _ inner: Rect) -> Int {
        var y = row
        for field in fields {
            canvas.text(field.label, row: y, column: inner.column, role: .label, width: 32)
            canvas.text(field.value, row: y, column: inner.column + 33, width: inner.width - 33)
            y += 1
        }
        return y
    }
}
