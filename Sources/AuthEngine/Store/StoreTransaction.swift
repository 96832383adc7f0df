import Foundation
import GRDB
import SafeIO

extension Account: FetchableRecord, PersistableRecord {
    public static let databaseTableName = "account"
}

extension Participant: FetchableRecord, PersistableRecord {
    public static let databaseTableName = "participant"
}

extension AuditEntry: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "audit"
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// One line of the fee ledger (eService DA4).
public struct FeeEntry: Sendable, Equatable, Codable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "fee"
    public var id: Int64?
    public var at: Date
    public var participant: String
    public var accounts: Int
    public var amountHKD: Int
    public var actor: String
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// What an email code is for; each purpose has its own newest code.
public enum EmailCodePurpose: String, Sendable, Codable {
    case logon
    case passwordReset = "reset"
}

/// The newest email code of an account for one purpose. Only a MAC of the code is kept.
struct EmailCode: Sendable, Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "emailCode"
    var userID: String
    var purpose: EmailCodePurpose
    var codeMAC: Data
    var sentTo: String
    var issuedAt: Date
    var expiresAt: Date
    var consumed: Bool
}

/// An email code that was used (kept for the inbox's status after a newer code replaced it).
struct UsedEmailCode: Sendable, Codable, FetchableRecord, PersistableRecord, StoredDates {
    static let databaseTableName = "usedEmailCode"
    var id: Int64?
    var userID: String
    var purpose: EmailCodePurpose
    var codeMAC: Data
    var usedAt: Date

    var storedDates: [(column: String, date: Date?)] { [("usedAt", usedAt)] }
}

/// The operations available inside one read or write transaction.
public struct StoreTransaction {
    let db: Database
    let store: AccountStore

    public func account(_ userID: String) throws -> Account? {
        try Account.fetchOne(db, key: userID)?.plausible()
    }

    public func accountCount() throws -> Int { try Account.fetchCount(db) }

    public func accounts() throws -> [Account] {
        try Account.order(Column("clearingHouse"), Column("participantID"), Column("userID")).fetchAll(db).map { try $0.plausible() }
    }

    public func accounts(of participant: Participant) throws -> [Account] {
        try Account.filter(Column("clearingHouse") == participant.clearingHouse.rawValue
            && Column("participantID") == participant.participantID)
            .order(Column("userID")).fetchAll(db).map { try $0.plausible() }
    }

    public func insert(_ account: Account) throws { try account.insert(db) }
    public func save(_ account: Account) throws { try account.update(db) }
    public func delete(_ account: Account) throws { _ = try account.delete(db) }

    public func participant(_ house: ClearingHouse, _ id: String) throws -> Participant? {
        try Participant.fetchOne(db, key: ["clearingHouse": house.rawValue, "participantID": id])
    }

    public func participants() throws -> [Participant] {
        try Participant.order(Column("clearingHouse"), Column("participantID")).fetchAll(db)
    }

    public func insert(_ participant: Participant) throws { try participant.insert(db) }
    public func delete(_ participant: Participant) throws { _ = try participant.delete(db) }
    public func save(_ participant: Participant) throws { try participant.update(db) }

    func emailCode(_ userID: String, _ purpose: EmailCodePurpose) throws -> EmailCode? {
        try EmailCode.fetchOne(db, key: ["userID": userID, "purpose": purpose.rawValue])?.plausible()
    }

    func save(_ code: EmailCode) throws { try code.save(db) }

    /// Keeps a used code (the last ten per account).
    func recordUse(of code: EmailCode, at: Date) throws {
        try UsedEmailCode(id: nil, userID: code.userID, purpose: code.purpose, codeMAC: code.codeMAC, usedAt: at).insert(db)
        try db.execute(sql: """
            DELETE FROM usedEmailCode WHERE userID = ? AND id NOT IN (SELECT id FROM usedEmailCode WHERE userID = ? ORDER BY id DESC LIMIT 10)
            """, arguments: [code.userID, code.userID])
    }

    /// The used codes of the accounts with an address.
    func usedEmailCodes(sentTo address: String) throws -> [UsedEmailCode] {
        try UsedEmailCode.filter(sql: "userID IN (SELECT userID FROM account WHERE lower(email) = lower(?))", arguments: [address])
            .fetchAll(db).map { try $0.plausible() }
    }

    func emailCodes(sentTo address: String) throws -> [EmailCode] {
        try EmailCode.filter(sql: "lower(sentTo) = lower(?)", arguments: [address]).fetchAll(db).map { try $0.plausible() }
    }

    func deleteEmailCodes(of userID: String) throws {
        try db.execute(sql: "DELETE FROM emailCode WHERE userID = ?", arguments: [userID])
    }

    @discardableResult
    public func audit(_ event: AuditEvent, userID: String?, at: Date, terminal: String, _ detail: String = "",
                      facts: AuditFacts = AuditFacts()) throws -> AuditEntry {
        // What was typed or came from a file is kept as a reader of the log may see it safely.
        var facts = facts
        facts.actor = facts.actor?.safe()
        var entry = AuditEntry(id: nil, at: at, userID: userID?.safe(), event: event, detail: detail.safe(), terminal: terminal.safe(), facts: facts)
        try entry.insert(db)
        return entry
    }

    public func auditEntries(userID: String? = nil, limit: Int? = nil) throws -> [AuditEntry] {
        var request = AuditEntry.order(Column("id").desc)
        if let userID { request = request.filter(Column("userID") == userID) }
        if let limit { request = request.limit(limit) }
        return try request.fetchAll(db).map { try $0.plausible() }.reversed()
    }

    /// The entries of the user IDs that start with a prefix (a participant's, capital letters
    /// and digits, so a range the userID index serves), after an entry, oldest first.
    public func auditEntries(userIDPrefix prefix: String, afterID: Int64) throws -> [AuditEntry] {
        try AuditEntry.filter(Column("userID") >= prefix && Column("userID") < prefix + "~" && Column("id") > afterID)
            .order(Column("id")).fetchAll(db).map { try $0.plausible() }
    }

    /// The entries written at a terminal (a class seat's "seat NAME/K") after an entry, oldest first.
    public func auditEntries(terminal: String, afterID: Int64) throws -> [AuditEntry] {
        try AuditEntry.filter(Column("terminal") == terminal && Column("id") > afterID)
            .order(Column("id")).fetchAll(db).map { try $0.plausible() }
    }

    /// The newest audit entry's ID (0 for none): where a class seat's progress starts.
    public func lastAuditID() throws -> Int64 {
        try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM audit") ?? 0
    }

    /// When an event happened for a user ID after a moment, oldest first.
    func auditTimes(_ event: AuditEvent, userID: String, after: Date) throws -> [Date] {
        try AuditEntry.filter(Column("event") == event.rawValue && Column("userID") == userID && Column("at") > after)
            .order(Column("id")).fetchAll(db).map { try $0.plausible().at }
    }

    public func insert(_ fee: FeeEntry) throws -> FeeEntry {
        var entry = fee
        try entry.insert(db)
        return entry
    }

    public func fees() throws -> [FeeEntry] { try FeeEntry.order(Column("id")).fetchAll(db).map { try $0.plausible() } }

    public func setting(_ name: String) throws -> String? {
        try String.fetchOne(db, sql: "SELECT value FROM setting WHERE name = ?", arguments: [name])
    }

    public func setSetting(_ name: String, _ value: String) throws {
        try db.execute(sql: "INSERT INTO setting(name, value) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET value = excluded.value",
                       arguments: [name, value])
    }

    /// Seals a TOTP seed for this account (AES-256-GCM, user ID as associated data).
    func seal(seed: [UInt8], for userID: String) throws -> Data {
        Data(try store.cipher.seal(seed, associatedData: "totp:\(userID)"))
    }

    /// The seed a column holds; one that cannot be opened (too short, altered, another store's
    /// key) is a damaged store, named by its column.
    func openSeed(_ sealed: Data, for userID: String, column: String) throws -> [UInt8] {
        do {
            return try store.cipher.open(Array(sealed), associatedData: "totp:\(userID)")
        } catch is SeedCipher.Failure {
            throw StoreFaultError(fault: .damaged(column: column))
        }
    }

    func codeMAC(_ code: String, userID: String, purpose: EmailCodePurpose) throws -> Data {
        Data(try HMACContext.current(for: .sha256).authenticate(key: try store.codeKey, data: Array("\(userID)|\(purpose.rawValue)|\(code)".utf8)))
    }
}
