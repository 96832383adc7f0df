import SafeIO
import TerminalCore

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
    case warning
    case hint
    /// QR modules: drawn dark on light whatever the terminal's colours.
    case qrDark
}

public struct Cell: Equatable, Sendable {
    public var character: Character
    public var role: Role
    /// The right half of a wide character drawn in the cell to the left: nothing of its own.
    public var isContinuation: Bool

    public init(_ character: Character, _ role: Role, continuation: Bool = false) {
        self.character = character
        self.role = role
        isContinuation = continuation
    }

    public static let blank = Cell(" ", .normal)
}

/// A grid of styled cells: what one frame shows. Pure data, compared in tests as text. A wide
/// character takes its cell and a continuation cell to its right; writing over either half
/// blanks the other, so a frame never holds half a character.
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

    public func contains(row: Int, column: Int) -> Bool { row >= 0 && row < rows && column >= 0 && column < columns }

    public subscript(row: Int, column: Int) -> Cell {
        get { contains(row: row, column: column) ? cells[row * columns + column] : .blank }
        set {
            guard contains(row: row, column: column) else { return }
            // Never leave half of a wide character behind.
            let old = cells[row * columns + column]
            if old.isContinuation, column > 0 { cells[row * columns + column - 1] = Cell(" ", cells[row * columns + column - 1].role) }
            if !old.isContinuation, column + 1 < columns, cells[row * columns + column + 1].isContinuation {
                cells[row * columns + column + 1] = Cell(" ", old.role)
            }
            cells[row * columns + column] = newValue
        }
    }

    /// Writes text from (row, column), clipped to `width` cells (default: to the edge). A wide
    /// character that would not fit whole is left out. Control characters from data are shown
    /// as their escapes (`SafeText`), never sent to the terminal. Returns the end column.
    @discardableResult
    public mutating func text(_ text: String, row: Int, column: Int, role: Role = .normal, width: Int? = nil) -> Int {
        guard row >= 0, row < rows else { return column }
        let limit = min(columns, column + max(0, width ?? columns))
        var x = column
        for character in text.safe() {
            let w = DisplayWidth.of(character)
            if w == 0 { continue }
            guard x + w <= limit else { break }
            if x >= 0 {
                self[row, x] = Cell(character, role)
                if w == 2 { self[row, x + 1] = Cell(" ", role, continuation: true) }
            }
            x += w
        }
        return x
    }

    /// Fills a rectangle; nothing for an empty or negative size.
    public mutating func fill(row: Int, column: Int, width: Int, height: Int = 1, role: Role, character: Character = " ") {
        let top = max(0, row), bottom = min(rows, row + height), left = max(0, column), right = min(columns, column + width)
        guard top < bottom, left < right else { return }
        for y in top..<bottom {
            for x in left..<right { self[y, x] = Cell(character, role) }
        }
    }

    /// The frame as plain text, one line per row, trailing spaces removed.
    public var lines: [String] {
        (0..<rows).map { row in
            var line = String(cells[(row * columns)..<((row + 1) * columns)].filter { !$0.isContinuation }.map(\.character))
            while line.last == " " { line.removeLast() }
            return line
        }
    }

    public var text: String { lines.joined(separator: "\n") + "\n" }

    /// Copies another canvas in at an offset (the presenter view's terminal part).
    public mutating func paste(_ other: Canvas, row: Int, column: Int) {
        for y in 0..<other.rows {
            for x in 0..<other.columns where contains(row: row + y, column: column + x) {
                cells[(row + y) * columns + column + x] = other.cells[y * other.columns + x]
            }
        }
    }

    /// The spans of each row that differ from `old`, widened to whole wide characters of both
    /// frames: writing the new cells of these spans over `old` gives exactly this frame.
    public func changedSpans(from old: Canvas) -> [(row: Int, first: Int, last: Int)] {
        guard old.columns == columns, old.rows == rows else {
            return (0..<rows).map { ($0, 0, columns - 1) }
        }
        var spans: [(row: Int, first: Int, last: Int)] = []
        for row in 0..<rows {
            guard var first = (0..<columns).first(where: { old[row, $0] != self[row, $0] }),
                  var last = (0..<columns).last(where: { old[row, $0] != self[row, $0] }) else { continue }
            while first > 0, self[row, first].isContinuation || old[row, first].isContinuation { first -= 1 }
            while last + 1 < columns, self[row, last + 1].isContinuation || old[row, last + 1].isContinuation { last += 1 }
            spans.append((row, first, last))
        }
        return spans
    }

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

    public var bottom: Int { row + height }

    /// A centred rectangle of at most this size inside `self`.
    public func centred(width: Int, height: Int) -> Rect {
        let w = min(width, self.width), h = min(height, self.height)
        return Rect(row: row + (self.height - h) / 2, column: column + (self.width - w) / 2, width: w, height: h)
    }
}
