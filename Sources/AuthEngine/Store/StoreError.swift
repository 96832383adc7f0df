import Foundation

/// Errors about the store file itself; each names the file.
public enum StoreError: Error, CustomStringConvertible, Equatable {
    case notADatabase(path: String)
    case foreignDatabase(path: String, detail: String)
    case corrupt(path: String, detail: String)
    case newerSchema(path: String)
    case missingKey(keyPath: String, databasePath: String)
    case badKey(keyPath: String, detail: String)
    case unusableDirectory(path: String, detail: String)

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
        }
    }
}
