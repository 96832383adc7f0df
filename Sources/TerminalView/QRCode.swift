import CQRencode
import Synchronization

/// A QR code as a matrix of modules, made by libqrencode.
public struct QRCode: Equatable, Sendable {
    public let width: Int
    /// Row-major, true for a dark module.
    public let modules: [Bool]

    /// Error correction M (15% of the symbol may be lost): a screen is sharp and flat, and the
    /// smaller code fits beside the key in a window of 86 columns.
    public init?(_ text: String) {
        guard let code = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1) else { return nil }
        defer { QRcode_free(code) }
        let width = Int(code.pointee.width)
        self.width = width
        modules = (0..<(width * width)).map { code.pointee.data[$0] & 1 == 1 }
    }

    /// The code of the enrolment on screen, made once: a frame is drawn many times, the code
    /// only when the URI changes.
    public static func cached(_ text: String) -> QRCode? {
        if let hit = cache.withLock({ $0?.text == text ? $0?.code : nil }) { return hit }
        let code = QRCode(text)
        cache.withLock { $0 = code.map { (text, $0) } }
        return code
    }

    private static let cache = Mutex<(text: String, code: QRCode)?>(nil)

    public func isDark(row: Int, column: Int) -> Bool {
        guard row >= 0, row < width, column >= 0, column < width else { return false }
        return modules[row * width + column]
    }

    public static let quietZone = 2

    /// Columns and rows the code takes drawn with half blocks (two module rows a line).
    public var drawnSize: (columns: Int, rows: Int) {
        let side = width + 2 * Self.quietZone
        return (side, (side + 1) / 2)
    }

    /// Draws with Unicode half blocks, dark on light, quiet zone included.
    public func draw(_ canvas: inout Canvas, row: Int, column: Int) {
        let side = width + 2 * Self.quietZone
        let q = Self.quietZone
        for line in 0..<((side + 1) / 2) {
            for x in 0..<side {
                let top = isDark(row: line * 2 - q, column: x - q)
                let bottom = isDark(row: line * 2 + 1 - q, column: x - q)
                // Foreground is dark, background light: ▀ dark top, ▄ dark bottom, █ both.
                let character: Character = top ? (bottom ? "█" : "▀") : (bottom ? "▄" : " ")
                canvas[row + line, column + x] = Cell(character, .qrDark)
            }
        }
    }
}
