/// The one door for text that leaves the program: whatever came from data (labels, names,
/// email addresses, mail, scenario text, server replies, paths) is made safe for a person's
/// terminal or a text file before it is written. Control characters (C0 but the newline and
/// tab a caller keeps, DEL, C1) and the bidirectional overrides and isolates, which reorder
/// what a reader sees, are shown as visible escapes instead of acting on the terminal.
public enum SafeText {
    /// What a piece of text may keep as it is.
    public enum Layout: Sendable {
        /// One value on one line (a label, a name, a table cell): a newline or tab is shown escaped.
        case line
        /// Text of several lines (a mail body, a report): newline and tab kept.
        case block
    }

    /// The text with every control and bidi control shown as `\xHH` (C0, DEL) or `\u{HHHH}`
    /// (C1, bidi), visibly. A string with nothing to escape is returned as it is.
    public static func escaped(_ text: String, _ layout: Layout = .line) -> String {
        guard text.unicodeScalars.contains(where: { needsEscape($0, layout) }) else { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count + 8)
        for scalar in text.unicodeScalars {
            if needsEscape(scalar, layout) {
                result += visible(scalar)
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// Whether the text holds anything `escaped` would change.
    public static func isSafe(_ text: String, _ layout: Layout = .line) -> Bool {
        !text.unicodeScalars.contains { needsEscape($0, layout) }
    }

    /// C0, DEL, C1, and the bidi embeddings, overrides and isolates (U+202A-202E, U+2066-2069).
    public static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        return v < 0x20 || (0x7F...0x9F).contains(v) || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v)
    }

    static func needsEscape(_ scalar: Unicode.Scalar, _ layout: Layout) -> Bool {
        guard isControl(scalar) else { return false }
        if layout == .block, scalar == "\n" || scalar == "\t" { return false }
        return true
    }

    /// How one control character is shown.
    public static func visible(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        if scalar.value <= 0x7F { return "\\x" + (hex.count < 2 ? "0" : "") + hex }
        return "\\u{" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex + "}"
    }
}

extension String {
    /// This text made safe to show (`SafeText.escaped`).
    public func safe(_ layout: SafeText.Layout = .line) -> String { SafeText.escaped(self, layout) }
}
