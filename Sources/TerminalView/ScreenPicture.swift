import SafeIO

/// A screen as a picture: the canvas drawn as inline SVG, cell for cell, in the colours and
/// attributes the terminal gives each role (`Look`), with the cursor. The one renderer of a
/// screen to a picture (handouts, class cards). Each row is one `<text>` whose characters are
/// the row of `Canvas.lines`, so what a picture says can be read back and checked.
public enum ScreenPicture {
    /// Cell size in SVG units: a monospaced font of 16 at 0.6 em wide.
    static let cellWidth = 9.6
    static let cellHeight = 19.2

    /// The terminal's own colours (a dark terminal), and its eight.
    static let defaultForeground = "#d4d4d4", defaultBackground = "#1b1d1e"

    static func hex(_ colour: TerminalColour) -> String {
        switch colour {
        case .black: "#1b1d1e"
        case .red: "#e0524f"
        case .green: "#5fb85a"
        case .yellow: "#e8c547"
        case .blue: "#2f6db5"
        case .magenta: "#b66ac9"
        case .cyan: "#43b3c4"
        case .white: "#eeeeee"
        }
    }

    public static func svg(_ canvas: Canvas, label: String) -> String {
        let width = Double(canvas.columns) * cellWidth, height = Double(canvas.rows) * cellHeight
        var out = """
        <svg xmlns="http://www.w3.org/2000/svg" class="screen" viewBox="0 0 \(number(width)) \(number(height))" role="img" \
        aria-label="\(XMLText.escaped(label))" font-family="'DejaVu Sans Mono', 'Liberation Mono', monospace" font-size="16">
        <rect width="\(number(width))" height="\(number(height))" rx="6" fill="\(defaultBackground)" stroke="#888888" stroke-width="2"/>

        """
        for row in 0..<canvas.rows {
            // Backgrounds first (up to the last cell that is not plain blank), then the text
            // over them (up to the last character that is not a space, as `Canvas.lines`).
            var blankEnd = canvas.columns, textEnd = canvas.columns
            while blankEnd > 0, canvas[row, blankEnd - 1] == .blank { blankEnd -= 1 }
            while textEnd > 0, canvas[row, textEnd - 1].character == " ", !canvas[row, textEnd - 1].isContinuation { textEnd -= 1 }
            for run in self.runs(canvas, row: row, end: blankEnd) {
                guard let background = Look.of(run.role).background else { continue }
                out += "<rect x=\"\(number(Double(run.column) * cellWidth))\" y=\"\(number(Double(row) * cellHeight))\" "
                    + "width=\"\(number(Double(run.cells) * cellWidth))\" height=\"\(number(cellHeight))\" fill=\"\(hex(background))\"/>\n"
            }
            if let cursor = canvas.cursor, cursor.row == row {
                out += "<rect class=\"cursor\" x=\"\(number(Double(cursor.column) * cellWidth))\" y=\"\(number(Double(row + 1) * cellHeight - 3))\" "
                    + "width=\"\(number(cellWidth))\" height=\"2\" fill=\"\(defaultForeground)\"/>\n"
            }
            let runs = self.runs(canvas, row: row, end: textEnd)
            guard !runs.isEmpty else { continue }
            out += "<text class=\"row\" y=\"\(number(Double(row) * cellHeight + cellHeight * 0.78))\" xml:space=\"preserve\">"
            for run in runs {
                let look = Look.of(run.role)
                var attributes = "x=\"\(number(Double(run.column) * cellWidth))\" textLength=\"\(number(Double(run.cells) * cellWidth))\" "
                    + "lengthAdjust=\"spacingAndGlyphs\" fill=\"\(look.foreground.map(hex) ?? defaultForeground)\""
                if look.bold { attributes += " font-weight=\"bold\"" }
                if look.underline { attributes += " text-decoration=\"underline\"" }
                if look.dim { attributes += " opacity=\"0.7\"" }
                out += "<tspan \(attributes)>\(XMLText.escaped(run.text))</tspan>"
            }
            out += "</text>\n"
        }
        return out + "</svg>"
    }

    /// A stretch of a row in one role.
    struct Run {
        var column: Int
        var cells: Int
        var role: Role
        var text: String
    }

    /// The row's cells before `end`, cut where the role changes.
    static func runs(_ canvas: Canvas, row: Int, end: Int) -> [Run] {
        var runs: [Run] = []
        for column in 0..<end {
            let cell = canvas[row, column]
            if let last = runs.last, last.role == cell.role {
                runs[runs.count - 1].cells += 1
                if !cell.isContinuation { runs[runs.count - 1].text.append(cell.character) }
            } else {
                runs.append(Run(column: column, cells: 1, role: cell.role, text: cell.isContinuation ? "" : String(cell.character)))
            }
        }
        return runs
    }

    /// A coordinate without needless digits (96, 9.6, 19.2).
    static func number(_ value: Double) -> String {
        let rounded = (value * 100).rounded() / 100
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }
}
