import AuthDomain
import Foundation
import GRDB
import SafeIO

/// Errors about the store file itself; each names the file.
public enum StoreError: Error, CustomStringConvertible, Equatable {
    case notADatabase(path: String)
    /// An empty file under the store's name: not a store, and not made into one.
    case emptyFile(path: String)
    /// No store where a command that only reads looked for one.
    case noStore(path: String)
    /// A link, another user's file, or something that is not a file under the store's name.
    case unsafeFile(path: String, detail: String)
    case foreignDatabase(path: String, detail: String)
    case corrupt(path: String, detail: String)
    case newerSchema(path: String)
    case missingKey(keyPath: String, databasePath: String)
    case badKey(keyPath: String, detail: String)
    case unusableDirectory(path: String, detail: String)
    /// SQLite could not open or set up the file (a full disk, an I/O error).
    case cannotOpen(path: String, fault: StoreFault)
    /// A setting holds a value the program never writes.
    case damagedSetting(path: String, name: String, value: String)

    public var description: String {
        switch self {
        case .notADatabase(let path):
            return "\(path) is not a ccass-terminal store (it is not an SQLite database); it was left untouched"
        case .emptyFile(let path):
            return "\(path) is empty, so it is not a ccass-terminal store; it was left untouched (move it away to start a new store)"
        case .noStore(let path):
            return "there is no store at \(path) (ccass-terminal demo makes one)"
        case .unsafeFile(_, let detail):
            return detail
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
        case .damagedSetting(let path, let name, let value):
            return "\(path) is damaged (its setting \(name) holds \"\(value.prefix(40))\"); it was left untouched"
        }
    }
}

extension StoreFault {
    /// What an SQLite or file-system error means for the operator: SQLite's primary result
    /// code, or the POSIX error under a Foundation one.
    public init(_ error: any Error) {
        if let fault = error as? StoreFaultError {
            self = fault.fault
            return
        }
        // A value the record types cannot decode: GRDB names the column in its description only
        // (its context is internal), which also prints the row; only the column is kept.
        if error is RowDecodingError {
            let text = "\(error)"
            let column = text.range(of: #"column: "[^"]+""#, options: .regularExpression)
                .map { String(text[$0].dropFirst("column: \"".count).dropLast()) }
            self = .damaged(column: column)
            return
        }
        if let decoding = error as? DecodingError {
            let path: [any CodingKey]
            switch decoding {
            case .typeMismatch(_, let context), .valueNotFound(_, let context), .keyNotFound(_, let context), .dataCorrupted(let context):
                path = context.codingPath
            @unknown default:
                path = []
            }
            self = .damaged(column: path.first?.stringValue)
            return
        }
        if let database = error as? DatabaseError {
            switch database.resultCode.primaryResultCode {
            case .SQLITE_FULL: self = .diskFull
            case .SQLITE_READONLY, .SQLITE_PERM: self = .readOnly
            case .SQLITE_IOERR: self = .ioError
            case .SQLITE_CANTOPEN: self = .cannotOpen
            case .SQLITE_BUSY, .SQLITE_LOCKED: self = .busy
            case .SQLITE_CORRUPT, .SQLITE_NOTADB: self = .damaged(column: nil)
            default: self = .other(database.message ?? "\(database)")
            }
            return
        }
        let posix: Int?
        if let problem = error as? FileProblem {
            // The files door: a system failure is named by its errno; a refusal by itself.
            guard let code = problem.errorNumber else {
                self = .other(problem.description)
                return
            }
            posix = Int(code)
        } else if let mail = error as? MaildirMailer.Failure {
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

/// A fault the store found itself (a record that decodes but cannot be right).
struct StoreFaultError: Error {
    let fault: StoreFault
}

/// Records whose dates must be on the calendar: a damaged one (1e308 seconds) would overflow
/// the date arithmetic of the screens and the rules.
protocol StoredDates {
    var storedDates: [(column: String, date: Date?)] { get }
}

extension StoredDates {
    func plausible() throws -> Self { try checkedDates() }

    /// The record, or a damaged-store fault naming the first implausible date column.
    func checkedDates() throws -> Self {
        for (column, date) in storedDates {
            guard let date else { continue }
            guard date.timeIntervalSince1970.isFinite, Self.calendarRange.contains(date.timeIntervalSince1970) else {
                throw StoreFaultError(fault: .damaged(column: column))
            }
        }
        return self
    }

    /// 1970-01-01 to 9999-12-31, in seconds since 1970.
    static var calendarRange: ClosedRange<Double> { 0...253_402_300_799 }
}

extension Account: StoredDates {
    /// Counters in the range the rules keep them in (a damaged one would overflow when counted on).
    func plausible() throws -> Self {
        guard (0...1_000).contains(otpFailures) else { throw StoreFaultError(fault: .damaged(column: "otpFailures")) }
        guard (lastTOTPStep ?? 0) >= 0, (lastTOTPStep ?? 0) < Int64(Int32.max) * 1_000 else {
            throw StoreFaultError(fault: .damaged(column: "lastTOTPStep"))
        }
        return try checkedDates()
    }

    var storedDates: [(column: String, date: Date?)] {
        [("passwordChangedAt", passwordChangedAt), ("riskAcceptedAt", riskAcceptedAt), ("certificateExpiry", certificateExpiry),
         ("lockedAt", lockedAt), ("createdAt", createdAt), ("lastLogonAt", lastLogonAt)] + failedLogons.map { ("failedLogons", $0) }
    }
}

extension EmailCode: StoredDates {
    var storedDates: [(column: String, date: Date?)] { [("issuedAt", issuedAt), ("expiresAt", expiresAt)] }
}

extension AuditEntry: StoredDates {
    var storedDates: [(column: String, date: Date?)] { [("at", at)] }
}

extension FeeEntry: StoredDates {
    var storedDates: [(column: String, date: Date?)] { [("at", at)] }
}
