import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Writes each message into a Maildir per address (`<root>/<address>/{tmp,new,cur}`),
/// as mutt and other mail readers expect: written to tmp/, fsynced, renamed into new/.
public struct MaildirMailer: Mailer {
    /// Messages this process has written, for their unique names.
    private static let sequence = Mutex(0)

    public let root: URL

    public init(root: URL) { self.root = root }

    public struct Failure: Error, CustomStringConvertible {
        public let description: String
        /// The errno of the call that failed, when one did.
        public var code: Int32? = nil
    }

    /// The Maildir of one address. Addresses are lower-cased; a '/' or a leading '.' is refused.
    public func maildir(for address: String) throws -> URL {
        let name = address.lowercased()
        guard !name.isEmpty, !name.contains("/"), !name.hasPrefix("."), !name.contains("\0") else {
            throw Failure(description: "\"\(address)\" cannot name a Maildir")
        }
        return root.appendingPathComponent(name)
    }

    public func send(_ message: MailMessage) throws {
        let dir = try maildir(for: message.to)
        let fm = FileManager.default
        for sub in ["tmp", "new", "cur"] {
            try fm.createDirectory(at: dir.appendingPathComponent(sub), withIntermediateDirectories: true,
                                   attributes: [.posixPermissions: 0o700])
        }
        // Maildir's unique name: the message's time, then the real time in microseconds and a
        // counter, so two messages with the same Date sort in the order they were written.
        let microseconds = Int64(Date().timeIntervalSince1970 * 1_000_000)
        let sequence = Self.sequence.withLock { counter -> Int in
            counter += 1
            return counter
        }
        let unique = "\(Int(message.date.timeIntervalSince1970)).M\(String(format: "%016lld", microseconds))Q\(sequence)P\(getpid()).ccass-terminal"
        let tmp = dir.appendingPathComponent("tmp").appendingPathComponent(unique)
        let bytes = Array(message.rfc5322.utf8)
        let fd = open(tmp.path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw Failure(description: "cannot write \(tmp.path): \(String(cString: strerror(errno)))", code: errno) }
        let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        let writeError = written == bytes.count ? nil : errno
        let synced = fsync(fd) == 0
        let syncError = synced ? nil : errno
        close(fd)
        guard written == bytes.count, synced else {
            unlink(tmp.path)
            let code = writeError ?? syncError
            throw Failure(description: "cannot write \(tmp.path): \(String(cString: strerror(code ?? EIO)))", code: code)
        }
        let final = dir.appendingPathComponent("new").appendingPathComponent(unique)
        guard rename(tmp.path, final.path) == 0 else {
            throw Failure(description: "cannot deliver into \(final.path): \(String(cString: strerror(errno)))", code: errno)
        }
    }

    /// Messages of one address, newest first (by file time, then name).
    public func messages(for address: String) throws -> [URL] {
        let dir = try maildir(for: address)
        let fm = FileManager.default
        var found: [(URL, Date)] = []
        for sub in ["new", "cur"] {
            let folder = dir.appendingPathComponent(sub)
            for name in (try? fm.contentsOfDirectory(atPath: folder.path)) ?? [] where !name.hasPrefix(".") {
                let url = folder.appendingPathComponent(name)
                let date = (try? fm.attributesOfItem(atPath: url.path)[.modificationDate] as? Date) ?? .distantPast
                found.append((url, date))
            }
        }
        return found.sorted { ($0.1, $0.0.lastPathComponent) > ($1.1, $1.0.lastPathComponent) }.map(\.0)
    }
}
