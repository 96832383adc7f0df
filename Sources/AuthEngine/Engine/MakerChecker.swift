import Foundation
import SafeIO

/// DMS: a DA maker submits a change, a DA checker authorises it on the same screen (s3.1,
/// s4.3, s5.1, Appendix A, Appendix D c). Every operation takes the acting DMS session and
/// checks it against the store as it is now: who the actor is, the role, the participant,
/// the target's kind and the phase. Refusals are audited as refusals.
extension AuthEngine {
    /// The DA behind a DMS session, as the store has them now.
    func dmsActor(_ session: ActorSession, _ tx: StoreTransaction) throws -> (account: Account, participant: Participant) {
        guard let logon = logons.withLock({ $0[session.token] }), logon.service == .dms else {
            throw EngineError.notPermitted(.notLoggedOn)
        }
        guard let account = try tx.account(logon.userID) else { throw EngineError.sessionEnded }
        guard account.kind == .delegatedAdministrator else { throw EngineError.notPermitted(.notADelegatedAdministrator(account.userID)) }
        if account.locked { throw EngineError.notPermitted(.locked(account.userID)) }
        if account.disabled { throw EngineError.notPermitted(.disabled(account.userID)) }
        return (account, try tx.requireParticipant(account.clearingHouse, account.participantID))
    }

    /// Runs a DMS operation; an EngineError it throws is audited as a refusal first.
    func dms<T>(_ session: ActorSession, _ what: String, event: AuditEvent = .dmsRefused, target: String? = nil,
                _ body: () throws -> T) throws -> T {
        do { return try body() } catch let error as EngineError {
            let who = logons.withLock { $0[session.token]?.userID }
            try store.write { try audit($0, event, target.map(Self.auditable) ?? who, "\(what) by \(who ?? "no DMS logon"): \(error)") }
            throw error
        }
    }

    /// Whether a Maintain User Profile function can be used now, and if not, why.
    public func dmsAvailability(_ function: DMSFunction) -> Unavailability? {
        switch function {
        case .create where !phase.twoFactorInService: return .createUserBeforeLaunch
        case .create, .change, .delete: return configuration.connectivityTest != nil ? .duringConnectivityTest : nil
        case .enquire, .listing: return nil
        }
    }

    /// Enquire, Change or Delete User Profile: the profile as that function may show it.
    public func userProfile(_ typedID: String, for function: DMSFunction, by session: ActorSession) throws -> UserProfile {
        let userID = Self.normalise(typedID)
        return try dms(session, "\(function.rawValue) user profile \(Self.auditable(userID))", target: userID) {
            try store.write { tx in
                let actor = try dmsActor(session, tx)
                guard let target = try tx.account(userID) else { throw EngineError.unknownAccount(userID) }
                guard target.participantKey == actor.participant.key else {
                    throw EngineError.notPermitted(.otherParticipant(userID: userID, participant: actor.participant.key))
                }
                try audit(tx, .profileViewed, userID, "\(function.rawValue) by \(actor.account.userID)")
                return profile(target, for: function)
            }
        }
    }

    /// s4.3: Locked / OTP Enabled once 2FA is initialised, else SRN / Certificate Expiry Date,
    /// only under Enquire and Delete; business user groups once smartcards are decommissioned.
    func profile(_ account: Account, for function: DMSFunction) -> UserProfile {
        let decommissioned = phase == .twoFactorOnly
        let showsStatus = function == .enquire || function == .delete
        var restriction: Refusal?
        var options = UserProfile.ChangeOptions.none
        if function == .change || function == .delete {
            if account.kind == .delegatedAdministrator, !decommissioned {
                restriction = .daProfileThroughEServiceDA3(account.userID, account.clearingHouse)
            } else if function == .change {
                // No OTP device to reset before 2FA exists (12 June); business user groups from the
                // decommissioning (s5.1); the DA role is never DMS's (eService DA3).
                options = UserProfile.ChangeOptions(email: true, resetOTPRegistration: phase.twoFactorInService, businessGroups: decommissioned)
            }
        }
        return UserProfile(
            function: function, userID: account.userID, participantKey: account.participantKey, role: account.role,
            state: account.state, email: account.email,
            businessGroups: decommissioned ? account.businessGroups.split(separator: ",").map(String.init) : nil,
            twoFactor: showsStatus && account.twoFactorInitialised
                ? UserProfile.TwoFactorStatus(locked: account.locked, otpEnabled: account.otpChannel == .app) : nil,
            smartcard: showsStatus && !account.twoFactorInitialised
                ? UserProfile.Smartcard(srn: account.smartcardSRN ?? "", certificateExpiry: account.certificateExpiry) : nil,
            changeOptions: options, restriction: restriction)
    }

    /// The maker submits: the change is checked now, applied only when a checker authorises it.
    public func submit(_ change: ProfileChange, by session: ActorSession) throws -> PendingChange {
        try dms(session, change.summary, event: .changeRefused) {
            let (maker, participant, shortfall) = try store.read { tx -> (Account, Participant, DAMinimumShortfall?) in
                let actor = try dmsActor(session, tx)
                guard actor.account.isMaker else { throw EngineError.notPermitted(.notAMaker(actor.account.userID)) }
                try validate(change, participant: actor.participant, tx)
                // The maker hears at Submit what the checker would be refused: a change that takes
                // the participant below the minimum of DAs.
                try requireDAMinimum(after: change, actor.participant, tx)
                return (actor.account, actor.participant, try daShortfall(actor.participant, tx))
            }
            let pending = PendingChange(id: try token(), maker: maker.userID, participantKey: participant.key, change: change,
                                        belowMinimum: shortfall)
            try store.write { try audit($0, .changeSubmitted, maker.userID, change.summary) }
            pendingChanges.withLock { $0[pending.id] = (pending, 0) }
            return pending
        }
    }

    /// The maker left the screen: the change is no longer waiting.
    public func withdraw(_ change: PendingChange) {
        _ = pendingChanges.withLock { $0.removeValue(forKey: change.id) }
    }

    /// Checks a change against the phase and the profiles of the maker's participant.
    private func validate(_ change: ProfileChange, participant: Participant, _ tx: StoreTransaction) throws {
        let userID = Self.normalise(change.userID)
        if configuration.connectivityTest != nil { throw EngineError.unavailable(.duringConnectivityTest) }
        let decommissioned = phase == .twoFactorOnly
        if case .create(_, let email) = change {
            guard phase.twoFactorInService else { throw EngineError.unavailable(.createUserBeforeLaunch) }
            try Self.validateEmail(email)
            do { try UserIDFormat.validate(userID, role: .user, participant: participant) } catch {
                throw EngineError.invalidUserID("\(error)")
            }
            guard try tx.account(userID) == nil else { throw EngineError.duplicateAccount(userID) }
            guard try tx.accounts(of: participant).count < participant.maxUsers else {
                throw EngineError.quotaReached(participant: participant.key, max: participant.maxUsers)
            }
            return
        }
        guard let target = try tx.account(userID) else { throw EngineError.unknownAccount(userID) }
        guard target.participantKey == participant.key else {
            throw EngineError.notPermitted(.otherParticipant(userID: userID, participant: participant.key))
        }
        switch change {
        case .changeEmail(_, let email):
            try Self.validateEmail(email)
            if target.email == email { throw EngineError.nothingToChange }
        case .assignBusinessGroups:
            guard decommissioned else { throw EngineError.unavailable(.businessGroupsBeforeDecommissioning) }
            return
        case .resetOTPRegistration:
            guard phase.twoFactorInService else { throw EngineError.unavailable(.twoFactorNotLaunched) }
        case .create, .delete:
            break
        }
        // s3.1, s4.1: until decommissioning a DA's profile is HKEX's to maintain (eService DA3).
        if target.kind == .delegatedAdministrator, !decommissioned {
            throw EngineError.notPermitted(.daProfileThroughEServiceDA3(userID, target.clearingHouse))
        }
    }

    /// The checker confirms with Checker ID and Authorization Code: the smartcard password
    /// before the checker has initialised 2FA, the 2FA password afterwards. A wrong code is
    /// refused and audited but does not count towards the checker's lockout (a maker could
    /// otherwise lock the checkers out); instead each change takes a few wrong codes before it
    /// is withdrawn, and a checker with too many wrong codes in the lockout window is suspended
    /// from confirming for the rest of it.
    public func authorise(_ change: PendingChange, checkerID typed: String, authorizationCode: String) throws -> AuthorisationOutcome {
        let checkerID = Self.normalise(typed)
        guard let pending = pendingChanges.withLock({ $0[change.id]?.change }) else { throw EngineError.sessionEnded }
        func refuse(_ refusal: AuthorisationRefusal) throws -> AuthorisationOutcome {
            try store.write { try audit($0, .changeRefused, checkerID.isEmpty ? pending.maker : Self.auditable(checkerID),
                                        "\(pending.change.summary): \(refusal)") }
            return .refused(refusal)
        }
        if checkerID == pending.maker { return try refuse(.notPermitted(.ownRequest)) }
        if checkerID == Self.normalise(pending.change.userID) { return try refuse(.notPermitted(.concernsChecker)) }
        let now = clock.now()
        if let until = try checkerSuspension(checkerID, now: now) { return try refuse(.checkerSuspended(until: until)) }

        let checker = try store.read { try visibleAccount($0, checkerID) }
        let secret: Secret = checker?.twoFactorInitialised == true ? .password : .smartcard
        let (_, verified, _) = try verify(authorizationCode, secret, userID: checkerID)
        guard verified, let checker else {
            // Only a checker of the change's own participant is counted (and may be suspended):
            // a maker typing another participant's IDs must not stop that participant's checkers.
            let ownChecker = checker.map { $0.participantKey == pending.participantKey } ?? false
            return try wrongAuthorizationCode(pending, checkerID: checkerID, countedAgainstChecker: ownChecker)
        }
        if checker.locked { return try refuse(.notPermitted(.locked(checkerID))) }
        if checker.disabled { return try refuse(.notPermitted(.disabled(checkerID))) }
        guard checker.kind == .delegatedAdministrator, checker.isChecker, checker.participantKey == pending.participantKey else {
            return try refuse(.notPermitted(.notAChecker(userID: checkerID, participant: pending.participantKey)))
        }
        do {
            try apply(pending, checkerID: checkerID, now: now)
        } catch let error as EngineError {
            if case .notPermitted(let refusal) = error { return try refuse(.notPermitted(refusal)) }
            return try refuse(.noLongerValid(error))
        }
        withdraw(pending)
        return .applied(pending)
    }

    /// A wrong Checker ID or Authorization Code: audited, counted on the change, and on the
    /// checker when the checker is one of the change's participant.
    private func wrongAuthorizationCode(_ pending: PendingChange, checkerID: String, countedAgainstChecker: Bool) throws -> AuthorisationOutcome {
        let limit = configuration.authorisationAttemptsPerChange
        let failures = pendingChanges.withLock { changes -> Int in
            changes[pending.id]?.failures += 1
            return changes[pending.id]?.failures ?? limit
        }
        let left = max(0, limit - failures)
        try store.write {
            let detail = "\(pending.change.summary): wrong Checker ID or Authorization Code (\(failures) of \(limit) for this request)"
            if countedAgainstChecker {
                try audit($0, .authorisationFailed, Self.auditable(checkerID), detail)
            } else {
                try audit($0, .changeRefused, pending.maker, "\(detail); Checker ID \(Self.auditable(checkerID)) is not a checker of \(pending.participantKey)")
            }
        }
        guard left > 0 else {
            withdraw(pending)
            try store.write { try audit($0, .changeRefused, pending.maker, "\(pending.change.summary): withdrawn after \(limit) invalid confirmations") }
            return .refused(.changeWithdrawn)
        }
        return .refused(.invalidCheckerCredentials(attemptsLeft: left))
    }

    /// When a checker with too many wrong codes in the window may confirm again, if suspended.
    private func checkerSuspension(_ checkerID: String, now: Date) throws -> Date? {
        let window = configuration.lockout.window
        let failures = try store.read { try $0.auditTimes(.authorisationFailed, userID: Self.auditable(checkerID), after: now.addingTimeInterval(-window)) }
        guard failures.count >= configuration.authorisationFailuresPerChecker, let oldest = failures.first else { return nil }
        return oldest.addingTimeInterval(window)
    }

    /// Applies an authorised change in one transaction; an EngineError undoes it whole.
    private func apply(_ pending: PendingChange, checkerID: String, now: Date) throws {
        try store.write { tx in
            let parts = pending.participantKey.split(separator: ":", maxSplits: 1).map(String.init)
            guard parts.count == 2, let house = ClearingHouse(rawValue: parts[0]) else { throw EngineError.unknownParticipant(pending.participantKey) }
            let participant = try tx.requireParticipant(house, parts[1])
            // Checked again now: another terminal may have changed things since the submission.
            try validate(pending.change, participant: participant, tx)
            let before = try daCounts(participant, tx)
            let userID = Self.normalise(pending.change.userID)
            switch pending.change {
            case .create(_, let email):
                let account = try insertAccount(userID, participant: participant, role: AccountRole(kind: .user), email: email, now: now, tx)
                try audit(tx, .accountCreated, userID, "\(account.roleDescription) of \(participant.key)")
            case .delete:
                guard let account = try tx.account(userID) else { throw EngineError.unknownAccount(userID) }
                try tx.delete(account)
            case .changeEmail, .resetOTPRegistration, .assignBusinessGroups:
                guard var account = try tx.account(userID) else { throw EngineError.unknownAccount(userID) }
                switch pending.change {
                case .changeEmail(_, let email): account.email = email
                case .resetOTPRegistration: try resetTwoFactor(&account, tx)
                case .assignBusinessGroups(_, let groups): account.businessGroups = groups.joined(separator: ",")
                case .create, .delete: break
                }
                try tx.save(account)
            }
            try requireDAMinimum(participant, before: before, tx)
            try audit(tx, .changeAuthorised, userID, "\(pending.change.summary): made by \(pending.maker), authorised by \(checkerID)",
                      facts: AuditFacts(change: pending.change.kind, actor: checkerID))
        }
    }

    // MARK: User Profile Listing (s3.2, s4.3.1)

    /// The listing of the actor's own participant.
    public func userProfileListing(by session: ActorSession) throws -> UserProfileListing {
        try dms(session, "user profile listing") {
            try store.write { tx -> UserProfileListing in
                let actor = try dmsActor(session, tx)
                try audit(tx, .listingViewed, nil, "by \(actor.account.userID): \(actor.participant.key)")
                return try listing(actor.participant, tx)
            }
        }
    }

    func listing(_ participant: Participant, _ tx: StoreTransaction) throws -> UserProfileListing {
        let rows = try tx.accounts(of: participant).map { (account: Account) -> UserProfileListing.Row in
            UserProfileListing.Row(userID: account.userID, role: account.role, state: account.state, locked: account.locked,
                                   disabled: account.disabled, email: account.email)
        }
        return UserProfileListing(participantKey: participant.key, participantName: participant.name, rows: rows, maxUsers: participant.maxUsers)
    }

    /// Writes the actor's listing to `exports/` in the data directory; returns the file.
    public func exportUserProfileListing(by session: ActorSession) throws -> URL {
        try dms(session, "user profile listing export") {
            let (report, actor) = try store.read { tx -> (UserProfileListing, String) in
                let actor = try dmsActor(session, tx)
                return (try listing(actor.participant, tx), actor.account.userID)
            }
            let folder = store.location.directory.appendingPathComponent("exports")
            let name = "user-profile-listing-\(report.participantKey.replacingOccurrences(of: ":", with: "-"))-\(HongKongTime.formatDay(clock.now())).txt"
            let file = folder.appendingPathComponent(name)
            do {
                // Private (0700, 0600): the listing holds every user's email address.
                try PrivateFiles.folder(folder)
                try PrivateFiles.replace(file, with: report.text)
            } catch {
                throw EngineError.storeFailure(.other("the export \(file.path) could not be written (\(StoreFault(error)))"))
            }
            try store.write { try audit($0, .listingExported, nil, "by \(actor): \(file.path)") }
            return file
        }
    }
}
