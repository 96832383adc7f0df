/// Text for XML 1.0 documents (JUnit and Cobertura reports): the five markup characters
/// escaped, and what XML 1.0 cannot hold at all (most C0 controls, lone surrogates, U+FFFE and
/// U+FFFF) replaced by its visible escape, so the file always parses.
public enum XMLText {
    /// Character data or an attribute value (quotes escaped too, so it fits either).
    public static func escaped(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&apos;"
            case "\n", "\t": result.unicodeScalars.append(scalar)
            case "\r": result += "&#13;"
            default:
                if allowed(scalar) && !SafeText.isControl(scalar) {
                    result.unicodeScalars.append(scalar)
                } else {
                    result += SafeText.visible(scalar)
                }
            }
        }
        return result
    }

    /// XML 1.0's Char production.
    static func allowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: return true
        default: return false
        }
    }

    /// An element with attributes and, optionally, text or children already written.
    public static func element(_ name: String, _ attributes: KeyValuePairs<String, String> = [:], text: String? = nil, children: String? = nil) -> String {
        let attrs = attributes.map { " \($0.key)=\"\(escaped($0.value))\"" }.joined()
        if let text { return "<\(name)\(attrs)>\(escaped(text))</\(name)>" }
        if let children { return "<\(name)\(attrs)>\(children)</\(name)>" }
        return "<\(name)\(attrs)/>"
    }
}
