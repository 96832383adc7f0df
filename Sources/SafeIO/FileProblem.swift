#if canImport(Glibc)
import Glibc
#endif

/// Why the files door refused a path or could not write it: one line that names the file.
public struct FileProblem: Error, CustomStringConvertible, Equatable, Sendable {
    public enum Reason: Equatable, Sendable {
        /// A symbolic link where a file or folder of ours should be.
        case link
        case notAFolder
        /// A device, a socket, a folder… where a regular file should be.
        case notAFile
        /// Owned by another user.
        case notOurs(owner: UInt32)
        /// Group or others may use it (mode shown).
        case openToOthers(mode: UInt32)
        /// A new file was asked for and one is there.
        case exists
        /// An empty file where data of ours must be.
        case empty
        /// A system call failed with this errno.
        case system(Int32)
    }

    public let path: String
    public let reason: Reason

    public init(path: String, reason: Reason) {
        self.path = path
        self.reason = reason
    }

    /// The failure of the system call that just returned -1.
    public static func lastError(_ path: String) -> FileProblem { FileProblem(path: path, reason: .system(errno)) }

    /// The errno behind a system failure, for callers that name faults (disk full, read-only).
    public var errorNumber: Int32? {
        if case .system(let code) = reason { return code }
        return nil
    }

    public var description: String {
        let name = path.safe()
        switch reason {
        case .link: return "\(name) is a symbolic link; it was not followed"
        case .notAFolder: return "\(name) is not a folder; it was left as it is"
        case .notAFile: return "\(name) is not a regular file; it was left as it is"
        case .notOurs(let owner): return "\(name) belongs to another user (uid \(owner)); it was not used"
        case .openToOthers(let mode): return "\(name) may be used by other users (mode \(String(mode & 0o7777, radix: 8))); it was not used"
        case .exists: return "\(name) already exists; it was left as it is"
        case .empty: return "\(name) is empty; it was left as it is"
        case .system(let code): return "\(name): \(String(cString: strerror(code)))"
        }
    }
}
