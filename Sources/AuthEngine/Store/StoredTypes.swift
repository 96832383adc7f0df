import AuthDomain
import GRDB

/// Every cell holds the storage class its column was declared with. SQLite keeps any value in
/// any column; GRDB would read a wrong one leniently (text as a Boolean, a number as text), and
/// the next save would write over what was damaged. So the store is checked when it opens, and
/// a wrong cell refuses the store, naming the table, the column and the row.
enum StoredTypes {
    /// The storage classes a declared column type may hold (GRDB writes dates as text, Booleans
    /// as integers); nil for a type this check does not know, which it leaves alone.
    static func allowed(_ declared: String) -> Set<String>? {
        switch declared.uppercased() {
        case "TEXT", "DATETIME", "DATE": return ["text"]
        case "INTEGER", "BOOLEAN", "INT": return ["integer"]
        case "BLOB": return ["blob"]
        case "DOUBLE", "REAL": return ["real", "integer"]
        default: return nil
        }
    }

    /// The first cell of the store's own tables that holds the wrong storage class.
    static func firstMismatch(_ db: Database) throws -> String? {
        let tables = try String.fetchAll(db, sql: """
            SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name != 'grdb_migrations' ORDER BY name
            """)
        for table in tables {
            for column in try Row.fetchAll(db, sql: "PRAGMA table_info(\(table.quotedDatabaseIdentifier))") {
                let name: String = column["name"]
                guard let allowed = allowed(column["type"]) else { continue }
                let classes = (allowed.union((column["notnull"] as Int) == 0 ? ["null"] : []))
                    .sorted().map { "'\($0)'" }.joined(separator: ", ")
                let found = try Row.fetchOne(db, sql: """
                    SELECT rowid AS row, typeof(\(name.quotedDatabaseIdentifier)) AS kind FROM \(table.quotedDatabaseIdentifier)
                    WHERE typeof(\(name.quotedDatabaseIdentifier)) NOT IN (\(classes)) LIMIT 1
                    """)
                if let found {
                    let kind: String = found["kind"]
                    let row: Int64 = found["row"]
                    return "column \(table).\(name) holds \(kind) where \(allowed.sorted().joined(separator: " or ")) belongs, in row \(row)"
                }
                // GRDB writes a Boolean as 0 or 1; anything else was not written by this program.
                if (column["type"] as String).uppercased() == "BOOLEAN",
                   let row = try Int64.fetchOne(db, sql: """
                       SELECT rowid FROM \(table.quotedDatabaseIdentifier) WHERE \(name.quotedDatabaseIdentifier) NOT IN (0, 1) LIMIT 1
                       """) {
                    return "column \(table).\(name) holds a number that is not a Boolean, in row \(row)"
                }
            }
        }
        return nil
    }
}
