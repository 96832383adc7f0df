import Foundation

extension AuthEngine {
    /// AUTHENTICATION SETTINGS (Appendix D d): for accounts with a registered device, after
    /// the password and a code from that device.
    public func startAuthenticationSettings(userID typed: String, password: String) throws -> SettingsStart {
        try requireTwoFactorInService()
        switch try checkPassword(userID: typed, password: password, context: "authentication settings") {
        case .invalid: return .invalid
        case .locked: return .locked
        case .disabled: return .disabled
        case .ok(let account):
            guard account.state == .app else {
                try store.write { try audit($0, .passwordResetRefused, account.userID, "authentication settings need a registered device") }
                return .askDelegatedAdministrator(account.kind)
            }
            return .enterAppOTP(try startFlow(userID: account.userID, purpose: .authenticationSettings, stage: .appOTP))
        }
    }

    private func changeSettings(_ session: FlowSession, _ event: AuditEvent, _ change: (inout Account) -> Void) throws {
        let flow = try flow(session)
        guard flow.purpose == .authenticationSettings, flow.stage == .settings else {
            throw EngineError.wrongStage("authentication settings are not open")
        }
        try store.write { tx in
            guard var account = try tx.account(flow.userID) else { throw EngineError.unknownSession }
            change(&account)
            try tx.save(account)
            try audit(tx, event, account.userID)
        }
        endFlow(session)
    }

    /// x Delete: the registered device is removed; the next logon sets up the channel again.
    public func deleteRegisteredDevice(_ session: FlowSession) throws {
        try changeSettings(session, .deviceDeleted) { account in
            account.otpChannel = nil
            account.sealedSeed = nil
            account.pendingSeed = nil
            account.lastTOTPStep = nil
        }
    }

    /// Settings: "Multi-factor authentication using OATH" off: codes come by email from now on.
    public func disableOATH(_ session: FlowSession) throws {
        try changeSettings(session, .oathDisabled) { account in
            account.otpChannel = .email
            account.sealedSeed = nil
            account.pendingSeed = nil
            account.lastTOTPStep = nil
        }
    }
}
