import Foundation

/// A change to a user profile that a DA maker submits in DMS and a DA checker authorises on
/// the same screen (s3.1, s4.3, s5.1, Appendix A, Appendix D c).
public enum ProfileChange: Sendable, Equatable {
    /// Create User Profile: a user created after the launch logs on by 2FA only.
    case create(userID: String, email: String)
    /// Change User Profile: register or change the email (Appendix A).
    case changeEmail(userID: String, email: String)
    /// Change User Profile: Unlock/ Reset OTP Device Registration (Appendix D c).
    case resetOTPRegistration(userID: String)
    /// Delete User Profile.
    case delete(userID: String)
    /// After smartcard decommissioning: the DA role of a profile (s5.1).
    case assignDARole(userID: String, maker: Bool, checker: Bool)
    /// After smartcard decommissioning: the business user groups of a profile (s5.1).
    case assignBusinessGroups(userID: String, groups: [String])

    public var userID: String {
        switch self {
        case .create(let id, _), .changeEmail(let id, _), .resetOTPRegistration(let id), .delete(let id), .assignDARole(let id, _, _),
             .assignBusinessGroups(let id, _): id
        }
    }

    public var summary: String {
        switch self {
        case .create(let id, let email): "create user profile \(id) (\(email))"
        case .changeEmail(let id, let email): "change the email of \(id) to \(email)"
        case .resetOTPRegistration(let id): "unlock/ reset OTP device registration of \(id)"
        case .delete(let id): "delete user profile \(id)"
        case .assignDARole(let id, let maker, let checker):
            "DA role of \(id): \(maker ? "maker" : "")\(maker && checker ? " and " : "")\(checker ? "checker" : "")\(!maker && !checker ? "none" : "")"
        case .assignBusinessGroups(let id, let groups): "business user groups of \(id): \(groups.isEmpty ? "none" : groups.joined(separator: ", "))"
        }
    }
}

/// A submitted change waiting for its checker.
public struct PendingChange: Sendable, Equatable {
    public let id: String
    public let maker: String
    public let participantKey: String
    public let change: ProfileChange
}

public enum AuthorisationOutcome: Sendable, Equatable {
    case applied(String)
    case refused(String)
}

extension AuthEngine {
    /// The least a participant must keep (s5.1).
    public static let minimumMakers = 1
    public static let minimumCheckers = 2

    /// The maker submits: the change is checked now, applied only when a checker authorises it.
    public func submit(_ change: ProfileChange, by maker: LogonSuccess) throws -> PendingChange {
        let makerID = maker.userID
        do {
            try store.read { tx in
                guard let account = try tx.account(makerID), account.kind == .delegatedAdministrator, account.isMaker else {
                    throw EngineError.invalid("\(makerID) is not a DA maker.")
                }
                guard let participant = try tx.participant(account.clearingHouse, account.participantID) else {
                    throw EngineError.unknownParticipant(account.participantKey)
                }
                try validate(change, participant: participant, tx)
            }
        } catch {
            try store.write { try audit($0, .changeRefused, makerID, "\(change.summary): \(error)") }
            throw error
        }
        let pending = PendingChange(id: try configuration.random.bytes(8).map { String(format: "%02x", $0) }.joined(),
                                    maker: makerID, participantKey: "\(maker.clearingHouse.rawValue):\(maker.participantID)", change: change)
        pendingChanges.withLock { $0[pending.id] = pending }
        try store.write { try audit($0, .changeSubmitted, makerID, change.summary) }
        return pending
    }

    /// Checks a change against the profiles of the maker's participant.
    private func validate(_ change: ProfileChange, participant: Participant, _ tx: StoreTransaction) throws {
        let userID = Self.normalise(change.userID)
        switch change {
        case .create(_, let email):
            try Self.validateEmail(email)
            try UserIDFormat.validate(userID, role: .user, participant: participant)
            guard try tx.account(userID) == nil else { throw EngineError.duplicateAccount(userID) }
            guard try tx.accounts(of: participant).count < participant.maxUsers else {
                throw EngineError.quotaReached(participant: participant.key, max: participant.maxUsers)
            }
        case .changeEmail(_, let email):
            try Self.validateEmail(email)
            fallthrough
        default:
            guard let target = try tx.account(userID), target.participantKey == participant.key else {
                throw EngineError.invalid("\(userID) is not a user profile of \(participant.key).")
            }
        }
    }

    /// The checker confirms with Checker ID and Authorization Code (the checker's password). A
    /// checker may not authorise their own request, nor one that concerns themselves.
    public func authorise(_ pending: PendingChange, checkerID typed: String, authorizationCode: String) throws -> AuthorisationOutcome {
        let checkerID = Self.normalise(typed)
        guard pendingChanges.withLock({ $0[pending.id] }) != nil else { throw EngineError.unknownSession }
        func refuse(_ why: String) throws -> AuthorisationOutcome {
            try store.write { try audit($0, .changeRefused, checkerID.isEmpty ? pending.maker : checkerID, "\(pending.change.summary): \(why)") }
            return .refused(why)
        }
        if checkerID == pending.maker { return try refuse("A checker cannot authorise a request they made.") }
        if checkerID == Self.normalise(pending.change.userID) { return try refuse("A checker cannot authorise a request that concerns themselves.") }
        switch try checkPassword(userID: checkerID, password: authorizationCode, context: "checker authorisation") {
        case .invalid: return try refuse("Invalid Checker ID or Authorization Code.")
        case .locked: return try refuse("The checker's account is locked.")
        case .disabled: return try refuse("The checker's account is disabled.")
        case .ok(let checker):
            guard checker.kind == .delegatedAdministrator, checker.isChecker, checker.participantKey == pending.participantKey else {
                return try refuse("\(checkerID) is not a DA checker of \(pending.participantKey).")
            }
        }
        let now = clock.now()
        let result: AuthorisationOutcome
        do {
            result = try apply(pending, checkerID: checkerID, now: now)
        } catch let rollBack as RollBack {
            // The transaction was undone whole; the refusal is recorded on its own.
            return try refuse(rollBack.reason)
        }
        pendingChanges.withLock { $0[pending.id] = nil }
        return result
    }

    /// Applies an authorised change in one transaction, or throws RollBack to undo it.
    private func apply(_ pending: PendingChange, checkerID: String, now: Date) throws -> AuthorisationOutcome {
        try store.write { tx in
            let parts = pending.participantKey.split(separator: ":", maxSplits: 1).map(String.init)
            guard let house = ClearingHouse(rawValue: parts[0]), let participant = try tx.participant(house, parts[1]) else {
                throw EngineError.unknownParticipant(pending.participantKey)
            }
            // Checked again now: another terminal may have changed things since the submission.
            do { try validate(pending.change, participant: participant, tx) } catch {
                try audit(tx, .changeRefused, checkerID, "\(pending.change.summary): \(error)")
                return .refused("\(error)")
            }
            let userID = Self.normalise(pending.change.userID)
            switch pending.change {
            case .create(_, let email):
                try tx.insert(Account(userID: userID, participant: participant, kind: .user, email: email, createdAt: now))
            case .changeEmail(_, let email):
                guard var account = try tx.account(userID) else { throw EngineError.unknownAccount(userID) }
                account.email = email
                try tx.save(account)
            case .resetOTPRegistration:
                guard var account = try tx.account(userID) else { throw EngineError.unknownAccount(userID) }
                try resetTwoFactor(&account, tx)
                try tx.save(account)
            case .delete:
                guard let account = try tx.account(userID) else { throw EngineError.unknownAccount(userID) }
                try tx.delete(account)
            case .assignBusinessGroups(_, let groups):
                guard var account = try tx.account(userID) else { throw EngineError.unknownAccount(userID) }
                account.businessGroups = groups.joined(separator: ",")
                try tx.save(account)
            case .assignDARole(_, let maker, let checker):
                guard var account = try tx.account(userID) else { throw EngineError.unknownAccount(userID) }
                account.kind = maker || checker ? .delegatedAdministrator : .user
                account.isMaker = maker
                account.isChecker = checker
                try tx.save(account)
            }
            let das = try tx.accounts(of: participant).filter { $0.kind == .delegatedAdministrator && !$0.disabled }
            let makers = das.filter(\.isMaker).count, checkers = das.filter(\.isChecker).count
            if makers < Self.minimumMakers || checkers < Self.minimumCheckers {
                throw RollBack(reason: "Refused: \(participant.key) must keep at least \(Self.minimumMakers) DA maker and \(Self.minimumCheckers) DA checkers (it would have \(makers) and \(checkers)).")
            }
            try audit(tx, .changeAuthorised, userID, "\(pending.change.summary): made by \(pending.maker), authorised by \(checkerID)")
            return .applied("\(pending.change.summary.prefix(1).uppercased())\(pending.change.summary.dropFirst()): authorised by \(checkerID).")
        }
    }

    /// Thrown inside a write transaction to undo it; reported as a refusal.
    struct RollBack: Error { let reason: String }
}
