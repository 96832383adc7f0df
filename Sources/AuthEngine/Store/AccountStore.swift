import CCrypto
import Foundation
import GRDB
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
    private let storeKey: [UInt8]

    /// Key for the MACs of email codes: HMAC(store key, label), separate from the seed key.
    var codeKey: [UInt8] {
        get throws {
            try HMACContext.current(for: .sha256).authenticate(key: storeKey, data: Array("ccass-terminal email OTP".utf8))
        }
    }

    /// Opens (creating if needed) the store in `location`. A file that is not ours is refused
    /// before SQLite writes anything to it.
    public init(location: StoreLocation) throws {
        self.location = location
        let fm = FileManager.default
        let dir = location.directory.path
        do {
            try fm.createDirectory(atPath: dir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw StoreError.unusableDirectory(path: dir, detail: error.localizedDescription)
        }
        let dbPath = location.databaseURL.path
        // Checked by the store that opened it first in this process (see checkExistingFile).
        let alreadyOpen = Self.openFiles.withLock { ($0[dbPath] ?? 0) > 0 }
        let existed = alreadyOpen ? true : try Self.checkExistingFile(at: dbPath)
        if !existed {
            // Create the file ourselves so it is 0600 from the first byte; SQLite gives
            // the -wal and -shm files the same mode.
            // O_EXCL: an existing (empty) file is left to SQLite rather than opened here.
            let fd = open(dbPath, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o600)
            if fd >= 0 {
                Glibc.close(fd)
            } else if errno != EEXIST {
                throw StoreError.unusableDirectory(path: dir, detail: String(cString: strerror(errno)))
            }
            // Mark the file as ours in its header straight away, before WAL mode defers writes.
            let queue = try DatabaseQueue(path: dbPath)
            try queue.writeWithoutTransaction { try $0.execute(sql: "PRAGMA application_id = \(Self.applicationID)") }
            try queue.close()
        }
        let key = try Self.loadOrCreateKey(location: location, databaseExisted: existed)
        cipher = try SeedCipher(key: key)
        storeKey = key

        var config = Configuration()
        // Another terminal holding the write lock is waited for, not failed.
        config.busyMode = .timeout(30)
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        do {
            pool = try DatabasePool(path: dbPath, configuration: config)
            // GRDB sets synchronous = NORMAL on a WAL pool's writer after prepareDatabase; a
            // commit must survive a power cut (the lockout counters), so FULL is set again on it.
            try pool.writeWithoutTransaction { try $0.execute(sql: "PRAGMA synchronous = FULL") }
            try Self.migrator.migrate(pool)
            if let mismatch = try pool.read(StoredTypes.firstMismatch) {
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

    /// True if the file exists with content; throws if it is not a store of ours.
    ///
    /// The header is read by hand (a read-only SQLite connection cannot open a WAL database
    /// that needs recovery after a crash). `init` never calls this while this process has the
    /// file open: on Linux, closing any descriptor of a file drops every POSIX lock the process
    /// holds on it, which would take the open connections' shared lock away; the next process to
    /// close the store would then think itself the last, checkpoint and delete the -wal and -shm
    /// files under those connections, which then read a short WAL: the "SQLite error 10: disk
    /// I/O error" (SQLITE_IOERR_SHORT_READ) once seen in the kill test.
    static func checkExistingFile(at path: String) throws -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        let header = (try? handle.read(upToCount: 100)) ?? Data()
        if header.isEmpty { return false }
        guard header.count >= 100, header.starts(with: Array("SQLite format 3\0".utf8)) else {
            throw StoreError.notADatabase(path: path)
        }
        let appID = header[68..<72].reduce(Int32(0)) { ($0 << 8) | Int32($1) }
        if appID != 0 && appID != applicationID {
            throw StoreError.foreignDatabase(path: path, detail: String(format: "SQLite application_id 0x%08x", appID))
        }
        if appID == 0 {
            // An SQLite file without our mark: only an empty one may become a store.
            var config = Configuration()
            config.readonly = true
            // SQLite (not the raw header) is asked: a WAL not yet checkpointed may hold the mark.
            let tables: [String]
            let markedInWAL: Bool
            do {
                let queue = try DatabaseQueue(path: path, configuration: config)
                (tables, markedInWAL) = try queue.read { db in
                    (try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'"),
                     try Int32.fetchOne(db, sql: "PRAGMA application_id") == applicationID)
                }
                try queue.close()
            } catch {
                throw StoreError.corrupt(path: path, detail: "\(error)")
            }
            if !tables.isEmpty && !markedInWAL {
                throw StoreError.foreignDatabase(path: path, detail: "tables \(tables.prefix(3).joined(separator: ", "))")
            }
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
        if let data = FileManager.default.contents(atPath: keyPath) {
            guard data.count == SeedCipher.keyLength else {
                throw StoreError.badKey(keyPath: keyPath, detail: "it holds \(data.count) bytes, not \(SeedCipher.keyLength)")
            }
            return Array(data)
        }
        if databaseExisted { throw StoreError.missingKey(keyPath: keyPath, databasePath: location.databaseURL.path) }
        let key = try SecureRandom.bytes(SeedCipher.keyLength)
        let fd = open(keyPath, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw StoreError.badKey(keyPath: keyPath, detail: String(cString: strerror(errno))) }
        defer { Glibc.close(fd) }
        let written = key.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
        guard written == key.count, fsync(fd) == 0 else {
            throw StoreError.badKey(keyPath: keyPath, detail: "could not be written")
        }
        return key
    }

    /// Reads a consistent snapshot.
    public func read<T>(_ body: (StoreTransaction) throws -> T) throws -> T {
        do {
            return try pool.read { db in try body(StoreTransaction(db: db, store: self)) }
        } catch {
            throw Self.typed(error)
        }
    }

    /// One IMMEDIATE transaction: all of `body` is committed, or none of it.
    public func write<T>(_ body: (StoreTransaction) throws -> T) throws -> T {
        do {
            return try pool.write { db in try body(StoreTransaction(db: db, store: self)) }
        } catch {
            throw Self.typed(error)
        }
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

    public func close() throws {
        try pool.close()
        unregister()
    }

    deinit { unregister() }

    /// A consistent copy of the store (SQLite's backup) and its key in another directory: the
    /// connectivity test's secondary session works on one, so that nothing it changes is kept.
    public func copy(to location: StoreLocation) throws -> AccountStore {
        let fm = FileManager.default
        try fm.createDirectory(at: location.directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        guard fm.createFile(atPath: location.keyURL.path, contents: Data(storeKey), attributes: [.posixPermissions: 0o600]) else {
            throw StoreError.unusableDirectory(path: location.directory.path, detail: "cannot write the key copy")
        }
        let copy = try AccountStore(location: location)
        try pool.backup(to: copy.pool)
        return copy
    }
}
