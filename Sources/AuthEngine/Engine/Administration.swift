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
            try resetTwoFactor(&account, tx)
        }
    }

    /// What Unlock/ Reset OTP Device Registration does to an account, whoever asks for it
    /// (HKEX for a DA, a DA maker and checker for a user).
    func resetTwoFactor(_ account: inout Account, _ tx: StoreTransaction) throws {
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

    /// eService DA4: more user accounts for a participant, at a one-off fee each (s4.3.1).
    public static let additionalAccountFeeHKD = 250

    @discardableResult
    public func grantAccounts(clearingHouse: ClearingHouse, participantID: String, count: Int, actor: String) throws -> FeeEntry {
        guard count >= 1 else { throw EngineError.invalid("The number of additional user accounts must be at least 1.") }
        let now = clock.now()
        return try store.write { tx in
            guard var participant = try tx.participant(clearingHouse, participantID) else {
                throw EngineError.unknownParticipant("\(clearingHouse.rawValue):\(participantID)")
            }
            participant.maxUsers += count
            try tx.save(participant)
            let fee = try tx.insert(FeeEntry(id: nil, at: now, participant: participant.key, accounts: count,
                                             amountHKD: count * Self.additionalAccountFeeHKD, actor: actor))
            try audit(tx, .accountChanged, nil, "\(participant.key): \(count) additional user account(s), MAX NO. OF USERS now \(participant.maxUsers), fee HKD \(fee.amountHKD), by \(actor)")
            return fee
        }
    }

    /// Sets MAX NO. OF USERS; never below the accounts the participant already has.
    public func setMaxUsers(clearingHouse: ClearingHouse, participantID: String, maxUsers: Int, actor: String) throws {
        try store.write { tx in
            guard var participant = try tx.participant(clearingHouse, participantID) else {
                throw EngineError.unknownParticipant("\(clearingHouse.rawValue):\(participantID)")
            }
            let used = try tx.accounts(of: participant).count
            guard maxUsers >= max(1, used) else {
                throw EngineError.invalid("MAX NO. OF USERS of \(participant.key) cannot be \(maxUsers): \(used) user accounts are in use.")
            }
            participant.maxUsers = maxUsers
            try tx.save(participant)
            try audit(tx, .accountChanged, nil, "\(participant.key): MAX NO. OF USERS \(maxUsers) by \(actor)")
        }
    }

    public func feeLedger() throws -> [FeeEntry] { try store.read { try $0.fees() } }

    /// Deletes a profile (its audit history stays).
    public func deleteAccount(userID typed: String, actor: String) throws {
        let userID = Self.normalise(typed)
        try store.write { tx in
            guard let account = try tx.account(userID) else { throw EngineError.unknownAccount(userID) }
            try tx.delete(account)
            try audit(tx, .accountChanged, userID, "\(account.roleDescription) deleted by \(actor)")
        }
    }

    /// The first free DA user ID of a participant in its format (X1..X9, then Y, then Z; with the
    /// 1-4 digit of the clearing house for HKCC and SEOCH).
    public func nextDAUserID(clearingHouse: ClearingHouse, participantID: String) throws -> String {
        try store.read { tx in
            guard let participant = try tx.participant(clearingHouse, participantID) else {
                throw EngineError.unknownParticipant("\(clearingHouse.rawValue):\(participantID)")
            }
            let prefix: String
            switch clearingHouse {
            case .hksccParticipant, .hksccDesignatedBank: prefix = participant.participantID
            case .hkcc: prefix = "HK\(participant.participantID)1"
            case .seoch: prefix = "HK\(participant.participantID)2"
            }
            for letter in ["X", "Y", "Z"] {
                for digit in 1...9 where try tx.account("\(prefix)\(letter)\(digit)") == nil {
                    return "\(prefix)\(letter)\(digit)"
                }
            }
            throw EngineError.invalid("Participant \(participant.key) has no free DA user ID left.")
        }
    }

    public func setDisabled(userID: String, _ disabled: Bool, actor: String) throws {
        try changeAccount(userID, .accountChanged, disabled ? "disabled" : "enabled", actor: actor) { account, _ in
            account.disabled = disabled
        }
    }
}
