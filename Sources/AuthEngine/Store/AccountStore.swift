import CCrypto
import Foundation
import CStoreGuard
import GRDB
import SafeIO
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// The engine's persistent state in SQLite (GRDB, WAL mode), shared safely by several
/// terminals: every change runs in an IMMEDIATE transaction that re-reads what it changes.
public final class AccountStore: Sendable {
    /// "CCAS" in the SQLite header's application_id field: marks the file as ours.
    static let applicationID: Int32 = 0x4343_4153

    public let location: StoreLocation
    let pool: DatabasePool
    let cipher: SeedCipher
    /// The store key; the key for email-code MACs is derived from it when first needed, so
    /// opening the store does not start OpenSSL's MAC machinery.
    /// Overwritten when the store is released.
    private let storeKey: SecretBytes

    /// Key for the MACs of email codes: HMAC(store key, label), separate from the seed key.
    var codeKey: [UInt8] {
        get throws {
            let context = try HMACContext.current(for: .sha256)
            var out = [UInt8](repeating: 0, count: HashAlgorithm.sha256.digestLength)
            let ok = storeKey.withBytes { key in
                Array("ccass-terminal email OTP".utf8).withUnsafeBytes { data in out.withUnsafeMutableBytes { context.authenticate(key: key, data: data, into: $0) } }
            }
            guard ok else { throw HMACContext.Failure(description: "HMAC-SHA256 failed") }
            return out
        }
    }

    /// Opens the store in `location`, creating it in a new (or empty) data folder when `create`
    /// allows. A file under the store's name that is empty or not our SQLite store is refused
    /// before SQLite writes anything to it, and never rebuilt.
    public init(location: StoreLocation, create: Bool = true) throws {
        self.location = location
        let dir = location.directory.path
        do {
            if create {
                try PrivateFiles.folder(location.directory)
            } else if try !PrivateFiles.existingFolder(location.directory) {
                throw StoreError.noStore(path: location.databaseURL.path)
            }
        } catch let problem as FileProblem {
            throw StoreError.unusableDirectory(path: dir, detail: problem.description)
        }
        let dbPath = location.databaseURL.path
        // Checked by the store that opened it first in this process (see checkExistingFile).
        let alreadyOpen = Self.openFiles.withLock { ($0[dbPath] ?? 0) > 0 }
        var existed = alreadyOpen ? true : try Self.checkExistingFile(at: dbPath)
        if !existed {
            guard create else { throw StoreError.noStore(path: dbPath) }
            // The key first: a store file never exists without the key to its secrets.
            _ = try Self.loadOrCreateKey(location: location, databaseExisted: false)
            try Self.createDatabase(at: dbPath)
            existed = try Self.checkExistingFile(at: dbPath)
        }
        var key = try Self.loadOrCreateKey(location: location, databaseExisted: existed)
        defer { clearSecret(&key) }
        cipher = try SeedCipher(key: key)
        storeKey = SecretBytes(key)

        var config = Configuration()
        // Another terminal holding the write lock is waited for, not failed.
        config.busyMode = .timeout(30)
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
            // No connection checkpoints the WAL into the file as it closes; `close()` lets the
            // writer do it when the file is still the one opened and sound (see `condemned`).
            _ = ccass_sqlite_no_checkpoint_on_close(db.sqliteConnection, 1)
        }
        do {
            pool = try DatabasePool(path: dbPath, configuration: config)
            identity = PrivateFiles.identity(of: location.databaseURL)
            // GRDB sets synchronous = NORMAL on a WAL pool's writer after prepareDatabase; a
            // commit must survive a power cut (the lockout counters), so FULL is set again on it.
            try pool.writeWithoutTransaction { try $0.execute(sql: "PRAGMA synchronous = FULL") }
            try Self.migrator.migrate(pool)
            if let mismatch = try pool.read(StoredTypes.firstMismatch) {
                // Every connection was opened not to checkpoint as it closes: nothing is written.
                try? pool.close()
                throw StoreError.corrupt(path: dbPath, detail: mismatch)
            }
            Self.openFiles.withLock { $0[dbPath, default: 0] += 1 }
            registered.withLock { $0 = true }
        } catch let error as DatabaseError {
            switch error.resultCode {
            case .SQLITE_NOTADB: throw StoreError.notADatabase(path: dbPath)
            case .SQLITE_CORRUPT: throw StoreError.corrupt(path: dbPath, detail: error.message ?? "corrupt")
            default: throw StoreError.cannotOpen(path: dbPath, fault: StoreFault(error))
            }
        } catch {
            if "\(error)".contains("unknown migration") || "\(error)".contains("has been applied") {
                throw StoreError.newerSchema(path: dbPath)
            }
            throw error
        }
    }

    /// A new store file: made under a temporary name beside the store (0600 from the first
    /// byte), marked as ours in its header, and linked to the store's name only then, so the
    /// name never holds an empty or unmarked file; another process that made it first wins.
    static func createDatabase(at dbPath: String) throws {
        let url = URL(fileURLWithPath: dbPath)
        let file: PrivateFile
        do {
            file = try PrivateFiles.replacement(for: url)
            try file.close()
        } catch let problem as FileProblem {
            throw StoreError.unusableDirectory(path: url.deletingLastPathComponent().path, detail: problem.description)
        }
        defer {
            unlink(file.path)
            unlink(file.path + "-journal")
        }
        do {
            let queue = try DatabaseQueue(path: file.path)
            try queue.writeWithoutTransaction { try $0.execute(sql: "PRAGMA application_id = \(Self.applicationID)") }
            try queue.close()
        } catch {
            throw StoreError.cannotOpen(path: dbPath, fault: StoreFault(error))
        }
        if link(file.path, dbPath) != 0, errno != EEXIST {
            throw StoreError.cannotOpen(path: dbPath, fault: StoreFault(FileProblem.lastError(dbPath)))
        }
    }

    /// True if the file exists; throws if it is not a store of ours (empty, another program's
    /// file, another user's, a link).
    ///
    /// The header is read by hand (a read-only SQLite connection cannot open a WAL database
    /// that needs recovery after a crash). `init` never calls this while this process has the
    /// file open: on Linux, closing any descriptor of a file drops every POSIX lock the process
    /// holds on it, which would take the open connections' shared lock away; the next process to
    /// close the store would then think itself the last, checkpoint and delete the -wal and -shm
    /// files under those connections, which then read a short WAL: the "SQLite error 10: disk
    /// I/O error" (SQLITE_IOERR_SHORT_READ) once seen in the kill test.
    static func checkExistingFile(at path: String) throws -> Bool {
        let fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else {
            switch errno {
            case ENOENT: return false
            case ELOOP: throw StoreError.unsafeFile(path: path, detail: FileProblem(path: path, reason: .link).description)
            default: throw StoreError.cannotOpen(path: path, fault: StoreFault(FileProblem.lastError(path)))
            }
        }
        defer { Glibc.close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw StoreError.cannotOpen(path: path, fault: StoreFault(FileProblem.lastError(path))) }
        guard info.st_mode & S_IFMT == S_IFREG else { throw StoreError.unsafeFile(path: path, detail: FileProblem(path: path, reason: .notAFile).description) }
        guard PrivateFiles.trusted(info.st_uid) else {
            throw StoreError.unsafeFile(path: path, detail: FileProblem(path: path, reason: .notOurs(owner: info.st_uid)).description)
        }
        var header = [UInt8](repeating: 0, count: 100)
        let count = pread(fd, &header, header.count, 0)
        guard count > 0 else { throw StoreError.emptyFile(path: path) }
        guard count == 100, header.starts(with: Array("SQLite format 3\0".utf8)) else {
            throw StoreError.notADatabase(path: path)
        }
        let appID = header[68..<72].reduce(Int32(0)) { ($0 << 8) | Int32($1) }
        guard appID == applicationID else {
            // Every store this program makes is marked before it takes the store's name.
            throw StoreError.foreignDatabase(path: path, detail: String(format: "SQLite application_id 0x%08x", appID))
        }
        return true
    }

    /// Database files this process has open, with how many stores hold each.
    private static let openFiles = Mutex<[String: Int]>([:])
    /// Whether this store still counts in `openFiles`.
    private let registered = Mutex(false)

    private func unregister() {
        guard registered.withLock({ was in defer { was = false }; return was }) else { return }
        let path = location.databaseURL.path
        Self.openFiles.withLock { files in
            files[path, default: 1] -= 1
            if files[path] == 0 { files[path] = nil }
        }
    }

    static func loadOrCreateKey(location: StoreLocation, databaseExisted: Bool) throws -> [UInt8] {
        let keyPath = location.keyURL.path
        do {
            if let data = try PrivateFiles.read(location.keyURL) {
                guard data.count == SeedCipher.keyLength else {
                    throw StoreError.badKey(keyPath: keyPath, detail: "it holds \(data.count) bytes, not \(SeedCipher.keyLength)")
                }
                return data
            }
        } catch let problem as FileProblem {
            throw StoreError.badKey(keyPath: keyPath, detail: problem.description)
        }
        if databaseExisted { throw StoreError.missingKey(keyPath: keyPath, databasePath: location.databaseURL.path) }
        let key = try SecureRandom.bytes(SeedCipher.keyLength)
        do {
            // Written whole beside its name and linked to it: never half a key under the name;
            // a key another process made first is the one used.
            let file = try PrivateFiles.replacement(for: location.keyURL)
            defer { unlink(file.path) }
            try file.write(key)
            try file.sync()
            try file.close()
            if link(file.path, keyPath) != 0 {
                guard errno == EEXIST else { throw FileProblem.lastError(keyPath) }
                return try loadOrCreateKey(location: location, databaseExisted: true)
            }
        } catch let problem as FileProblem {
            throw StoreError.badKey(keyPath: keyPath, detail: problem.description)
        }
        return key
    }

    /// Reads a consistent snapshot.
    public func read<T>(_ body: (StoreTransaction) throws -> T) throws -> T {
        try checkIdentity()
        do {
            return try pool.read { db in try body(StoreTransaction(db: db, store: self)) }
        } catch {
            throw typed(error)
        }
    }

    /// One IMMEDIATE transaction: all of `body` is committed, or none of it.
    public func write<T>(_ body: (StoreTransaction) throws -> T) throws -> T {
        try checkIdentity()
        do {
            return try pool.write { db in try body(StoreTransaction(db: db, store: self)) }
        } catch {
            throw typed(error)
        }
    }

    // MARK: A store file is ours or it is damage

    /// The file opened (device and inode): a file that takes the store's name later is not it.
    private let identity: PrivateFiles.Identity?
    /// Set once the file was found damaged or replaced: the WAL is not checkpointed into it at
    /// exit (a damaged store may still be read; a replaced one is refused at the next call).
    private let condemned = Mutex(false)

    public var isCondemned: Bool { condemned.withLock { $0 } }

    func condemn() { condemned.withLock { $0 = true } }

    /// Refuses to go on when the store's name no longer names the file opened (replaced,
    /// removed), before another connection could open the new one.
    private func checkIdentity() throws {
        guard let identity, PrivateFiles.identity(of: location.databaseURL) == identity else {
            condemn()
            throw EngineError.storeFailure(.replaced)
        }
    }

    /// The engine's typed failure; a damaged file condemns the store.
    private func typed(_ error: any Error) -> any Error {
        let typed = Self.typed(error)
        if case EngineError.storeFailure(.damaged) = typed { condemn() }
        return typed
    }

    /// SQLite failures and records that cannot be read come out as the engine's typed store
    /// failure; the engine's own refusals pass through.
    static func typed(_ error: any Error) -> any Error {
        switch error {
        case is DatabaseError, is RowDecodingError, is DecodingError, is StoreFaultError: return EngineError.storeFailure(StoreFault(error))
        default: return error
        }
    }

    /// The writer's `PRAGMA synchronous` (2 is FULL).
    public func writerSynchronous() throws -> Int {
        try pool.writeWithoutTransaction { try Int.fetchOne($0, sql: "PRAGMA synchronous") ?? -1 }
    }

    /// `PRAGMA integrity_check`; "ok" when the file is sound.
    public func integrityCheck() throws -> String {
        try pool.read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check").joined(separator: "; ") }
    }

    /// Closes the store. The WAL is checkpointed into the file (and removed) only when the file
    /// under the store's name is still the one opened and nothing found it damaged.
    public func close() throws {
        if registered.withLock({ $0 }) { allowCheckpointIfSound() }
        try pool.close()
        unregister()
    }

    /// A store released without `close()` closes its connections the same way.
    deinit {
        // Only a store that opened and was not closed has connections left to close.
        if registered.withLock({ $0 }) { allowCheckpointIfSound() }
        unregister()
    }

    /// Lets the writer checkpoint as it closes when the file is still ours; otherwise condemns
    /// the store, and no connection writes into the file.
    private func allowCheckpointIfSound() {
        guard !isCondemned, let identity, PrivateFiles.identity(of: location.databaseURL) == identity else {
            condemn()
            return
        }
        // The readers close first, so the writer is this process's last connection and the
        // one that checkpoints (GRDB closes the writer first).
        pool.releaseMemory()
        try? pool.writeWithoutTransaction { _ = ccass_sqlite_no_checkpoint_on_close($0.sqliteConnection, 0) }
    }

    /// A consistent copy of the store (SQLite's backup) and its key in another directory: the
    /// connectivity test's secondary session works on one, so that nothing it changes is kept.
    public func copy(to location: StoreLocation) throws -> AccountStore {
        do {
            try PrivateFiles.folder(location.directory, loose: .refuse)
            let key = try PrivateFiles.create(location.keyURL)
            var bytes = storeKey.copy
            defer { clearSecret(&bytes) }
            try key.write(bytes)
            try key.close()
        } catch let problem as FileProblem {
            throw StoreError.unusableDirectory(path: location.directory.path, detail: problem.description)
        }
        let copy = try AccountStore(location: location)
        try pool.backup(to: copy.pool)
        return copy
    }
}
