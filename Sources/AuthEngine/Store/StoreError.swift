import AuthDomain
import Foundation
import GRDB

/// Errors about the store file itself; each names the file.
public enum StoreError: Error, CustomStringConvertible, Equatable {
    case notADatabase(path: String)
    case foreignDatabase(path: String, detail: String)
    case corrupt(path: String, detail: String)
    case newerSchema(path: String)
    case missingKey(keyPath: String, databasePath: String)
    case badKey(keyPath: String, detail: String)
    case unusableDirectory(path: String, detail: String)
    /// SQLite could not open or set up the file (a full disk, an I/O error).
    case cannotOpen(path: String, fault: StoreFault)

    public var description: String {
        switch self {
        case .notADatabase(let path):
            return "\(path) is not a ccass-terminal store (it is not an SQLite database); it was left untouched"
        case .foreignDatabase(let path, let detail):
            return "\(path) belongs to another program (\(detail)); it was left untouched"
        case .corrupt(let path, let detail):
            return "\(path) is damaged (\(detail)); it was left untouched"
        case .newerSchema(let path):
            return "\(path) was written by a newer ccass-terminal; upgrade this program to use it"
        case .missingKey(let keyPath, let databasePath):
            return "the store key \(keyPath) is missing, so the secrets in \(databasePath) cannot be read"
        case .badKey(let keyPath, let detail):
            return "the store key \(keyPath) is unusable: \(detail)"
        case .unusableDirectory(let path, let detail):
            return "cannot use the data directory \(path): \(detail)"
        case .cannotOpen(let path, let fault):
            return "cannot open the store \(path): \(fault)"
        }
    }
}

extension StoreFault {
    /// What an SQLite or file-system error means for the operator: SQLite's primary result
    /// code, or the POSIX error under a Foundation one.
    public init(_ error: any Error) {
        if let database = error as? DatabaseError {
            switch database.resultCode.primaryResultCode {
            case .SQLITE_FULL: self = .diskFull
            case .SQLITE_READONLY, .SQLITE_PERM: self = .readOnly
            case .SQLITE_IOERR: self = .ioError
            case .SQLITE_CANTOPEN: self = .cannotOpen
            case .SQLITE_BUSY, .SQLITE_LOCKED: self = .busy
            case .SQLITE_CORRUPT, .SQLITE_NOTADB: self = .damaged
            default: self = .other(database.message ?? "\(database)")
            }
            return
        }
        let posix: Int?
        if let mail = error as? MaildirMailer.Failure {
            posix = mail.code.map(Int.init)
        } else {
            // A Foundation error carries the POSIX one under it.
            let outer = error as NSError
            let underlying = (outer.userInfo[NSUnderlyingErrorKey] as? any Error).map { $0 as NSError }
            posix = [outer, underlying].compactMap { $0 }.first { $0.domain == NSPOSIXErrorDomain }?.code
        }
        switch posix.map(Int32.init) {
        case ENOSPC?, EDQUOT?, EFBIG?: self = .diskFull
        case EROFS?, EACCES?, EPERM?: self = .readOnly
        case EIO?: self = .ioError
        default: self = .other("\(error)")
        }
    }
}
