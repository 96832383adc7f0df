import ArgumentParser
import AuthEngine
import Foundation
import GRDB

/// `hostile`: for every column of every table of a store, and each damaging value, a fresh copy
/// of the store gets that value on every row (SQLite keeps any value in any column); then the
/// drill does what the terminal and DMS do with a store: open it, list the accounts, log on an
/// app user and an email user, read the audit log, the participants, the trainer's notes and the
/// DMS listing. It prints "case TABLE.COLUMN = VALUE" before each case, one line per operation
/// ("ok" or "refused: <the line a person reads>"), and last "accepted" (the program reads the
/// value as a valid one), "unchanged" (refused, and the damaged cells are as they were left) or
/// "CHANGED". A trap ends the drill after the case that caused it, which the test names.
struct Hostile: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "hostile")
    @Option(help: "The store to copy for each case (left untouched).") var template: String
    @Option(help: "A directory for the copies.") var work: String
    @Option var clock: String?
    @Option(parsing: .upToNextOption, help: "SQL literals to write, e.g. 'x' 9223372036854775807 X'00FF' 1e308 -1")
    var values: [String]

    func run() throws {
        let templateURL = URL(fileURLWithPath: template)
        for (table, column) in try columns(templateURL.appendingPathComponent("ccass.sqlite").path) {
            for value in values {
                say("case \(table).\(column) = \(value)")
                let copy = URL(fileURLWithPath: work).appendingPathComponent("case")
                try? FileManager.default.removeItem(at: copy)
                try FileManager.default.copyItem(at: templateURL, to: copy)
                try Case(directory: copy, clock: clock, table: table, column: column, value: value).run()
            }
        }
    }

    private func columns(_ path: String) throws -> [(String, String)] {
        let queue = try DatabaseQueue(path: path, configuration: { var c = Configuration(); c.readonly = true; return c }())
        defer { try? queue.close() }
        return try queue.read { db in
            let tables = try String.fetchAll(db, sql: """
                SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name != 'grdb_migrations' ORDER BY name
                """)
            return try tables.flatMap { table in
                try Row.fetchAll(db, sql: "PRAGMA table_info(\(table.quotedDatabaseIdentifier))").map { (table, $0["name"] as String) }
            }
        }
    }
}

/// One damaged copy and what the engine does with it.
private struct Case {
    let directory: URL
    let clock: String?
    let table: String
    let column: String
    let value: String
    var path: String { directory.appendingPathComponent("ccass.sqlite").path }

    func run() throws {
        let damaged = try damage()
        guard damaged > 0 else {
            say("skipped: the table has no row or the column refuses the value")
            return
        }
        say("declared \(try declaration())")
        var refused = false
        func attempt(_ name: String, _ body: () throws -> Void) {
            do {
                try body()
                say("\(name): ok")
            } catch {
                refused = true
                say("\(name): refused: \(firstLine(error))")
            }
        }
        var arguments = ["--data-dir", directory.path]
        if let clock { arguments += ["--clock", clock] }
        let store = try Drill.StoreArguments.parse(arguments)
        var engine: AuthEngine?
        attempt("open") { engine = try store.engine() }
        if let engine {
            attempt("accounts") { _ = try engine.accounts() }
            attempt("logon (app)") {
                if case .enterAppOTP(let session, _) = try engine.logon(userID: "B0123402", password: "Training#2023Pass") { engine.cancel(session) }
            }
            attempt("logon (email)") {
                if case .enterEmailOTP(let session, _) = try engine.logon(userID: "B0123403", password: "Training#2023Pass") { engine.cancel(session) }
            }
            attempt("audit log") { _ = try engine.auditLog(limit: 50) }
            attempt("participants") { _ = try engine.participants() }
            attempt("trainer notes") { _ = try engine.trainerNotes(userID: "B0123402") }
            attempt("DMS listing") { _ = try engine.userProfileListing(by: try store.makerLogon(engine).session) }
            try engine.store.close()
        }
        // A value the program reads as valid may be saved again like any other; one it refused
        // must be left as it was.
        say(!refused ? "accepted" : try unchanged(rows: damaged) ? "unchanged" : "CHANGED")
    }

    /// Writes the value into the column on every row; returns how many rows took it.
    private func damage() throws -> Int {
        let queue = try DatabaseQueue(path: path)
        defer { try? queue.close() }
        return try queue.write { db in
            do {
                try db.execute(sql: "UPDATE \(table.quotedDatabaseIdentifier) SET \(column.quotedDatabaseIdentifier) = \(value)")
            } catch let error as DatabaseError where [.SQLITE_CONSTRAINT, .SQLITE_MISMATCH].contains(error.resultCode.primaryResultCode) {
                return 0
            }
            return db.changesCount
        }
    }

    /// "TYPE NOT NULL holds CLASS [VALUE]": the column's declared type and what was written.
    private func declaration() throws -> String {
        let queue = try DatabaseQueue(path: path)
        defer { try? queue.close() }
        return try queue.read { db in
            let info = try Row.fetchAll(db, sql: "PRAGMA table_info(\(table.quotedDatabaseIdentifier))").first { $0["name"] == column }
            let declared: String = info?["type"] ?? "?"
            let notNull = (info?["notnull"] as Int?) == 1 ? " NOT NULL" : ""
            // What the column holds after SQLite's type affinity (a number written into a TEXT
            // column is kept as text).
            let cell = "\(column.quotedDatabaseIdentifier)"
            let stored = try Row.fetchOne(db, sql: "SELECT typeof(\(cell)) AS kind, CAST(\(cell) AS TEXT) AS text FROM \(table.quotedDatabaseIdentifier) LIMIT 1")
            let kind: String = stored?["kind"] ?? "?"
            let number: String = stored?["text"] ?? ""
            return "\(declared.uppercased())\(notNull) holds \(kind) \(number)"
        }
    }

    /// Whether every damaged cell still holds the value written (nothing was written over).
    private func unchanged(rows: Int) throws -> Bool {
        let queue = try DatabaseQueue(path: path)
        defer { try? queue.close() }
        return try queue.read { db in
            try Int.fetchOne(db, sql: """
                SELECT count(*) FROM \(table.quotedDatabaseIdentifier) WHERE \(column.quotedDatabaseIdentifier) IS \(value)
                """) ?? 0 >= rows
        }
    }

    private func firstLine(_ error: any Error) -> String {
        "\(error)".split(separator: "\n").first.map(String.init) ?? "\(error)"
    }
}
