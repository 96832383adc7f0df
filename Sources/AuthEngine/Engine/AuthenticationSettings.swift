import Foundation

extension AuthEngine {
    /// AUTHENTICATION SETTINGS (Appendix D d): for accounts with a registered device, after
    /// the password and a code from that device.
    public func startAuthenticationSettings(userID typed: String, password: String,
                                            service: ServiceHours.Service = .terminal) throws -> SettingsStart {
        try requireOpen(service)
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
            let session = try startFlow(userID: account.userID, purpose: .authenticationSettings, stage: .appOTP, service: service)
            return .enterAppOTP(session, OTPPrompt(source: .app, digits: OneTimePassword.issued.digits))
        }
    }

    /// x Delete removes the registered device (the next logon sets up the OTP channel again);
    /// OATH off sends the codes by email from the next logon.
    public func changeAuthenticationSettings(_ session: FlowSession, _ change: SettingsChange) throws {
        let flow = try flow(session)
        guard flow.purpose == .authenticationSettings, flow.stage == .settings else {
            throw EngineError.wrongStep(.settingsNotOpen)
        }
        try store.write { tx in
            guard var account = try tx.account(flow.userID) else { throw EngineError.sessionEnded }
            account.otpChannel = change == .oathDisabled ? .email : nil
            account.sealedSeed = nil
            account.pendingSeed = nil
            account.lastTOTPStep = nil
            try tx.save(account)
            try audit(tx, change == .deviceDeleted ? .deviceDeleted : .oathDisabled, account.userID)
        }
        endFlow(session)
    }
}
