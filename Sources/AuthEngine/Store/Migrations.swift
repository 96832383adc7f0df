import GRDB

extension AccountStore {
    /// Versioned schema. Never edit a shipped migration: add a new one.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: "PRAGMA application_id = \(applicationID)")
            try db.create(table: "participant") { t in
                t.column("clearingHouse", .text).notNull()
                t.column("participantID", .text).notNull()
                t.column("name", .text).notNull()
                t.column("maxUsers", .integer).notNull()
                t.primaryKey(["clearingHouse", "participantID"])
            }
            try db.create(table: "account") { t in
                t.primaryKey("userID", .text)
                t.column("clearingHouse", .text).notNull()
                t.column("participantID", .text).notNull()
                t.foreignKey(["clearingHouse", "participantID"], references: "participant")
                t.column("kind", .text).notNull()
                t.column("isMaker", .boolean).notNull()
                t.column("isChecker", .boolean).notNull()
                t.column("email", .text)
                t.column("passwordHash", .text)
                t.column("passwordChangedAt", .datetime)
                t.column("otpChannel", .text)
                t.column("sealedSeed", .blob)
                t.column("pendingSeed", .blob)
                t.column("lastTOTPStep", .integer)
                t.column("riskAcceptedAt", .datetime)
                t.column("smartcardSRN", .text)
                t.column("certificateExpiry", .datetime)
                t.column("smartcardPasswordHash", .text)
                t.column("locked", .boolean).notNull()
                t.column("lockedAt", .datetime)
                t.column("disabled", .boolean).notNull()
                t.column("failedLogons", .text).notNull()
                t.column("otpFailures", .integer).notNull()
                t.column("createdAt", .datetime).notNull()
                t.column("lastLogonAt", .datetime)
            }
            try db.create(index: "account_participant", on: "account", columns: ["clearingHouse", "participantID"])
            try db.create(table: "emailCode") { t in
                t.column("userID", .text).notNull().references("account", onDelete: .cascade)
                t.column("purpose", .text).notNull()
                t.column("codeMAC", .blob).notNull()
                t.column("sentTo", .text).notNull()
                t.column("issuedAt", .datetime).notNull()
                t.column("expiresAt", .datetime).notNull()
                t.column("consumed", .boolean).notNull()
                t.primaryKey(["userID", "purpose"])
            }
            try db.create(table: "audit") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("at", .datetime).notNull()
                t.column("userID", .text)
                t.column("event", .text).notNull()
                t.column("detail", .text).notNull()
                t.column("terminal", .text).notNull()
            }
            try db.create(index: "audit_user", on: "audit", columns: ["userID", "id"])
            try db.create(table: "setting") { t in
                t.primaryKey("name", .text)
                t.column("value", .text).notNull()
            }
        }
        migrator.registerMigration("v2-fee-ledger") { db in
            // eService DA4: the one-off fee for each additional user account.
            try db.create(table: "fee") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("at", .datetime).notNull()
                t.column("participant", .text).notNull()
                t.column("accounts", .integer).notNull()
                t.column("amountHKD", .integer).notNull()
                t.column("actor", .text).notNull()
            }
        }
        migrator.registerMigration("v3-business-groups") { db in
            // s5.1: business user groups assigned through DMS after smartcard decommissioning.
            try db.alter(table: "account") { t in t.add(column: "businessGroups", .text).notNull().defaults(to: "") }
        }
        migrator.registerMigration("v4-used-email-codes") { db in
            // The codes that were used, so the trainer's inbox says "used" of a code that logged
            // on even after a newer code replaced it (the last few per account).
            try db.create(table: "usedEmailCode") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("userID", .text).notNull().references("account", onDelete: .cascade)
                t.column("purpose", .text).notNull()
                t.column("codeMAC", .blob).notNull()
                t.column("usedAt", .datetime).notNull()
            }
            try db.create(index: "usedEmailCode_user", on: "usedEmailCode", columns: ["userID", "id"])
        }
        migrator.registerMigration("v5-audit-terminal") { db in
            // The trainer's dashboard reads what each class seat typed (its terminal) each second.
            try db.create(index: "audit_terminal", on: "audit", columns: ["terminal", "id"])
        }
        migrator.registerMigration("v6-audit-facts") { db in
            // Reports read typed fields, not the detail text. Entries written before get them from
            // the words those versions wrote (the same words `label` still writes).
            try db.alter(table: "audit") { t in
                t.add(column: "method", .text)
                t.add(column: "change", .text)
                t.add(column: "actor", .text)
                t.add(column: "passwordSource", .text)
            }
            try auditFactsFromDetail(db)
        }
        return migrator
    }

    /// Audit entries written before v6 carry their facts only in the detail text, in the words
    /// `label` and `ProfileChange.summary` still write: every typed field is filled from those
    /// (entries that have them are left alone, so running it again changes nothing).
    static func auditFactsFromDetail(_ db: Database) throws {
        for method in [LogonMethod.appOTP, .emailOTP] {
            try db.execute(sql: "UPDATE audit SET method = ? WHERE method IS NULL AND event = ? AND substr(detail, 1, ?) = ?",
                           arguments: [method.rawValue, AuditEvent.logonSucceeded.rawValue, method.label.count, method.label])
        }
        try db.execute(sql: "UPDATE audit SET method = ? WHERE method IS NULL AND event = ?",
                       arguments: [LogonMethod.smartcard.rawValue, AuditEvent.smartcardLogonSucceeded.rawValue])
        for source in PasswordSource.allCases {
            try db.execute(sql: "UPDATE audit SET passwordSource = ? WHERE passwordSource IS NULL AND event = ? AND detail = ?",
                           arguments: [source.rawValue, AuditEvent.passwordChanged.rawValue, source.label])
        }
        // "SUMMARY: made by MAKER, authorised by CHECKER", each summary starting with its kind's words.
        let kinds: [(ProfileChange.Kind, String)] = [
            (.create, "create user profile "), (.changeEmail, "change the email of "),
            (.resetOTPRegistration, "unlock/ reset OTP device registration of "), (.delete, "delete user profile "),
            (.assignBusinessGroups, "business user groups of "),
        ]
        for (kind, words) in kinds {
            try db.execute(sql: "UPDATE audit SET change = ? WHERE change IS NULL AND event = ? AND substr(detail, 1, ?) = ?",
                           arguments: [kind.rawValue, AuditEvent.changeAuthorised.rawValue, words.count, words])
        }
        let checker = ", authorised by "
        try db.execute(sql: """
            UPDATE audit SET actor = substr(detail, instr(detail, ?) + ?)
            WHERE actor IS NULL AND event = ? AND instr(detail, ?) > 0
            """, arguments: [checker, checker.count, AuditEvent.changeAuthorised.rawValue, checker])
    }
}
