import SafeIO

/// Left-aligned columns for command output; the last column is not padded. Every cell is made
/// safe (`SafeText`, one line): a name or address from data cannot move the cursor or break
/// the table into lines of its own.
struct TextTable {
    var header: [String]
    var rows: [[String]] = []

    func render() -> String {
        let all = ([header] + rows).map { $0.map { $0.safe() } }
        let widths = header.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
        return all.map { row in
            row.enumerated().map { index, cell in
                index == row.count - 1 ? cell : cell.padding(toLength: widths[index], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }.joined(separator: "\n")
    }
}
