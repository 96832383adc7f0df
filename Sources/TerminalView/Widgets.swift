import AuthDomain
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

    /// Words wrapped to `width` cells (display width); a word longer than a line is broken.
    public static func wrap(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = "", lineWidth = 0
            for word in paragraph.split(separator: " ") {
                var word = String(word)
                while DisplayWidth.of(word) > width {
                    if !line.isEmpty { lines.append(line); line = ""; lineWidth = 0 }
                    let head = DisplayWidth.prefix(word, width: width)
                    lines.append(head)
                    word = String(word.dropFirst(max(1, head.count)))
                }
                let w = DisplayWidth.of(word)
                if line.isEmpty {
                    line = word
                    lineWidth = w
                } else if lineWidth + 1 + w <= width {
                    line += " " + word
                    lineWidth += 1 + w
                } else {
                    lines.append(line)
                    line = word
                    lineWidth = w
                }
            }
            lines.append(line)
        }
        return lines
    }

    /// Rows a form takes at a width: a field and a blank row each, then the buttons and
    /// toggles in rows.
    public static func formHeight(_ form: Form, width: Int, labelWidth: Int = 22) -> Int {
        var writer = Writer(measuring: width)
        writer.form(form, labelWidth: labelWidth)
        return writer.used
    }
}

/// Writes a screen's content top to bottom inside a rectangle, and never outside it: what does
/// not fit is cut, never drawn over a border. The same body run on a measuring writer says
/// how tall a box must be.
public struct Writer {
    public private(set) var canvas: Canvas
    public let rect: Rect
    /// The next free row.
    public var row: Int
    /// Drawing as the operator sees it (false for a pop-up's background screen).
    public var active = true
    /// A recording or a handout: every typed secret is masked, codes included.
    public var redact = false

    public init(_ canvas: Canvas, _ rect: Rect) {
        self.canvas = canvas
        self.rect = rect
        row = rect.row
    }

    /// A writer that only counts rows.
    public init(measuring width: Int) {
        canvas = Canvas(columns: 0, rows: 0)
        rect = Rect(row: 0, column: 0, width: width, height: Int.max / 4)
        row = 0
    }

    public var used: Int { row - rect.row }
    public var width: Int { rect.width }
    var fits: Bool { row < rect.bottom }

    public mutating func gap(_ rows: Int = 1) { row += rows }

    /// One line, cut at the right edge (with a mark when `markCut`).
    public mutating func line(_ text: String, role: Role = .normal, indent: Int = 0, markCut: Bool = false) {
        if fits {
            let room = rect.width - indent
            if markCut, DisplayWidth.of(text) > room, room > 1 {
                canvas.text(DisplayWidth.prefix(text, width: room - 1) + "›", row: row, column: rect.column + indent, role: role, width: room)
            } else {
                canvas.text(text, row: row, column: rect.column + indent, role: role, width: room)
            }
        }
        row += 1
    }

    /// Wrapped text.
    public mutating func paragraph(_ text: String, role: Role = .normal, indent: Int = 0) {
        for line in Widgets.wrap(text, width: rect.width - indent) { self.line(line, role: role, indent: indent) }
    }

    /// Label / value rows, the value wrapped beside its label.
    public mutating func pairs(_ pairs: [(String, String)], labelWidth: Int) {
        for (label, value) in pairs {
            let lines = Widgets.wrap(value, width: max(1, rect.width - labelWidth))
            for (i, text) in (lines.isEmpty ? [""] : lines).enumerated() {
                if fits {
                    if i == 0 { canvas.text(label, row: row, column: rect.column, role: .label, width: labelWidth - 1) }
                    canvas.text(text, row: row, column: rect.column + labelWidth, width: rect.width - labelWidth)
                }
                row += 1
            }
        }
    }

    /// A form: one field a row (label, then the field), then the buttons and toggles in rows.
    /// Puts the cursor in the focused field. `afterFields` writes between fields and buttons.
    public mutating func form(_ form: Form, labelWidth: Int = 22, fieldWidth: Int = 30, afterFields: ((inout Writer) -> Void)? = nil) {
        var actions: [(index: Int, text: String)] = []
        for (index, item) in form.items.enumerated() {
            switch item {
            case .field(let field):
                self.field(field, focused: active && index == form.focus, labelWidth: labelWidth, fieldWidth: fieldWidth)
                row += 2
            case .button(_, let label):
                actions.append((index, "[ \(label) ]"))
            case .toggle(let toggle):
                actions.append((index, toggle.display))
            }
        }
        if let afterFields {
            afterFields(&self)
            row += 1
        }
        var x = rect.column
        for action in actions {
            let w = DisplayWidth.of(action.text)
            if x > rect.column, x + w > rect.column + rect.width {
                row += 2
                x = rect.column
            }
            let focused = active && action.index == form.focus
            if fits { canvas.text(action.text, row: row, column: x, role: focused ? .buttonFocused : .button, width: rect.column + rect.width - x) }
            x += w + 2
        }
        if !actions.isEmpty { row += 1 }
    }

    /// A field: long values scroll so the cursor stays visible; laid out by display width.
    private mutating func field(_ field: TextField, focused: Bool, labelWidth: Int, fieldWidth: Int) {
        guard fits else { return }
        canvas.text(field.label, row: row, column: rect.column, role: .label, width: labelWidth - 1)
        let x = rect.column + labelWidth
        let w = max(4, min(fieldWidth, field.maxLength + 1, rect.width - labelWidth))
        let role: Role = focused ? .fieldFocused : .field
        canvas.fill(row: row, column: x, width: w, role: role, character: "_")
        // A recording or a handout hides what is secret (passwords, codes), not a user ID.
        let secret = field.isMasked || { if case .digits = field.kind { return true } else { return false } }()
        let shown: [Character] = redact && secret ? Array(repeating: "*", count: field.characters.count) : Array(field.display)
        // Scroll by cells so that the cursor's cell is inside the field.
        let widths = shown.map(DisplayWidth.of)
        var start = 0
        while widths[start..<field.cursor].reduce(0, +) > w - 1 { start += 1 }
        var column = x
        for index in start..<shown.count {
            guard column + widths[index] <= x + w else { break }
            canvas.text(String(shown[index]), row: row, column: column, role: role, width: widths[index])
            column += widths[index]
        }
        if focused { canvas.cursor = (row, x + widths[start..<field.cursor].reduce(0, +)) }
    }

    /// The live checklist of the password policy for a candidate password.
    public mutating func checklist(_ policy: PasswordPolicy, userID: String?, password: String, confirmation: String?) {
        for item in policy.checklist(password, context: PasswordContext(userID: userID)) {
            line("\(item.met ? "✓" : "✗") \(item.rule.label)", role: item.met ? .success : .subtle)
        }
        if let confirmation {
            let met = !password.isEmpty && password == confirmation
            line("\(met ? "✓" : "✗") Both entries are the same", role: met ? .success : .subtle)
        }
    }

    /// Draws straight onto the canvas (a QR code), inside the rectangle.
    public mutating func draw(height: Int, _ body: (inout Canvas, Int) -> Void) {
        if row + height <= rect.bottom { body(&canvas, row) }
        row += height
    }
}
