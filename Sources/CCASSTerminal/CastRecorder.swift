import Foundation
import TerminalView

/// Writes an asciicast v2 recording (playable with `asciinema play`) of the frames a session
/// showed, drawn with every secret redacted: OTPs, the enrolment key and the QR code never
/// reach the file, and passwords are masked as on screen.
final class CastRecorder {
    private let file: RecordingFile
    private let start = Date()
    private var size: (columns: Int, rows: Int)

    init(path: String, replace: Bool, columns: Int, rows: Int, term: String) throws {
        file = try RecordingFile(path: path, replace: replace, option: "--record")
        size = (columns, rows)
        let header: [String: Any] = [
            "version": 2, "width": columns, "height": rows, "timestamp": Int(start.timeIntervalSince1970),
            "title": "ccass-terminal", "env": ["TERM": term],
        ]
        write(try JSONSerialization.data(withJSONObject: header, options: [.sortedKeys]))
    }

    /// Records a frame (a whole screen; asciinema replays it exactly).
    func frame(_ canvas: Canvas) {
        let time = Date().timeIntervalSince(start)
        if canvas.columns != size.columns || canvas.rows != size.rows {
            size = (canvas.columns, canvas.rows)
            event(time, "r", "\(canvas.columns)x\(canvas.rows)")
        }
        event(time, "o", "\u{1B}[H\u{1B}[2J" + canvas.lines.joined(separator: "\r\n"))
    }

    private func event(_ time: TimeInterval, _ kind: String, _ data: String) {
        let rounded = (time * 1_000_000).rounded() / 1_000_000
        if let line = try? JSONSerialization.data(withJSONObject: [rounded, kind, data]) { write(line) }
    }

    private func write(_ data: Data) {
        file.line(String(decoding: data, as: UTF8.self))
    }

    /// Ends the recording; throws when it could not be written.
    func finish() throws { try file.finish() }
}
