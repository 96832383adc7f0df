import Foundation

extension AuthEngine {
    /// REGISTER DEVICE: a fresh 20-byte seed, shown as an otpauth URI (QR code) and a key;
    /// it becomes the account's only when the first valid code confirms it.
    public func beginDeviceRegistration(_ session: FlowSession) throws -> DeviceRegistration {
        let flow = try flow(session)
        guard flow.purpose == .logon, flow.stage == .channelSetup || flow.stage == .deviceRegistration else {
            throw EngineError.wrongStep(.channelAlreadySetUp)
        }
        var seed = try configuration.random.bytes(20)
        defer { wipe(&seed) }
        try store.write { tx in
            guard var account = try tx.account(flow.userID) else { throw EngineError.sessionEnded }
            account.pendingSeed = try tx.seal(seed: seed, for: account.userID)
            try tx.save(account)
            try audit(tx, .deviceRegistrationStarted, account.userID, "QR code shown")
        }
        setStage(session, .deviceRegistration)
        return Self.registration(OTPAuthURI(issuer: configuration.issuer, account: flow.userID, secret: seed))
    }

    /// What REGISTER DEVICE shows of an enrolment URI.
    static func registration(_ uri: OTPAuthURI) -> DeviceRegistration {
        DeviceRegistration(uri: uri.string, issuer: uri.issuer ?? "", accountName: uri.account,
                           manualKey: DeviceRegistration.groups(Base32.encode(uri.secret)), digits: uri.digits,
                           period: uri.period, algorithm: uri.algorithm.rawValue)
    }

    /// Back from REGISTER DEVICE to the channel choice; the unconfirmed seed is dropped.
    public func abandonDeviceRegistration(_ session: FlowSession) throws {
        let flow = try flow(session)
        guard flow.stage == .deviceRegistration else { return }
        try store.write { tx in
            guard var account = try tx.account(flow.userID) else { return }
            account.pendingSeed = nil
            try tx.save(account)
        }
        setStage(session, .channelSetup)
    }

    /// SKIP THIS STEP, then ACCEPT on "Potential Risk": recorded, and an email code is sent.
    public func skipDeviceRegistration(_ session: FlowSession) throws -> EmailOTPNotice {
        let flow = try flow(session)
        guard flow.purpose == .logon, flow.stage == .channelSetup || flow.stage == .deviceRegistration else {
            throw EngineError.wrongStep(.channelAlreadySetUp)
        }
        let now = clock.now()
        try store.write { tx in
            guard var account = try tx.account(flow.userID) else { throw EngineError.sessionEnded }
            account.pendingSeed = nil
            account.riskAcceptedAt = now
            try tx.save(account)
            try audit(tx, .riskAccepted, account.userID, "email OTP chosen; Potential Risk accepted")
        }
        setStage(session, .emailOTP)
        return try requestCode(for: flow.userID, purpose: .logon).notice
    }
}
