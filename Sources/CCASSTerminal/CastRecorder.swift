import Foundation
import TerminalView
#if canImport(Glibc)
import Glibc
#endif

/// Writes an asciicast v2 recording (playable with `asciinema play`) of the frames a session
/// showed, drawn with every secret redacted: OTPs, the enrolment key and the QR code never
/// reach the file, and passwords are masked as on screen.
final class CastRecorder {
    private let handle: FileHandle
    private let start = Date()
    private var size: (columns: Int, rows: Int)

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    init(path: String, columns: Int, rows: Int, term: String) throws {
        let fd = open(path, O_CREAT | O_TRUNC | O_WRONLY | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw Failure(description: "cannot write the recording \(path): \(String(cString: strerror(errno)))") }
        handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
        size = (columns, rows)
        let header: [String: Any] = [
            "version": 2, "width": columns, "height": rows, "timestamp": Int(start.timeIntervalSince1970),
            "title": "ccass-terminal", "env": ["TERM": term],
        ]
        try write(JSONSerialization.data(withJSONObject: header, options: [.sortedKeys]))
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
        if let line = try? JSONSerialization.data(withJSONObject: [rounded, kind, data]) { try? write(line) }
    }

    private func write(_ data: Data) throws {
        try handle.write(contentsOf: data + Data("\n".utf8))
    }

    func close() { try? handle.close() }
}
