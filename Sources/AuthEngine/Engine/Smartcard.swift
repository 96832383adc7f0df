import Foundation

extension AuthEngine {
    /// Logon with smartcard while smartcards are in service (until 4 September 2023). The
    /// lockout is shared with 2FA: a locked account cannot use either (s4.1.2).
    public func smartcardLogon(userID typed: String, smartcardPassword: String) throws -> SmartcardOutcome {
        guard phase.smartcardInService else {
            throw EngineError.notInService("Smartcard logon was decommissioned on 4 September 2023.")
        }
        let userID = Self.normalise(typed)
        let hasher = configuration.hasher
        let before = try store.read { try $0.account(userID) }
        let stored = before?.smartcardPasswordHash.flatMap(PasswordHash.init(encoded:))
        let verified: Bool
        if let stored { verified = hasher.verify(smartcardPassword, against: stored) } else {
            hasher.dummyVerify(smartcardPassword)
            verified = false
        }
        let now = clock.now()
        return try store.write { tx in
            guard before != nil, var account = try tx.account(userID) else {
                try audit(tx, .smartcardLogonFailed, Self.auditable(userID), "unknown user ID")
                return .invalid
            }
            if account.locked {
                try audit(tx, .logonRefusedLocked, userID, "smartcard")
                return .locked
            }
            guard verified, account.smartcardPasswordHash == before?.smartcardPasswordHash else {
                let lockedNow = configuration.lockout.recordFailure(&account, at: now)
                try tx.save(account)
                try audit(tx, .smartcardLogonFailed, userID, account.smartcardSRN == nil ? "no smartcard" : "wrong smartcard password")
                if lockedNow { try audit(tx, .accountLocked, userID, "\(configuration.lockout.maxFailures) consecutive failed logons") }
                return .invalid
            }
            if account.disabled {
                try audit(tx, .logonRefusedDisabled, userID, "smartcard")
                return .disabled
            }
            configuration.lockout.recordSuccess(&account)
            let previous = account.lastLogonAt
            account.lastLogonAt = now
            try tx.save(account)
            try audit(tx, .smartcardLogonSucceeded, userID, account.smartcardSRN ?? "")
            return .loggedOn(LogonSuccess(userID: userID, kind: account.kind, isMaker: account.isMaker,
                                          isChecker: account.isChecker, clearingHouse: account.clearingHouse,
                                          participantID: account.participantID, loggedOnAt: now,
                                          previousLogonAt: previous, method: .smartcard))
        }
    }

    /// A smartcard password is 6 to 8 digits (s4).
    public static func isValidSmartcardPassword(_ text: String) -> Bool {
        (6...8).contains(text.count) && text.allSatisfy(\.isASCIIDigit)
    }
}
