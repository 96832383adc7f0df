/// A terminal's size in cells.
public struct Size: Equatable, Sendable, Hashable {
    public var columns: Int
    public var rows: Int
    public init(columns: Int, rows: Int) {
        self.columns = columns
        self.rows = rows
    }

    public static let minimum = Size(columns: 80, rows: 24)
    public var isLargeEnough: Bool { columns >= Size.minimum.columns && rows >= Size.minimum.rows }
}
