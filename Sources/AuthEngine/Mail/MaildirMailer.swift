import Foundation
import SafeIO
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
        // Maildir's unique name: the message's time, then the real time in microseconds and a
        // counter, so two messages with the same Date sort in the order they were written.
        let microseconds = Int64(Date().timeIntervalSince1970 * 1_000_000)
        let sequence = Self.sequence.withLock { counter -> Int in
            counter += 1
            return counter
        }
        let unique = "\(Int(message.date.timeIntervalSince1970)).M\(String(format: "%016lld", microseconds))Q\(sequence)P\(getpid()).ccass-terminal"
        let tmp = dir.appendingPathComponent("tmp").appendingPathComponent(unique)
        let final = dir.appendingPathComponent("new").appendingPathComponent(unique)
        do {
            // Each level through the door: a link planted for the root, the address or its
            // tmp/new/cur is refused, never followed.
            for folder in [root, dir] + ["tmp", "new", "cur"].map(dir.appendingPathComponent) { try PrivateFiles.folder(folder) }
            // Written in tmp/ (new, 0600, fsynced), then renamed into new/: Maildir's delivery.
            let file = try PrivateFiles.create(tmp)
            do {
                try file.write(Array(message.rfc5322.utf8))
                try file.sync()
                try file.close()
            } catch {
                file.abandon()
                throw error
            }
            guard rename(tmp.path, final.path) == 0 else { throw FileProblem.lastError(final.path) }
        } catch let problem as FileProblem {
            throw Failure(description: "cannot deliver the mail: \(problem)", code: problem.errorNumber)
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
