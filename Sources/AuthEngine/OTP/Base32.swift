/// RFC 4648 Base32, upper case, without padding as authenticator apps expect.
public enum Base32 {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".utf8)

    public static func encode(_ bytes: [UInt8]) -> String {
        var out = [UInt8]()
        out.reserveCapacity((bytes.count * 8 + 4) / 5)
        var buffer = 0, bits = 0
        for byte in bytes {
            buffer = (buffer << 8) | Int(byte)
            bits += 8
            while bits >= 5 {
                out.append(alphabet[(buffer >> (bits - 5)) & 31])
                bits -= 5
            }
        }
        if bits > 0 { out.append(alphabet[(buffer << (5 - bits)) & 31]) }
        return String(decoding: out, as: UTF8.self)
    }

    /// Decodes case-insensitively, ignoring spaces, hyphens and trailing `=`; nil on any other character.
    public static func decode(_ text: String) -> [UInt8]? {
        var out = [UInt8]()
        var buffer = 0, bits = 0
        var seenPadding = false
        for scalar in text.unicodeScalars {
            if scalar == " " || scalar == "-" { continue }
            if scalar == "=" { seenPadding = true; continue }
            if seenPadding { return nil }
            let value: Int
            switch scalar {
            case "A"..."Z": value = Int(scalar.value - 65)
            case "a"..."z": value = Int(scalar.value - 97)
            case "2"..."7": value = Int(scalar.value - 50 + 26)
            default: return nil
            }
            buffer = (buffer << 5) | value
            bits += 5
            if bits >= 8 {
                out.append(UInt8((buffer >> (bits - 8)) & 0xFF))
                bits -= 8
            }
            buffer &= 0xFF
        }
        return out
    }
}
