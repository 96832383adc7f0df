import Foundation

/// The administrative changes DAs (through DMS) and HKEX (through eServices) make. Each is
/// one transaction with its audit row; `actor` names who made it.
extension AuthEngine {
    public func createParticipant(_ participant: Participant, actor: String) throws {
        try UserIDFormat.validateParticipantID(participant.participantID, for: participant.clearingHouse)
        guard participant.maxUsers >= 1 else { throw EngineError.invalid("MAX NO. OF USERS must be at least 1.") }
        try store.write { tx in
            guard try tx.participant(participant.clearingHouse, participant.participantID) == nil else {
                throw EngineError.duplicateParticipant(participant.key)
            }
            try tx.insert(participant)
            try audit(tx, .participantCreated, nil, "\(participant.key) max \(participant.maxUsers) by \(actor)")
        }
    }

    /// Creates a user or DA profile after checking the ID format and the participant's allowance.
    @discardableResult
    public func createAccount(userID typed: String, clearingHouse: ClearingHouse, participantID: String,
                              kind: AccountKind, isMaker: Bool = false, isChecker: Bool = false,
                              email: String?, actor: String) throws -> Account {
        let userID = Self.normalise(typed)
        if let email { try Self.validateEmail(email) }
        let now = clock.now()
        return try store.write { tx in
            guard let participant = try tx.participant(clearingHouse, participantID) else {
                throw EngineError.unknownParticipant("\(clearingHouse.rawValue):\(participantID)")
            }
            try UserIDFormat.validate(userID, role: kind == .user ? .user : .delegatedAdministrator, participant: participant)
            guard try tx.account(userID) == nil else { throw EngineError.duplicateAccount(userID) }
            let used = try tx.accounts(of: participant).count
            guard used < participant.maxUsers else {
                throw EngineError.quotaReached(participant: participant.key, max: participant.maxUsers)
            }
            let account = Account(userID: userID, participant: participant, kind: kind,
                                  isMaker: kind == .delegatedAdministrator && isMaker,
                                  isChecker: kind == .delegatedAdministrator && isChecker,
                                  email: email, createdAt: now)
            try tx.insert(account)
            try audit(tx, .accountCreated, userID, "\(account.roleDescription) of \(participant.key) by \(actor)")
            return account
        }
    }

    /// A plain check of an email address's shape: one @, a dot in the domain, no spaces.
    public static func validateEmail(_ email: String) throws {
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."),
              !parts[1].hasSuffix("."), !email.contains(where: { $0.isWhitespace || $0 == "/" }), email.count <= 254
        else { throw EngineError.invalid("\"\(email)\" is not an email address (name@company.com).") }
    }

    private func changeAccount(_ typed: String, _ event: AuditEvent, _ detail: String, actor: String,
                               _ change: (inout Account, StoreTransaction) throws -> Void) throws {
        let userID = Self.normalise(typed)
        try store.write { tx in
            guard var account = try tx.account(userID) else { throw EngineError.unknownAccount(userID) }
            try change(&account, tx)
            try tx.save(account)
            try audit(tx, event, userID, "\(detail) by \(actor)")
        }
    }

    /// Register or change the email of a profile (Appendix A).
    public func registerEmail(userID: String, email: String, actor: String) throws {
        try Self.validateEmail(email)
        try changeAccount(userID, .accountChanged, "email registered", actor: actor) { account, _ in account.email = email }
    }

    public func unlock(userID: String, actor: String) throws {
        try changeAccount(userID, .accountUnlocked, "unlocked", actor: actor) { account, _ in
            configuration.lockout.unlock(&account)
        }
    }

    /// Unlock/ Reset OTP Device Registration (Appendix D c): the next logon is a first-time
    /// logon, password and OTP channel both set up again.
    public func resetOTPRegistration(userID: String, actor: String) throws {
        try changeAccount(userID, .otpRegistrationReset, "password and OTP registration reset, unlocked", actor: actor) { account, tx in
            configuration.lockout.unlock(&account)
            account.passwordHash = nil
            account.passwordChangedAt = nil
            account.otpChannel = nil
            account.sealedSeed = nil
            account.pendingSeed = nil
            account.lastTOTPStep = nil
            account.riskAcceptedAt = nil
            try tx.deleteEmailCodes(of: account.userID)
        }
    }

    public func setDisabled(userID: String, _ disabled: Bool, actor: String) throws {
        try changeAccount(userID, .accountChanged, disabled ? "disabled" : "enabled", actor: actor) { account, _ in
            account.disabled = disabled
        }
    }
}
