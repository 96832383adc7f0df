import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Standard output and standard error through one door: what is written is made safe for a
/// terminal (`SafeText`, newlines and tabs kept) and every write is checked, so a full disk, a
/// closed stream or a broken pipe is an error the command reports (one `Error:` line and a
/// non-zero exit), never a trap and never a silent success.
public final class StandardStream: Sendable {
    public static let output = StandardStream(descriptor: STDOUT_FILENO, name: "standard output")
    public static let error = StandardStream(descriptor: STDERR_FILENO, name: "standard error")

    let descriptor: Int32
    public let name: String
    /// Set when the process started with this descriptor closed (`ProcessGuard.prepare` keeps
    /// the number taken so no file opened later becomes "standard output").
    private let closedAtStart = Mutex(false)
    /// The first write that failed.
    private let firstFailure = Mutex<StreamFailure?>(nil)

    init(descriptor: Int32, name: String) {
        self.descriptor = descriptor
        self.name = name
    }

    func markClosedAtStart() { closedAtStart.withLock { $0 = true } }

    /// Writes `text` whole, made safe (`layout`), or throws.
    public func write(_ text: String, _ layout: SafeText.Layout = .block) throws {
        try writeBytes(Array(SafeText.escaped(text, layout).utf8))
    }

    /// Writes a line (the text made safe as a block, then a newline).
    public func line(_ text: String = "") throws { try write(text + "\n") }

    /// Writes bytes that are already safe (a program's own terminal control), checked.
    public func writeBytes(_ bytes: [UInt8]) throws {
        if closedAtStart.withLock({ $0 }) { throw fail(EBADF) }
        var offset = 0
        try bytes.withUnsafeBytes { buffer in
            while offset < buffer.count {
                let count = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if count < 0, errno == EINTR { continue }
                guard count > 0 else { throw fail(count < 0 ? errno : EIO) }
                offset += count
            }
        }
    }

    private func fail(_ code: Int32) -> StreamFailure {
        let failure = StreamFailure(stream: name, code: code)
        firstFailure.withLock { if $0 == nil { $0 = failure } }
        return failure
    }

    /// The first write that failed, if one did (for a program that went on without it).
    public var failure: StreamFailure? { firstFailure.withLock { $0 } }
}

/// A write to standard output or error that failed.
public struct StreamFailure: Error, CustomStringConvertible, Equatable, Sendable {
    public let stream: String
    public let code: Int32

    public init(stream: String, code: Int32) {
        self.stream = stream
        self.code = code
    }

    public var description: String {
        code == EBADF ? "cannot write to \(stream): it is closed" : "cannot write to \(stream): \(String(cString: strerror(code)))"
    }
}
