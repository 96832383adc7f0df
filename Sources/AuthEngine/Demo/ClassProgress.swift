import Foundation

/// Where each trainee of a class stands (SeatProgress), read from the audit log.
extension TrainingClass {
    public func progress(in engine: AuthEngine) throws -> [SeatProgress] {
        try engine.store.read { tx in
            try seats.map { seat in
                let pid = participant(seat: seat).participantID
                let accounts = self.accounts(seat: seat)
                let firstLogon = accounts.first { $0.exercise == .firstLogon }!.userID
                let users = Set(accounts.filter { $0.role.kind == .user }.map(\.userID))
                var progress = SeatProgress(seat: seat, participantID: pid, done: [:])
                let since = seatsSetUpAfterAuditID[seat] ?? 0, terminal = terminalName(seat: seat)
                for entry in try tx.auditEntries(userIDPrefix: pid, afterID: since) {
                    // Another seat typing one of this seat's user IDs is that seat's doing.
                    if Self.isSeatTerminal(entry.terminal), entry.terminal != terminal { continue }
                    guard let userID = entry.userID, let milestone = Self.milestone(entry, userID: userID, firstLogon: firstLogon, users: users) else {
                        if entry.event != .accountCreated { progress.lastActivity = entry.at }
                        continue
                    }
                    progress.lastActivity = entry.at
                    if progress.done[milestone] == nil { progress.done[milestone] = entry.at }
                }
                // What this seat typed that is not its own (refused as unknown there) is its activity too.
                for entry in try tx.auditEntries(terminal: terminal, afterID: since) where !(entry.userID ?? "").hasPrefix(pid) {
                    progress.lastActivity = max(progress.lastActivity ?? entry.at, entry.at)
                }
                return progress
            }
        }
    }

    /// The exercise an audit entry completes, if any.
    /// Logons count for the seat's users (the exercises), not its DAs logging on to DMS.
    static func milestone(_ entry: AuditEntry, userID: String, firstLogon: String, users: Set<String>) -> SeatProgress.Milestone? {
        switch entry.event {
        case .passwordChanged where userID == firstLogon: .passwordSet
        case .passwordChanged where entry.passwordSource == .reset: .passwordReset
        case .deviceRegistered, .riskAccepted: .deviceOrRisk
        case .logonSucceeded where users.contains(userID) && entry.method == .appOTP: .appLogon
        case .logonSucceeded where users.contains(userID) && entry.method == .emailOTP: .emailLogon
        case .accountLocked: .locked
        case .changeAuthorised where entry.change == .resetOTPRegistration: .unlocked
        default: nil
        }
    }
}
