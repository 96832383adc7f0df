import Foundation

/// HKEX's side: participants, and the eService requests it processes (DA3, DA4). Only the
/// HKEX actor may call these; anyone else is refused, and the refusal is audited.
extension AuthEngine {
    /// The HKEX actor's name for the audit log, or a refusal.
    func hkexOperator(_ actor: Actor, _ what: String) throws -> String {
        switch actor {
        case .hkex(let name): return name
        case .dms(let session):
            let who = logons.withLock { $0[session.token]?.userID }
            try store.write { try audit($0, .eServiceRefused, who, "\(what): only HKEX processes eService requests") }
            throw EngineError.notPermitted(.hkexOnly)
        }
    }

    public func createParticipant(_ participant: Participant, by actor: Actor) throws {
        let name = try hkexOperator(actor, "create participant")
        do { try UserIDFormat.validateParticipantID(participant.participantID, for: participant.clearingHouse) } catch {
            throw EngineError.invalidParticipantID("\(error)")
        }
        guard participant.maxUsers >= 1 else { throw EngineError.invalidCount(what: "MAX. NO. OF USERS", minimum: 1) }
        try store.write { tx in
            guard try tx.participant(participant.clearingHouse, participant.participantID) == nil else {
                throw EngineError.duplicateParticipant(participant.key)
            }
            try tx.insert(participant)
            try audit(tx, .participantCreated, nil, "\(participant.key) max \(participant.maxUsers) by \(name)")
        }
    }

    /// Sets MAX. NO. OF USERS; never below the accounts the participant already has.
    public func setMaxUsers(clearingHouse: ClearingHouse, participantID: String, maxUsers: Int, by actor: Actor) throws {
        let name = try hkexOperator(actor, "set MAX. NO. OF USERS")
        try store.write { tx in
            var participant = try tx.requireParticipant(clearingHouse, participantID)
            let used = try tx.accounts(of: participant).count
            guard maxUsers >= max(1, used) else {
                throw EngineError.maxUsersBelowInUse(participant: participant.key, requested: maxUsers, inUse: used)
            }
            participant.maxUsers = maxUsers
            try tx.save(participant)
            try audit(tx, .accountChanged, nil, "\(participant.key): MAX. NO. OF USERS \(maxUsers) by \(name)")
        }
    }

    public func feeLedger() throws -> [FeeEntry] { try store.read { try $0.fees() } }

    /// eService DA4: more user accounts for a participant, at a one-off fee each (s4.3.1).
    public static let additionalAccountFeeHKD = 250

    /// Processes an eService request as HKEX: the request types new with 2FA only from the
    /// launch (12 June 2023), the DA role only from the decommissioning, a DA's unlock only with its registered email, no change that
    /// takes a participant below 1 DA maker and 2 DA checkers, and the DA told by email when
    /// it is done.
    public func process(_ request: EServiceRequest, by actor: Actor) throws -> EServiceResult {
        let name = try hkexOperator(actor, "\(request.form) \(request.typeName)")
        let now = clock.now()
        do {
            if let from = request.processedFrom, now < from { throw EngineError.unavailable(.eServiceNotYetProcessed(from: from)) }
            if case .unlockDA = request, configuration.connectivityTest != nil {
                throw EngineError.unavailable(.duringConnectivityTest)
            }
            let (result, notice) = try store.write { tx in try apply(request, by: name, now: now, tx) }
            if let notice { _ = deliverNotice(notice) }
            return result
        } catch let error as EngineError {
            try store.write { try audit($0, .eServiceRefused, request.userID.map(Self.auditable), "\(request.form) \(request.typeName) by \(name): \(error)") }
            throw error
        }
    }

    private func apply(_ request: EServiceRequest, by name: String, now: Date, _ tx: StoreTransaction) throws -> (EServiceResult, MailMessage?) {
        let what = "\(request.form) \(request.typeName)"
        switch request {
        case .addDA(let house, let participantID, let typedID, let email, let maker, let checker):
            guard maker || checker else { throw EngineError.nothingToChange }
            let participant = try tx.requireParticipant(house, participantID)
            let userID = try typedID.map(Self.normalise) ?? nextDAUserID(participant, tx)
            let account = try insertAccount(userID, participant: participant, role: AccountRole(kind: .delegatedAdministrator, isMaker: maker, isChecker: checker),
                                            email: email, now: now, tx)
            try audit(tx, .eServiceProcessed, userID, "\(what): \(account.roleDescription) of \(participant.key) by \(name)")
            let notice = completion(to: email, request, house: house, now: now,
                                    next: "At your first logon, set up your password (Forgot/Reset your Password) and your OTP channel.")
            return (.daAdded(userID: userID, role: account.role, participant: participant.key), notice)
        case .additionalAccounts(let house, let participantID, let count):
            guard count >= 1 else { throw EngineError.invalidCount(what: "The number of additional user accounts", minimum: 1) }
            var participant = try tx.requireParticipant(house, participantID)
            participant.maxUsers += count
            try tx.save(participant)
            let fee = try tx.insert(FeeEntry(id: nil, at: now, participant: participant.key, accounts: count,
                                             amountHKD: count * Self.additionalAccountFeeHKD, actor: name))
            try audit(tx, .eServiceProcessed, nil, "\(what): \(participant.key) +\(count), MAX. NO. OF USERS now \(participant.maxUsers), fee HKD \(fee.amountHKD), by \(name)")
            return (.accountsGranted(participant: participant.key, count: count, feeHKD: fee.amountHKD, maxUsers: participant.maxUsers), nil)
        case .registerDAEmail(let typedID, let email), .unlockDA(let typedID, let email):
            try Self.validateEmail(email)
            var account = try tx.requireDA(Self.normalise(typedID))
            if case .unlockDA = request {
                guard account.email?.lowercased() == email.lowercased() else { throw EngineError.emailMismatch(userID: account.userID) }
                try resetTwoFactor(&account, tx)
            } else {
                account.email = email
            }
            try tx.save(account)
            try audit(tx, .eServiceProcessed, account.userID, "\(what) by \(name)")
            let next = request.processedFrom != nil
                ? "At your next logon, set up your password (Forgot/Reset your Password) and your OTP channel again, as at a first-time logon."
                : "One-time passwords will be sent to this address."
            return (.completed(userID: account.userID), completion(to: email, request, house: account.clearingHouse, now: now, next: next))
        case .enableDA(let typedID), .disableDA(let typedID), .deleteDA(let typedID), .assignDARole(let typedID, _, _):
            let userID = Self.normalise(typedID)
            var account: Account
            if case .assignDARole = request {
                guard let found = try tx.account(userID) else { throw EngineError.unknownAccount(userID) }
                account = found
            } else {
                account = try tx.requireDA(userID)
            }
            let participant = try tx.requireParticipant(account.clearingHouse, account.participantID)
            let before = try daCounts(participant, tx)
            switch request {
            case .enableDA: account.disabled = false
            case .disableDA: account.disabled = true
            case .assignDARole(_, let maker, let checker): account.assignDARole(maker: maker, checker: checker)
            default: break
            }
            if case .deleteDA = request { try tx.delete(account) } else { try tx.save(account) }
            try requireDAMinimum(participant, before: before, tx)
            try audit(tx, .eServiceProcessed, userID, "\(what)\(request == .deleteDA(userID: typedID) ? "" : ": \(account.roleDescription)") by \(name)")
            let notice = account.email.map { completion(to: $0, request, house: account.clearingHouse, now: now, next: "") }
            return (.completed(userID: userID), notice)
        }
    }

    /// "A system generated email notification" when HKEX has completed a request (Appendix D c).
    /// Like the OTP mail it names no user ID; it gives the contacts of the DA's clearing house (s7).
    private func completion(to address: String, _ request: EServiceRequest, house: ClearingHouse, now: Date, next: String) -> MailMessage {
        MailMessage(from: OTPMail.sender, to: address, subject: "\(request.form) request completed",
                    body: """
                    Your \(request.form) request "\(request.typeName)" has been completed by HKEX.
                    \(next)

                    Enquiries: \(HKEXContact.sentence(for: house))
                    """.replacingOccurrences(of: "\n\n\n", with: "\n\n"),
                    date: now, messageID: (try? messageID()) ?? "\(now.timeIntervalSince1970)@ccass-terminal.invalid")
    }

    /// Sends a notice after its transaction committed; a failure is audited, not raised.
    func deliverNotice(_ mail: MailMessage) -> Bool {
        do {
            try mailer.send(mail)
            return true
        } catch {
            try? store.write { try audit($0, .emailOTPDeliveryFailed, nil, "notice to \(Self.mask(mail.to)): \(error)") }
            return false
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

    /// Checks the ID format and the allowance, then inserts.
    func insertAccount(_ userID: String, participant: Participant, role: AccountRole, email: String?, now: Date,
                       _ tx: StoreTransaction) throws -> Account {
        if let email { try Self.validateEmail(email) }
        do { try UserIDFormat.validate(userID, role: role.kind == .user ? .user : .delegatedAdministrator, participant: participant) } catch {
            throw EngineError.invalidUserID("\(error)")
        }
        guard try tx.account(userID) == nil else { throw EngineError.duplicateAccount(userID) }
        guard try tx.accounts(of: participant).count < participant.maxUsers else {
            throw EngineError.quotaReached(participant: participant.key, max: participant.maxUsers)
        }
        let account = Account(userID: userID, participant: participant, kind: role.kind, isMaker: role.isMaker,
                              isChecker: role.isChecker, email: email, createdAt: now)
        try tx.insert(account)
        return account
    }

    /// An email address as the store keeps it: one @, ASCII letters, digits and . _ % + - in
    /// the name, a dotted domain, at most 254 characters. Anything else is refused whole.
    public static func validateEmail(_ email: String) throws {
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        func allowed(_ text: Substring, extra: String) -> Bool {
            text.unicodeScalars.allSatisfy { $0.isASCII && (CharacterSet.alphanumerics.contains($0) || extra.unicodeScalars.contains($0)) }
        }
        guard parts.count == 2, !parts[0].isEmpty, allowed(parts[0], extra: "._%+-"), allowed(parts[1], extra: ".-"),
              parts[1].contains("."), !parts[1].hasPrefix("."), !parts[1].hasSuffix("."), !parts[1].contains(".."), email.count <= 254
        else { throw EngineError.invalidEmail(email) }
    }

    /// The first free DA user ID of a participant in its format (X1..X9, then Y, then Z; with the
    /// 1-4 digit of the clearing house for HKCC and SEOCH).
    func nextDAUserID(_ participant: Participant, _ tx: StoreTransaction) throws -> String {
        let prefix: String
        switch participant.clearingHouse {
        case .hksccParticipant, .hksccDesignatedBank: prefix = participant.participantID
        case .hkcc: prefix = "HK\(participant.participantID)1"
        case .seoch: prefix = "HK\(participant.participantID)2"
        }
        for letter in ["X", "Y", "Z"] {
            for digit in 1...9 where try tx.account("\(prefix)\(letter)\(digit)") == nil {
                return "\(prefix)\(letter)\(digit)"
            }
        }
        throw EngineError.noFreeDAUserID(participant: participant.key)
    }

    package func nextDAUserID(clearingHouse: ClearingHouse, participantID: String) throws -> String {
        try store.read { tx in try nextDAUserID(tx.requireParticipant(clearingHouse, participantID), tx) }
    }

    // MARK: s5.1: at least 1 DA maker and 2 DA checkers

    /// The enabled DA makers and checkers of a participant.
    func daCounts(_ participant: Participant, _ tx: StoreTransaction) throws -> (makers: Int, checkers: Int) {
        let das = try tx.accounts(of: participant).filter { $0.kind == .delegatedAdministrator && !$0.disabled }
        return (das.filter(\.isMaker).count, das.filter(\.isChecker).count)
    }

    /// Inside a change's transaction, after it: refused (and undone) only when it takes the
    /// participant below the minimum (a role change, a DA deletion or disabling); a participant
    /// already below it may still make other changes.
    func requireDAMinimum(_ participant: Participant, before: (makers: Int, checkers: Int), _ tx: StoreTransaction) throws {
        try Self.refuseDrop(participant, before: before, after: try daCounts(participant, tx))
    }

    /// The rule: fewer makers or checkers than the minimum is refused when the change made them
    /// fewer (a participant already below it may make other changes).
    static func refuseDrop(_ participant: Participant, before: (makers: Int, checkers: Int), after: (makers: Int, checkers: Int)) throws {
        let fewerMakers = after.makers < minimumMakers && after.makers < before.makers
        let fewerCheckers = after.checkers < minimumCheckers && after.checkers < before.checkers
        if fewerMakers || fewerCheckers {
            throw EngineError.notPermitted(.belowMinimumDAs(participant: participant.key, makers: after.makers, checkers: after.checkers))
        }
    }

    /// Refuses a change that would take the participant below the minimum, worked out on the
    /// DAs as they would be after it (the same rule `requireDAMinimum` applies when it is made).
    func requireDAMinimum(after change: ProfileChange, _ participant: Participant, _ tx: StoreTransaction) throws {
        // Only a deletion takes a DA away; the other changes leave the roles as they are.
        guard case .delete(let typed) = change else { return }
        let before = try daCounts(participant, tx)
        guard let target = try tx.account(Self.normalise(typed)), target.participantKey == participant.key,
              target.kind == .delegatedAdministrator, !target.disabled else { return }
        let after = (makers: before.makers - (target.isMaker ? 1 : 0), checkers: before.checkers - (target.isChecker ? 1 : 0))
        try Self.refuseDrop(participant, before: before, after: after)
    }

    /// The shortfall a participant has now, if any (shown as a warning).
    func daShortfall(_ participant: Participant, _ tx: StoreTransaction) throws -> DAMinimumShortfall? {
        let counts = try daCounts(participant, tx)
        guard counts.makers < Self.minimumMakers || counts.checkers < Self.minimumCheckers else { return nil }
        return DAMinimumShortfall(participant: participant.key, makers: counts.makers, checkers: counts.checkers)
    }

    /// The least a participant should keep (s5.1).
    public static let minimumMakers = 1
    public static let minimumCheckers = 2

    // MARK: Back office (tests, drills, benchmarks): HKEX changes without an eService form

    package func createAccount(userID typed: String, clearingHouse: ClearingHouse, participantID: String, role: AccountRole,
                               email: String?, actor: String) throws -> Account {
        let userID = Self.normalise(typed)
        let now = clock.now()
        return try store.write { tx in
            let participant = try tx.requireParticipant(clearingHouse, participantID)
            let account = try insertAccount(userID, participant: participant, role: role, email: email, now: now, tx)
            try audit(tx, .accountCreated, userID, "\(account.roleDescription) of \(participant.key) by \(actor)")
            return account
        }
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

    package func registerEmail(userID: String, email: String, actor: String) throws {
        try Self.validateEmail(email)
        try changeAccount(userID, .accountChanged, "email registered", actor: actor) { account, _ in account.email = email }
    }

    package func unlock(userID: String, actor: String) throws {
        try changeAccount(userID, .accountUnlocked, "unlocked", actor: actor) { account, _ in configuration.lockout.unlock(&account) }
    }

    package func resetOTPRegistration(userID: String, actor: String) throws {
        try changeAccount(userID, .otpRegistrationReset, "password and OTP registration reset, unlocked", actor: actor) { account, tx in
            try resetTwoFactor(&account, tx)
        }
    }
}

extension StoreTransaction {
    func requireParticipant(_ house: ClearingHouse, _ id: String) throws -> Participant {
        guard let participant = try participant(house, id) else { throw EngineError.unknownParticipant("\(house.rawValue):\(id)") }
        return participant
    }

    /// A DA's profile; users are maintained by their DAs in DMS, not by HKEX.
    func requireDA(_ userID: String) throws -> Account {
        guard let account = try account(userID) else { throw EngineError.unknownAccount(userID) }
        guard account.kind == .delegatedAdministrator else { throw EngineError.notPermitted(.notADelegatedAdministrator(userID)) }
        return account
    }
}

extension Account {
    /// A DA role given or taken away (s5.1): no role left makes the profile a user's.
    mutating func assignDARole(maker: Bool, checker: Bool) {
        kind = maker || checker ? .delegatedAdministrator : .user
        isMaker = maker
        isChecker = checker
    }
}
