import Foundation

extension AuthEngine {
    /// REGISTER DEVICE: a 20-byte seed, shown as an otpauth URI (QR code) and a key; it becomes
    /// the account's only when the first valid code confirms it. Until then it is kept: shown
    /// again, REGISTER DEVICE shows the same key, so an app that scanned it is not left with a
    /// dead entry. (SKIP THIS STEP drops it.)
    public func beginDeviceRegistration(_ session: FlowSession) throws -> DeviceRegistration {
        let flow = try flow(session)
        guard flow.purpose == .logon, flow.stage == .channelSetup || flow.stage == .deviceRegistration else {
            throw EngineError.wrongStep(.channelAlreadySetUp)
        }
        let fresh = try configuration.random.bytes(20)
        let (seed, shownBefore) = try store.write { tx -> ([UInt8], Bool) in
            guard var account = try tx.account(flow.userID) else { throw EngineError.sessionEnded }
            if let pending = account.pendingSeed {
                let seed = try tx.openSeed(pending, for: account.userID, column: "pendingSeed")
                try audit(tx, .deviceRegistrationStarted, account.userID, "QR code shown again (the same key)")
                return (seed, true)
            }
            account.pendingSeed = try tx.seal(seed: fresh, for: account.userID)
            try tx.save(account)
            try audit(tx, .deviceRegistrationStarted, account.userID, "QR code shown")
            return (fresh, false)
        }
        var wiped = fresh, used = seed
        defer { wipe(&wiped); wipe(&used) }
        setStage(session, .deviceRegistration)
        return Self.registration(OTPAuthURI(issuer: configuration.issuer, account: flow.userID, secret: seed), shownBefore: shownBefore)
    }

    /// What REGISTER DEVICE shows of an enrolment URI.
    static func registration(_ uri: OTPAuthURI, shownBefore: Bool = false) -> DeviceRegistration {
        DeviceRegistration(uri: uri.string, issuer: uri.issuer ?? "", accountName: uri.account,
                           manualKey: DeviceRegistration.groups(Base32.encode(uri.secret)), digits: uri.digits,
                           period: uri.period, algorithm: uri.algorithm.rawValue, shownBefore: shownBefore)
    }

    /// Back from REGISTER DEVICE to the channel choice. The unconfirmed seed is kept for the
    /// next REGISTER DEVICE (an app may have scanned it); SKIP THIS STEP drops it.
    public func abandonDeviceRegistration(_ session: FlowSession) throws {
        let flow = try flow(session)
        guard flow.stage == .deviceRegistration else { return }
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
