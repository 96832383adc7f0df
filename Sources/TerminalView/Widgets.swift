import TerminalCore

/// Drawing pieces shared by the screens.
public enum Widgets {
    /// A single-line box with an optional title in the top border.
    public static func box(_ canvas: inout Canvas, _ rect: Rect, title: String? = nil, role: Role = .frame) {
        guard rect.width >= 2, rect.height >= 2 else { return }
        let right = rect.column + rect.width - 1, bottom = rect.row + rect.height - 1
        canvas.fill(row: rect.row, column: rect.column, width: rect.width, height: rect.height, role: .normal)
        for x in (rect.column + 1)..<right {
            canvas[rect.row, x] = Cell("─", role)
            canvas[bottom, x] = Cell("─", role)
        }
        for y in (rect.row + 1)..<bottom {
            canvas[y, rect.column] = Cell("│", role)
            canvas[y, right] = Cell("│", role)
        }
        canvas[rect.row, rect.column] = Cell("┌", role)
        canvas[rect.row, right] = Cell("┐", role)
        canvas[bottom, rect.column] = Cell("└", role)
        canvas[bottom, right] = Cell("┘", role)
        if let title, rect.width > 6 {
            canvas.text(" \(title) ", row: rect.row, column: rect.column + 2, role: .heading, width: rect.width - 4)
        }
    }

    /// Words wrapped to `width` columns.
    public static func wrap(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = ""
            for word in paragraph.split(separator: " ") {
                var word = String(word)
                while word.count > width {
                    if !line.isEmpty { lines.append(line); line = "" }
                    lines.append(String(word.prefix(width)))
                    word = String(word.dropFirst(width))
                }
                if line.isEmpty { line = word } else if line.count + 1 + word.count <= width { line += " " + word } else {
                    lines.append(line)
                    line = word
                }
            }
            lines.append(line)
        }
        return lines
    }

    /// Writes wrapped text; returns the next free row.
    @discardableResult
    public static func paragraph(_ canvas: inout Canvas, _ text: String, row: Int, column: Int, width: Int, role: Role = .normal) -> Int {
        var y = row
        for line in wrap(text, width: width) {
            canvas.text(line, row: y, column: column, role: role, width: width)
            y += 1
        }
        return y
    }

    /// Draws a form: one field a row (label, then the field), then the buttons in rows.
    /// Sets the cursor in the focused field. Returns the next free row.
    @discardableResult
    public static func form(_ canvas: inout Canvas, _ form: Form, row: Int, column: Int, width: Int,
                            labelWidth: Int = 22, fieldWidth: Int = 30, active: Bool = true, redact: Bool = false,
                            afterFields: ((inout Canvas, Int) -> Int)? = nil) -> Int {
        var y = row
        var buttons: [(index: Int, label: String)] = []
        for (index, item) in form.items.enumerated() {
            switch item {
            case .field(let field):
                let focused = active && index == form.focus
                canvas.text(field.label, row: y, column: column, role: .label, width: labelWidth - 1)
                let x = column + labelWidth
                // As wide as the longest value (plus the cursor), within the room there is.
                let w = max(4, min(fieldWidth, field.maxLength + 1, width - labelWidth))
                canvas.fill(row: y, column: x, width: w, role: focused ? .fieldFocused : .field, character: "_")
                // Long values scroll so the cursor stays visible.
                // A recording shows every secret masked, OTPs included.
                let display = redact ? Array(String(repeating: "*", count: field.text.count)) : Array(field.display)
                let offset = max(0, field.cursor - (w - 1))
                let visible = String(display.dropFirst(offset).prefix(w))
                canvas.text(visible, row: y, column: x, role: focused ? .fieldFocused : .field, width: w)
                if focused { canvas.cursor = (y, x + field.cursor - offset) }
                y += 2
            case .button(_, let label):
                buttons.append((index, label))
            }
        }
        if let afterFields { y = afterFields(&canvas, y) + 1 }
        var x = column
        for button in buttons {
            let text = "[ \(button.label) ]"
            if x > column, x + text.count > column + width {
                y += 2
                x = column
            }
            let focused = active && button.index == form.focus
            canvas.text(text, row: y, column: x, role: focused ? .buttonFocused : .button, width: column + width - x)
            x += text.count + 2
        }
        return buttons.isEmpty ? y : y + 1
    }

    /// The live checklist of the password policy for a candidate password.
    @discardableResult
    public static func checklist(_ canvas: inout Canvas, policy: PasswordPolicyView, password: String, confirmation: String?,
                                 row: Int, column: Int, width: Int) -> Int {
        var y = row
        for (label, met) in policy.items(password) {
            canvas.text("\(met ? "✓" : "✗") \(label)", row: y, column: column, role: met ? .success : .subtle, width: width)
            y += 1
        }
        if let confirmation {
            let met = !password.isEmpty && password == confirmation
            canvas.text("\(met ? "✓" : "✗") Both entries are the same", row: y, column: column, role: met ? .success : .subtle, width: width)
            y += 1
        }
        return y
    }
}

import AuthEngine

/// The checklist's view of a policy profile.
public struct PasswordPolicyView {
    let policy: PasswordPolicy
    let userID: String?

    public init(_ policy: PasswordPolicy, userID: String?) {
        self.policy = policy
        self.userID = userID
    }

    func items(_ password: String) -> [(String, Bool)] {
        policy.checklist(password, context: PasswordContext(userID: userID)).map { ($0.rule.label, $0.met) }
    }
}
