import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// The one door for files: every file and folder the program makes or keeps passes here.
///
/// - Folders are 0700; missing parents are made 0700 too.
/// - New files are opened `O_CREAT|O_EXCL|O_NOFOLLOW|O_CLOEXEC` with mode 0600 from the first
///   byte; a replacement is written beside its target and renamed over it (fsynced, with its
///   folder, when a loss would matter).
/// - Temporary folders get an unpredictable name, made atomically (`mkdtemp`).
/// - A read-modify-write of a shared file holds an exclusive `flock` on its folder.
/// - What is there already must be ours: a symbolic link, another user's file or folder, or
///   (where asked) one open to others is refused in one line naming it; our own with loose
///   modes is tightened and said (a `FileNotices` line).
///
/// Modelled on OpenSSH's `safe_path` and Postfix's `safe_open`: refuse what is not ours
/// rather than repair it.
public enum PrivateFiles {
    /// What to do with something of ours that group or others may use.
    public enum Loose: Sendable {
        /// Remove the group and other permissions, and say so.
        case tighten
        /// Refuse it.
        case refuse
        /// A folder the user named for output (snapshots, reports): used as it is, if it is a
        /// folder; made 0700 when missing.
        case asIs
    }

    /// Owners whose files are trusted: this user, and root (who could read them anyway).
    public static func trusted(_ owner: uid_t) -> Bool { owner == geteuid() || owner == 0 }

    // MARK: Folders

    /// Makes sure `url` is a private folder of ours: made 0700 when missing (with its missing
    /// parents), otherwise a real folder (not a link) owned by us with no permissions for group
    /// or others (tightened or refused, as `loose` says).
    public static func folder(_ url: URL, loose: Loose = .tighten) throws {
        let path = url.path
        var info = stat()
        if lstat(path, &info) == 0 { return try check(folder: path, info, loose: loose) }
        guard errno == ENOENT else { throw FileProblem.lastError(path) }
        try makeParents(of: path)
        if mkdir(path, 0o700) != 0 {
            guard errno == EEXIST, lstat(path, &info) == 0 else { throw FileProblem.lastError(path) }
            return try check(folder: path, info, loose: loose)
        }
        // The umask may have taken bits from 0700: the folder is set exactly, through a
        // descriptor of the folder just made (never a path that could have been swapped).
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else { throw FileProblem.lastError(path) }
        defer { close(fd) }
        guard fstat(fd, &info) == 0 else { throw FileProblem.lastError(path) }
        if info.st_mode & 0o7777 != 0o700, fchmod(fd, 0o700) != 0 { throw FileProblem.lastError(path) }
    }

    /// Whether `url` is an existing private folder of ours (false when missing); anything else
    /// there is refused as `folder` would.
    public static func existingFolder(_ url: URL, loose: Loose = .tighten) throws -> Bool {
        var info = stat()
        guard lstat(url.path, &info) == 0 else {
            if errno == ENOENT { return false }
            throw FileProblem.lastError(url.path)
        }
        try check(folder: url.path, info, loose: loose)
        return true
    }

    private static func makeParents(of path: String) throws {
        let parent = (path as NSString).deletingLastPathComponent
        guard !parent.isEmpty, parent != path, parent != "/" else { return }
        var info = stat()
        if lstat(parent, &info) == 0 {
            // A parent that exists is the user's own place (their home, /tmp): a folder, owned by
            // this user or root, as OpenSSH asks of every folder above a key file. Nothing is
            // made inside another user's folder (root would make files they could not use).
            var target = stat()
            guard stat(parent, &target) == 0, target.st_mode & S_IFMT == S_IFDIR else {
                throw FileProblem(path: parent, reason: .notAFolder)
            }
            guard trusted(target.st_uid) else { throw FileProblem(path: parent, reason: .notOurs(owner: target.st_uid)) }
            return
        }
        guard errno == ENOENT else { throw FileProblem.lastError(parent) }
        try makeParents(of: parent)
        if mkdir(parent, 0o700) != 0, errno != EEXIST { throw FileProblem.lastError(parent) }
    }

    private static func check(folder path: String, _ info: stat, loose: Loose) throws {
        if loose == .asIs {
            var target = stat()
            guard stat(path, &target) == 0, target.st_mode & S_IFMT == S_IFDIR else { throw FileProblem(path: path, reason: .notAFolder) }
            return
        }
        switch info.st_mode & S_IFMT {
        case S_IFDIR: break
        case S_IFLNK: throw FileProblem(path: path, reason: .link)
        default: throw FileProblem(path: path, reason: .notAFolder)
        }
        guard trusted(info.st_uid) else { throw FileProblem(path: path, reason: .notOurs(owner: info.st_uid)) }
        let mode = info.st_mode & 0o7777
        guard mode & 0o077 != 0 else { return }
        guard loose == .tighten, info.st_uid == geteuid() else {
            throw FileProblem(path: path, reason: .openToOthers(mode: UInt32(mode)))
        }
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else { throw FileProblem.lastError(path) }
        defer { close(fd) }
        try tighten(fd, path, mode)
    }

    /// Takes group and other permissions off something of ours, through its descriptor, and says so.
    private static func tighten(_ fd: Int32, _ path: String, _ mode: mode_t) throws {
        guard fchmod(fd, mode & ~0o077) == 0 else { throw FileProblem.lastError(path) }
        FileNotices.post("\(path.safe()) was open to other users (mode \(String(mode, radix: 8))); it is now private (mode \(String(mode & ~0o077, radix: 8)))")
    }

    /// A new temporary folder of ours under `$TMPDIR` (else /tmp), 0700, with an unpredictable
    /// name made atomically (mkdtemp): nobody can have made it first.
    public static func temporaryFolder(prefix: String) throws -> URL {
        let base = Environment.value("TMPDIR").flatMap { $0.hasPrefix("/") ? $0 : nil } ?? "/tmp"
        var template = Array("\(base.hasSuffix("/") ? String(base.dropLast()) : base)/\(prefix)XXXXXX".utf8CString)
        let made = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        guard made != nil else { throw FileProblem.lastError("\(base)/\(prefix)XXXXXX") }
        return URL(fileURLWithPath: String(cString: template))
    }

    // MARK: Files

    /// A new file, made exclusively with mode 0600 from the first byte; an existing file, link
    /// or anything else at `url` is refused.
    public static func create(_ url: URL) throws -> PrivateFile {
        let path = url.path
        let fd = open(path, O_CREAT | O_EXCL | O_NOFOLLOW | O_WRONLY | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            if errno == EEXIST { throw FileProblem(path: path, reason: .exists) }
            throw FileProblem.lastError(path)
        }
        if fchmod(fd, 0o600) != 0 {
            let problem = FileProblem.lastError(path)
            close(fd)
            unlink(path)
            throw problem
        }
        return PrivateFile(fd: fd, path: path)
    }

    /// A file that will replace `url` when committed: written beside it under an unpredictable
    /// name (0600) and renamed over it, so a reader sees the old file or the new one, never half
    /// of one. An existing `url` must be a regular file of ours (a link or a device is refused).
    public static func replacement(for url: URL) throws -> PrivateFile {
        let path = url.path
        var info = stat()
        if lstat(path, &info) == 0 {
            switch info.st_mode & S_IFMT {
            case S_IFREG: break
            case S_IFLNK: throw FileProblem(path: path, reason: .link)
            default: throw FileProblem(path: path, reason: .notAFile)
            }
            guard trusted(info.st_uid) else { throw FileProblem(path: path, reason: .notOurs(owner: info.st_uid)) }
        } else if errno != ENOENT {
            throw FileProblem.lastError(path)
        }
        let folder = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        for _ in 0..<16 {
            let temporary = (folder.isEmpty ? "" : folder + "/") + ".\(name).\(String(UInt64.random(in: .min ... .max), radix: 36)).tmp"
            do {
                let file = try create(URL(fileURLWithPath: temporary))
                file.target = path
                return file
            } catch let problem as FileProblem where problem.reason == .exists {
                continue
            }
        }
        throw FileProblem(path: path, reason: .exists)
    }

    /// Replaces `url` with `bytes` (see `replacement(for:)`); `durable`: the file and its folder
    /// are fsynced before this returns, so a power cut keeps the old or the new file.
    public static func replace(_ url: URL, with bytes: some Collection<UInt8>, durable: Bool = true) throws {
        let file = try replacement(for: url)
        do {
            try file.write(bytes)
            try file.commit(durable: durable)
        } catch {
            file.abandon()
            throw error
        }
    }

    public static func replace(_ url: URL, with text: String, durable: Bool = true) throws {
        try replace(url, with: Array(text.utf8), durable: durable)
    }

    /// The contents of a file of ours, or nil when there is none. A link, anything but a
    /// regular file, or another user's file is refused; one open to others is tightened or
    /// refused as `loose` says.
    public static func read(_ url: URL, loose: Loose = .tighten) throws -> [UInt8]? {
        let path = url.path
        let fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else {
            switch errno {
            case ENOENT: return nil
            case ELOOP: throw FileProblem(path: path, reason: .link)
            default: throw FileProblem.lastError(path)
            }
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw FileProblem.lastError(path) }
        guard info.st_mode & S_IFMT == S_IFREG else { throw FileProblem(path: path, reason: .notAFile) }
        // Root may read a file of another user (a trainer checking the class account's Maildir):
        // reading creates nothing, and the link and file-type checks above still hold.
        let readByRoot = geteuid() == 0 && info.st_uid != 0
        guard trusted(info.st_uid) || readByRoot else { throw FileProblem(path: path, reason: .notOurs(owner: info.st_uid)) }
        let mode = info.st_mode & 0o7777
        if mode & 0o077 != 0, !readByRoot {
            guard loose == .tighten, info.st_uid == geteuid() else {
                throw FileProblem(path: path, reason: .openToOthers(mode: UInt32(mode)))
            }
            try tighten(fd, path, mode)
        }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = Glibc.read(fd, &chunk, chunk.count)
            if count < 0, errno == EINTR { continue }
            guard count >= 0 else { throw FileProblem.lastError(path) }
            if count == 0 { return bytes }
            bytes.append(contentsOf: chunk[0..<count])
        }
    }

    /// What identifies a file whatever its name: a store keeps the identity it opened, and
    /// writes nothing into a file that has since taken its name.
    public struct Identity: Equatable, Sendable {
        public let device: UInt64
        public let inode: UInt64
    }

    /// The identity of the file at `url` (not following a link), or nil when there is none.
    public static func identity(of url: URL) -> Identity? {
        var info = stat()
        guard lstat(url.path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        return Identity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
    }

    // MARK: Locks

    /// Runs `body` holding an exclusive lock (flock) on `folder`, made private if missing: every
    /// read-modify-write of a shared file in it (the phone, a class, the clock) takes it, so
    /// concurrent writers queue instead of losing each other's changes.
    public static func withLock<T>(on folder: URL, _ body: () throws -> T) throws -> T {
        try self.folder(folder)
        let fd = open(folder.path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else { throw FileProblem.lastError(folder.path) }
        defer { close(fd) }
        while flock(fd, LOCK_EX) != 0 {
            guard errno == EINTR else { throw FileProblem.lastError(folder.path) }
        }
        return try body()
    }

    // MARK: Removing

    /// Removes a file or a whole folder of ours; links inside are removed, never followed.
    public static func remove(_ url: URL) throws {
        var info = stat()
        guard lstat(url.path, &info) == 0 else {
            if errno == ENOENT { return }
            throw FileProblem.lastError(url.path)
        }
        guard trusted(info.st_uid) else { throw FileProblem(path: url.path, reason: .notOurs(owner: info.st_uid)) }
        do {
            try FileManager.default.removeItem(atPath: url.path)
        } catch {
            throw FileProblem(path: url.path, reason: .system((error as NSError).underlyingPOSIXCode ?? EIO))
        }
    }
}

extension NSError {
    /// The POSIX error under a Foundation one.
    var underlyingPOSIXCode: Int32? {
        if domain == NSPOSIXErrorDomain { return Int32(code) }
        return (userInfo[NSUnderlyingErrorKey] as? NSError)?.underlyingPOSIXCode
    }
}

/// A file the door opened for writing. Every write is checked: a short or failed write throws
/// (a full disk, an I/O error), never passes in silence.
public final class PrivateFile: @unchecked Sendable {
    private let lock = Mutex(())
    private var fd: Int32
    /// Where the file is being written.
    public let path: String
    /// The file it replaces when committed (a replacement), nil for a new file.
    fileprivate(set) var target: String?

    init(fd: Int32, path: String) {
        self.fd = fd
        self.path = path
    }

    /// The name the file will have: its target when it is a replacement.
    public var finalPath: String { target ?? path }

    public func write(_ bytes: some Collection<UInt8>) throws {
        try lock.withLock { _ in
            guard fd >= 0 else { throw FileProblem(path: finalPath, reason: .system(EBADF)) }
            try Array(bytes).withUnsafeBytes { buffer in
                var offset = 0
                while offset < buffer.count {
                    let count = Glibc.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                    if count < 0, errno == EINTR { continue }
                    guard count > 0 else { throw FileProblem(path: finalPath, reason: .system(count < 0 ? errno : ENOSPC)) }
                    offset += count
                }
            }
        }
    }

    public func write(_ text: String) throws { try write(Array(text.utf8)) }

    /// Flushes the file to the disk.
    public func sync() throws {
        try lock.withLock { _ in
            guard fd >= 0 else { return }
            guard fsync(fd) == 0 else { throw FileProblem(path: finalPath, reason: .system(errno)) }
        }
    }

    /// Closes the file; a replacement is renamed over its target (with `durable`, the file and
    /// its folder fsynced first and after).
    public func commit(durable: Bool = true) throws {
        if durable { try sync() }
        try close()
        guard let target else { return }
        guard rename(path, target) == 0 else {
            let problem = FileProblem.lastError(target)
            unlink(path)
            throw problem
        }
        if durable { Self.syncFolder(of: target) }
    }

    /// Closes a file; a replacement not committed is removed and its target left as it was.
    public func close() throws {
        try lock.withLock { _ in
            guard fd >= 0 else { return }
            let result = Glibc.close(fd)
            fd = -1
            guard result == 0 else { throw FileProblem(path: finalPath, reason: .system(errno)) }
        }
    }

    /// Gives up: the file is closed, and removed if it was new or a replacement.
    public func abandon() {
        try? close()
        unlink(path)
    }

    deinit {
        if fd >= 0 { Glibc.close(fd) }
        // A replacement never committed leaves nothing behind.
        if target != nil, fd >= 0 || access(path, F_OK) == 0 { unlink(path) }
    }

    static func syncFolder(of path: String) {
        let folder = (path as NSString).deletingLastPathComponent
        let fd = open(folder.isEmpty ? "." : folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return }
        _ = fsync(fd)
        Glibc.close(fd)
    }
}

/// Lines about what the files door did on its own (a loose mode tightened). They go to
/// standard error at once, or are held while a full-screen terminal owns the screen and
/// given out when it has been restored.
public enum FileNotices {
    private static let state = Mutex<(holding: Bool, held: [String])>((false, []))

    public static func post(_ line: String) {
        let now = state.withLock { state -> Bool in
            if state.holding { state.held.append(line); return false }
            return true
        }
        if now { try? StandardStream.error.line("Note: " + line) }
    }

    /// Keep lines until `release()` (a full-screen terminal is up).
    public static func hold() { state.withLock { $0.holding = true } }

    /// Prints the lines held and goes back to printing at once.
    public static func release() {
        let lines = state.withLock { state -> [String] in
            defer { state = (false, []) }
            return state.held
        }
        for line in lines { try? StandardStream.error.line("Note: " + line) }
    }
}
