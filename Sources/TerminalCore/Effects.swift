import AuthEngine

/// An engine call the core asks for. The runtime performs it off the input path and sends
/// back `Event.engine(id, result)`.
public enum EngineRequest: Equatable, Sendable {
    case logon(userID: String, password: String)
    case submitOTP(FlowSession, code: String)
    case requestEmailOTP(FlowSession)
    case beginDeviceRegistration(FlowSession)
    case abandonDeviceRegistration(FlowSession)
    case skipDeviceRegistration(FlowSession)
    case startPasswordReset(userID: String)
    case completePasswordReset(FlowSession, new: String, confirmation: String)
    case changeExpiredPassword(FlowSession, new: String, confirmation: String)
    case changePassword(userID: String, current: String, new: String, confirmation: String)
    case startAuthenticationSettings(userID: String, password: String)
    case deleteRegisteredDevice(FlowSession)
    case disableOATH(FlowSession)
    case smartcardLogon(userID: String, password: String)
    case cancel(FlowSession)
    // DMS
    case profile(userID: String, by: String)
    case submitChange(ProfileChange, maker: LogonSuccess)
    case authorise(PendingChange, checkerID: String, code: String)
    case listing(ClearingHouse, participantID: String, by: String)
    case exportListing(ClearingHouse, participantID: String, by: String)

    /// Requests whose answer the screen waits for (the others are fire-and-forget).
    public var awaitsResult: Bool {
        switch self {
        case .cancel, .abandonDeviceRegistration: false
        default: true
        }
    }
}

/// What an engine call answered.
public enum EngineResult: Equatable, Sendable {
    case logon(LogonOutcome)
    case otp(OTPOutcome)
    case emailOTP(EmailOTPRequestOutcome)
    case registration(DeviceRegistration)
    case skipped(EmailOTPNotice)
    case resetStart(ResetStart)
    case passwordChange(PasswordChangeOutcome)
    case expiredChange(ExpiredPasswordChange)
    case settingsStart(SettingsStart)
    /// Authentication settings changed: the device deleted, or OATH switched off.
    case settingsSaved(deviceDeleted: Bool)
    case smartcard(SmartcardOutcome)
    case profile([ProfileField])
    case changeSubmitted(PendingChange)
    case authorisation(AuthorisationOutcome)
    case listing(String)
    case exported(path: String)
    case done
    /// The call threw: the message is shown; nothing else changes.
    case failure(String)
}

/// What the update function asks the outside world to do.
public enum Effect: Equatable, Sendable {
    case engine(id: Int, EngineRequest)
    /// Trainer control: move the clock forward.
    case advanceClock(TimeInterval)
    case quit
}

/// Everything that can happen to the program.
public enum Event: Equatable, Sendable {
    case key(Key)
    case paste(String)
    case resize(Size)
    /// The clock moved (once a second, or when a trainer advances it).
    case tick(now: Date, phase: ServicePhase)
    case engine(id: Int, EngineResult)
    /// The trainer's panel: why the current account is where it is.
    case trainerNotes([String])
}

import Foundation

public struct Size: Equatable, Sendable, Hashable {
    public var columns: Int
    public var rows: Int
    public init(columns: Int, rows: Int) {
        self.columns = columns
        self.rows = rows
    }

    public static let minimum = Size(columns: 80, rows: 24)
    public var isLargeEnough: Bool { columns >= Size.minimum.columns && rows >= Size.minimum.rows }
}
