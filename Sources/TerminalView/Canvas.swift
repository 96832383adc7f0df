/// What a cell means; the backend picks colours and attributes for each role (and keeps
/// focus and errors visible with reverse and bold when there is no colour).
public enum Role: UInt8, Equatable, Sendable, CaseIterable {
    case normal
    case title
    case subtle
    case frame
    case heading
    case label
    case field
    case fieldFocused
    case button
    case buttonFocused
    case error
    case success
    case info
    case hint
    /// QR modules: drawn dark on light whatever the terminal's colours.
    case qrDark
}

public struct Cell: Equatable, Sendable {
    public var character: Character
    public var role: Role

    public init(_ character: Character, _ role: Role) {
        self.character = character
        self.role = role
    }

    public static let blank = Cell(" ", .normal)
}

/// A grid of styled cells: what one frame shows. Pure data, compared in tests as text.
public struct Canvas: Equatable, Sendable {
    public let columns: Int
    public let rows: Int
    public private(set) var cells: [Cell]
    /// Where the terminal cursor goes (a focused field), or nil to hide it.
    public var cursor: (row: Int, column: Int)? {
        get { cursorRow.map { ($0, cursorColumn) } }
        set {
            cursorRow = newValue?.row
            cursorColumn = newValue?.column ?? 0
        }
    }
    private var cursorRow: Int?
    private var cursorColumn = 0

    public init(columns: Int, rows: Int) {
        self.columns = max(0, columns)
        self.rows = max(0, rows)
        cells = Array(repeating: .blank, count: self.columns * self.rows)
    }

    public subscript(row: Int, column: Int) -> Cell {
        get { cells[row * columns + column] }
        set {
            guard row >= 0, row < rows, column >= 0, column < columns else { return }
            cells[row * columns + column] = newValue
        }
    }

    /// Writes text from (row, column), clipped to `width` (default: to the edge). Returns the end column.
    @discardableResult
    public mutating func text(_ text: String, row: Int, column: Int, role: Role = .normal, width: Int? = nil) -> Int {
        guard row >= 0, row < rows else { return column }
        let limit = min(columns, column + (width ?? columns))
        var x = column
        for character in text {
            guard x < limit else { break }
            if x >= 0 { self[row, x] = Cell(character, role) }
            x += 1
        }
        return x
    }

    public mutating func fill(row: Int, column: Int, width: Int, height: Int = 1, role: Role, character: Character = " ") {
        for y in row..<(row + height) {
            for x in column..<(column + width) { self[y, x] = Cell(character, role) }
        }
    }

    /// The frame as plain text, one line per row, trailing spaces removed.
    public var lines: [String] {
        (0..<rows).map { row in
            var line = String(cells[(row * columns)..<((row + 1) * columns)].map(\.character))
            while line.last == " " { line.removeLast() }
            return line
        }
    }

    public var text: String { lines.joined(separator: "\n") + "\n" }

    public static func == (a: Canvas, b: Canvas) -> Bool {
        a.columns == b.columns && a.rows == b.rows && a.cells == b.cells && a.cursorRow == b.cursorRow && a.cursorColumn == b.cursorColumn
    }
}

/// A rectangle on the canvas.
public struct Rect: Equatable, Sendable {
    public var row: Int
    public var column: Int
    public var width: Int
    public var height: Int

    public init(row: Int, column: Int, width: Int, height: Int) {
        self.row = row
        self.column = column
        self.width = width
        self.height = height
    }

    /// A centred rectangle of at most this size inside `self`.
    public func centred(width: Int, height: Int) -> Rect {
        let w = min(width, self.width), h = min(height, self.height)
        return Rect(row: row + (self.height - h) / 2, column: column + (self.width - w) / 2, width: w, height: h)
    }

    public func inset(_ by: Int) -> Rect {
        Rect(row: row + by, column: column + by * 2, width: max(0, width - by * 4), height: max(0, height - by * 2))
    }
}
