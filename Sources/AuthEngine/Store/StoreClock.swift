import Foundation
import Glibc
import SafeIO

/// The clock of a data directory, shared by every process on it (the terminal, every seat of a
/// class, `authenticator`, `mailbox`, the dashboard): the system clock shifted by the offset
/// kept in the `clock` file beside the store. No file: the real clock. `--clock`, F5-F8 and
/// `class clock` write the file; each reading reads it, so a move made in one process is the
/// time of all of them at once.
public final class StoreClock: AdjustableClock {
    public static let fileName = "clock"

    public let url: URL

    public init(directory: URL) {
        url = directory.appendingPathComponent(Self.fileName)
    }

    public func now() -> Date { Date().addingTimeInterval(offset) }

    /// Seconds this store's clock is ahead of the real clock (negative: behind), read from the
    /// file at every call (a few microseconds for 15 bytes): a cache keyed on the file's inode
    /// and times could miss two quick writes. A damaged file reads as the real clock.
    public var offset: TimeInterval {
        let fd = open(url.path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { return 0 }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: 64)
        let count = read(fd, &buffer, buffer.count)
        guard count > 0 else { return 0 }
        let text = String(decoding: buffer[0..<count], as: UTF8.self)
        guard let line = text.split(whereSeparator: \.isNewline).first, let value = TimeInterval(String(line.trimmingBlanks)),
              value.isFinite, abs(value) < 200 * 365 * 86_400 else { return 0 }
        return value
    }

    /// Whether the store runs on the real clock (no offset kept).
    public var isReal: Bool { !FileManager.default.fileExists(atPath: url.path) }

    /// Every process on the store now reads `date`, and runs on from it.
    public func set(_ date: Date) throws { try write { _ in date.timeIntervalSinceNow } }

    /// Moves the clock on; two processes moving it at once both count (the file is read and
    /// written under the folder's lock).
    public func advance(by interval: TimeInterval) throws {
        try write { $0 + interval }
    }

    /// Back to the real clock.
    public func setReal() throws {
        if unlink(url.path) != 0, errno != ENOENT { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
    }

    /// Written whole beside the file and renamed into place (through the files door, under the
    /// folder's lock), so a reader never sees half a number. A failure is the door's `FileProblem`,
    /// which `StoreFault` names (disk full, read-only, I/O error).
    private func write(offset change: (TimeInterval) -> TimeInterval) throws {
        try PrivateFiles.withLock(on: url.deletingLastPathComponent()) {
            // Not fsynced: a clock lost in a power cut is the real clock again, no harm.
            // Kept to the millisecond, rounded up: a clock set to 09:00 never reads 08:59:59.
            try PrivateFiles.replace(url, with: "\((change(offset) * 1000).rounded(.up) / 1000)\n", durable: false)
        }
    }
}
