import Foundation

extension AuthEngine {
    /// Logon with smartcard while smartcards are in service (until 4 September 2023). The
    /// lockout is shared with 2FA: a locked account cannot use either (s4.1.2).
    public func smartcardLogon(userID typed: String, smartcardPassword: String,
                               service: ServiceHours.Service = .terminal) throws -> SmartcardOutcome {
        try requireOpen(service)
        guard phase.smartcardInService else { throw EngineError.unavailable(.smartcardDecommissioned) }
        switch try checkSecret(smartcardPassword, .smartcard, userID: typed, context: "smartcard", failedEvent: .smartcardLogonFailed) {
        case .invalid: return .invalid
        case .locked: return .locked
        case .disabled: return .disabled
        case .ok(let account):
            if service == .dms, account.kind != .delegatedAdministrator {
                try store.write { try audit($0, .dmsRefused, account.userID, "smartcard logon to DMS: not a Delegated Administrator") }
                return .refused(.notADelegatedAdministrator(account.userID))
            }
            let now = clock.now()
            let previous: Date? = try store.write { tx in
                guard var current = try tx.account(account.userID) else { throw EngineError.sessionEnded }
                configuration.lockout.recordSuccess(&current)
                let previous = current.lastLogonAt
                current.lastLogonAt = now
                try tx.save(current)
                try audit(tx, .smartcardLogonSucceeded, current.userID, "\(current.smartcardSRN ?? "") to \(service.rawValue)",
                          facts: AuditFacts(method: .smartcard))
                return previous
            }
            let session = try startLogon(userID: account.userID, service: service, method: .smartcard)
            return .loggedOn(LogonSuccess(session: session, userID: account.userID, role: account.role,
                                          clearingHouse: account.clearingHouse, participantID: account.participantID,
                                          loggedOnAt: now, previousLogonAt: previous, method: .smartcard))
        }
    }
}
