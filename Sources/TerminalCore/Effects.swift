import AuthDomain
import Foundation

/// An engine call the core asks for. The runtime performs it off the input path and sends
/// back `Event.engine(id, answer)` to the screen that asked.
public enum EngineRequest: Equatable, Sendable {
    case logon(userID: String, password: String, ServiceHours.Service)
    case submitOTP(FlowSession, code: String)
    case requestEmailOTP(FlowSession)
    case beginDeviceRegistration(FlowSession)
    case abandonDeviceRegistration(FlowSession)
    case skipDeviceRegistration(FlowSession)
    case startPasswordReset(userID: String, ServiceHours.Service)
    case completePasswordReset(FlowSession, new: String, confirmation: String)
    case changeExpiredPassword(FlowSession, new: String, confirmation: String)
    case changePassword(userID: String, current: String, new: String, confirmation: String, ServiceHours.Service)
    case startAuthenticationSettings(userID: String, password: String, ServiceHours.Service)
    case changeSettings(FlowSession, SettingsChange)
    case smartcardLogon(userID: String, password: String, ServiceHours.Service)
    case cancel(FlowSession)
    case logout(ActorSession)
    // DMS
    case dmsAvailability(DMSFunction)
    case profile(userID: String, DMSFunction, ActorSession)
    case submitChange(ProfileChange, ActorSession)
    case authorise(PendingChange, checkerID: String, code: String)
    case withdraw(PendingChange)
    case listing(ActorSession)
    case exportListing(ActorSession)
}

/// What an engine call answered.
public enum EngineAnswer: Equatable, Sendable {
    case logon(LogonOutcome)
    case otp(OTPOutcome)
    case emailOTP(EmailOTPRequestOutcome)
    case registration(DeviceRegistration)
    case skipped(EmailOTPNotice)
    case resetStart(ResetStart)
    case passwordChange(PasswordChangeOutcome)
    case expiredChange(ExpiredPasswordChange)
    case settingsStart(SettingsStart)
    case settingsSaved(SettingsChange)
    case smartcard(SmartcardOutcome)
    case availability(DMSFunction, Unavailability?)
    case profile(UserProfile)
    case changeSubmitted(PendingChange)
    case authorisation(AuthorisationOutcome)
    case listing(UserProfileListing)
    case exported(path: String)
    case done
    /// The call was refused or failed; nothing else changed.
    case failure(EngineError)

    /// Flows and logons an answer opens, so that an answer nobody waits for any more can be
    /// closed again.
    var openedFlows: [FlowSession] {
        switch self {
        case .logon(let outcome): outcome.session.map { [$0] } ?? []
        case .resetStart(.emailOTPSent(let s, _)), .resetStart(.enterAppOTP(let s, _)), .settingsStart(.enterAppOTP(let s, _)): [s]
        default: []
        }
    }

    var openedLogon: ActorSession? {
        switch self {
        case .otp(.accepted(.loggedOn(let success))), .smartcard(.loggedOn(let success)): success.session
        default: nil
        }
    }
}

extension LogonOutcome {
    var session: FlowSession? {
        switch self {
        case .setUpOTPChannel(let s), .enterAppOTP(let s, _), .enterEmailOTP(let s, _), .passwordExpired(let s): s
        case .locked, .disabled, .invalid: nil
        }
    }
}

/// What the update function asks the outside world to do.
public enum Effect: Equatable, Sendable {
    /// An engine call; `id` 0 for one whose answer nobody waits for.
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
    /// The clock moved (a timer, or a trainer advancing it).
    case tick(now: Date, phase: ServicePhase)
    case engine(id: Int, EngineAnswer)
    /// The trainer's panel: why the current account is where it is.
    case trainerNotes([String])
    /// The trainer's clock move could not be saved (the store's clock file), and why.
    case clockNotMoved(reason: String)
    /// A line-based front end (plain mode, a scenario) fills the form's fields and presses a
    /// button or turns a toggle, as typing would.
    case submitForm(fields: [String: String], action: String)
}
