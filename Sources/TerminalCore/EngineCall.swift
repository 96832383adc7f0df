import AuthDomain
import Foundation

/// The engine's operations as the screens' calls name them. `AuthEngine` conforms (TerminalApp);
/// only the runner holds one, so the pure core never calls the engine itself.
public protocol EngineService: Sendable {
    func logon(userID: String, password: String, service: ServiceHours.Service) throws -> LogonOutcome
    func submitLogonOTP(_ session: FlowSession, code: String) throws -> CodeOutcome<LogonStep>
    func submitResetOTP(_ session: FlowSession, code: String) throws -> CodeOutcome<ResetStep>
    func submitSettingsOTP(_ session: FlowSession, code: String) throws -> CodeOutcome<SettingsStep>
    func requestEmailOTP(_ session: FlowSession) throws -> EmailOTPRequestOutcome
    func beginDeviceRegistration(_ session: FlowSession) throws -> DeviceRegistration
    func abandonDeviceRegistration(_ session: FlowSession) throws
    func skipDeviceRegistration(_ session: FlowSession) throws -> EmailOTPNotice
    func startPasswordReset(userID: String, service: ServiceHours.Service) throws -> ResetStart
    func completePasswordReset(_ session: FlowSession, newPassword: String, confirmation: String) throws -> PasswordChangeOutcome
    func changeExpiredPassword(_ session: FlowSession, newPassword: String, confirmation: String) throws -> ExpiredPasswordChange
    func changePassword(userID: String, currentPassword: String, newPassword: String, confirmation: String,
                        service: ServiceHours.Service) throws -> PasswordChangeOutcome
    func startAuthenticationSettings(userID: String, password: String, service: ServiceHours.Service) throws -> SettingsStart
    func changeAuthenticationSettings(_ session: FlowSession, _ change: SettingsChange) throws
    func smartcardLogon(userID: String, smartcardPassword: String, service: ServiceHours.Service) throws -> SmartcardOutcome
    func cancel(_ session: FlowSession)
    func logout(_ session: ActorSession)
    func dmsAvailability(_ function: DMSFunction) -> Unavailability?
    func userProfile(_ userID: String, for function: DMSFunction, by session: ActorSession) throws -> UserProfile
    func submit(_ change: ProfileChange, by session: ActorSession) throws -> PendingChange
    func authorise(_ change: PendingChange, checkerID: String, authorizationCode: String) throws -> AuthorisationOutcome
    func withdraw(_ change: PendingChange)
    func userProfileListing(by session: ActorSession) throws -> UserProfileListing
    func exportUserProfileListing(by session: ActorSession) throws -> URL
    /// A failure other than a refusal (the store, a file), as the one line a screen shows.
    func refusal(for failure: any Error) -> EngineError
}

/// What is asked of the engine, as tests compare it; the call that carries it knows how.
public enum EngineRequest: Equatable, Sendable {
    case logon(userID: String, password: String, ServiceHours.Service)
    case submitLogonOTP(FlowSession, code: String)
    case submitResetOTP(FlowSession, code: String)
    case submitSettingsOTP(FlowSession, code: String)
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

/// The answer of a call that only does something (Logout, Esc out of a flow).
public struct Done: Equatable, Sendable {}

/// The answer of Maintain User Profile's availability check: the function, and why it cannot be
/// used now (nil when it can).
public struct Availability: Equatable, Sendable {
    public var function: DMSFunction
    public var unavailable: Unavailability?
}

/// An engine call typed by its answer: the request and the operation that answers it, made
/// together here, one constructor per operation, so no switch elsewhere maps one to the other.
public struct EngineCall<Answer: Equatable & Sendable>: Sendable {
    public let request: EngineRequest
    let perform: @Sendable (any EngineService) throws -> Answer

    init(_ request: EngineRequest, _ perform: @escaping @Sendable (any EngineService) throws -> Answer) {
        self.request = request
        self.perform = perform
    }
}

extension EngineCall<LogonOutcome> {
    public static func logon(userID: String, password: String, _ service: ServiceHours.Service) -> Self {
        Self(.logon(userID: userID, password: password, service)) { try $0.logon(userID: userID, password: password, service: service) }
    }
}

extension EngineCall<CodeOutcome<LogonStep>> {
    public static func submitLogonOTP(_ session: FlowSession, code: String) -> Self {
        Self(.submitLogonOTP(session, code: code)) { try $0.submitLogonOTP(session, code: code) }
    }
}

extension EngineCall<CodeOutcome<ResetStep>> {
    public static func submitResetOTP(_ session: FlowSession, code: String) -> Self {
        Self(.submitResetOTP(session, code: code)) { try $0.submitResetOTP(session, code: code) }
    }
}

extension EngineCall<CodeOutcome<SettingsStep>> {
    public static func submitSettingsOTP(_ session: FlowSession, code: String) -> Self {
        Self(.submitSettingsOTP(session, code: code)) { try $0.submitSettingsOTP(session, code: code) }
    }
}

extension EngineCall<EmailOTPRequestOutcome> {
    public static func requestEmailOTP(_ session: FlowSession) -> Self {
        Self(.requestEmailOTP(session)) { try $0.requestEmailOTP(session) }
    }
}

extension EngineCall<DeviceRegistration> {
    public static func beginDeviceRegistration(_ session: FlowSession) -> Self {
        Self(.beginDeviceRegistration(session)) { try $0.beginDeviceRegistration(session) }
    }
}

extension EngineCall<EmailOTPNotice> {
    public static func skipDeviceRegistration(_ session: FlowSession) -> Self {
        Self(.skipDeviceRegistration(session)) { try $0.skipDeviceRegistration(session) }
    }
}

extension EngineCall<ResetStart> {
    public static func startPasswordReset(userID: String, _ service: ServiceHours.Service) -> Self {
        Self(.startPasswordReset(userID: userID, service)) { try $0.startPasswordReset(userID: userID, service: service) }
    }
}

extension EngineCall<PasswordChangeOutcome> {
    public static func completePasswordReset(_ session: FlowSession, new: String, confirmation: String) -> Self {
        Self(.completePasswordReset(session, new: new, confirmation: confirmation)) {
            try $0.completePasswordReset(session, newPassword: new, confirmation: confirmation)
        }
    }

    public static func changePassword(userID: String, current: String, new: String, confirmation: String,
                                      _ service: ServiceHours.Service) -> Self {
        Self(.changePassword(userID: userID, current: current, new: new, confirmation: confirmation, service)) {
            try $0.changePassword(userID: userID, currentPassword: current, newPassword: new, confirmation: confirmation, service: service)
        }
    }
}

extension EngineCall<ExpiredPasswordChange> {
    public static func changeExpiredPassword(_ session: FlowSession, new: String, confirmation: String) -> Self {
        Self(.changeExpiredPassword(session, new: new, confirmation: confirmation)) {
            try $0.changeExpiredPassword(session, newPassword: new, confirmation: confirmation)
        }
    }
}

extension EngineCall<SettingsStart> {
    public static func startAuthenticationSettings(userID: String, password: String, _ service: ServiceHours.Service) -> Self {
        Self(.startAuthenticationSettings(userID: userID, password: password, service)) {
            try $0.startAuthenticationSettings(userID: userID, password: password, service: service)
        }
    }
}

extension EngineCall<SettingsChange> {
    /// Answers with the change made, for the pop-up to say so.
    public static func changeSettings(_ session: FlowSession, _ change: SettingsChange) -> Self {
        Self(.changeSettings(session, change)) { engine in
            try engine.changeAuthenticationSettings(session, change)
            return change
        }
    }
}

extension EngineCall<SmartcardOutcome> {
    public static func smartcardLogon(userID: String, password: String, _ service: ServiceHours.Service) -> Self {
        Self(.smartcardLogon(userID: userID, password: password, service)) {
            try $0.smartcardLogon(userID: userID, smartcardPassword: password, service: service)
        }
    }
}

extension EngineCall<Done> {
    public static func abandonDeviceRegistration(_ session: FlowSession) -> Self {
        Self(.abandonDeviceRegistration(session)) { try $0.abandonDeviceRegistration(session); return Done() }
    }

    public static func cancel(_ session: FlowSession) -> Self {
        Self(.cancel(session)) { $0.cancel(session); return Done() }
    }

    public static func logout(_ session: ActorSession) -> Self {
        Self(.logout(session)) { $0.logout(session); return Done() }
    }

    public static func withdraw(_ change: PendingChange) -> Self {
        Self(.withdraw(change)) { $0.withdraw(change); return Done() }
    }
}

extension EngineCall<Availability> {
    public static func dmsAvailability(_ function: DMSFunction) -> Self {
        Self(.dmsAvailability(function)) { Availability(function: function, unavailable: $0.dmsAvailability(function)) }
    }
}

extension EngineCall<UserProfile> {
    public static func profile(userID: String, _ function: DMSFunction, _ session: ActorSession) -> Self {
        Self(.profile(userID: userID, function, session)) { try $0.userProfile(userID, for: function, by: session) }
    }
}

extension EngineCall<PendingChange> {
    public static func submitChange(_ change: ProfileChange, _ session: ActorSession) -> Self {
        Self(.submitChange(change, session)) { try $0.submit(change, by: session) }
    }
}

extension EngineCall<AuthorisationOutcome> {
    public static func authorise(_ change: PendingChange, checkerID: String, code: String) -> Self {
        Self(.authorise(change, checkerID: checkerID, code: code)) { try $0.authorise(change, checkerID: checkerID, authorizationCode: code) }
    }
}

extension EngineCall<UserProfileListing> {
    public static func listing(_ session: ActorSession) -> Self {
        Self(.listing(session)) { try $0.userProfileListing(by: session) }
    }
}

/// Where Export wrote the listing.
public struct ExportedFile: Equatable, Sendable {
    public var path: String
}

extension EngineCall<ExportedFile> {
    public static func exportListing(_ session: ActorSession) -> Self {
        Self(.exportListing(session)) { ExportedFile(path: try $0.exportUserProfileListing(by: session).path) }
    }
}

/// What an engine call answered, on its way back to the screen that asked: the call's typed
/// answer (its type known again by the call, `AnyEngineCall.reply`), or the engine's refusal.
public struct EngineAnswer: Sendable, Equatable {
    public let result: Result<any Equatable & Sendable, EngineError>

    public init(_ result: Result<any Equatable & Sendable, EngineError>) { self.result = result }
    public init(_ answer: some Equatable & Sendable) { result = .success(answer) }
    public init(failure: EngineError) { result = .failure(failure) }

    /// The answer itself, nil for a refusal.
    public var value: (any Equatable & Sendable)? { try? result.get() }

    public static func == (a: EngineAnswer, b: EngineAnswer) -> Bool {
        switch (a.result, b.result) {
        case (.failure(let x), .failure(let y)): x == y
        case (.success(let x), .success(let y)): same(x, y)
        default: false
        }
    }

    /// Flows and the logon an answer opens, closed again when the screen that asked is gone.
    var opened: [EngineCall<Done>] { (value as? any OpensEngineSessions)?.opened ?? [] }
}

/// An answer that opens a flow or a logon in the engine: if the screen that asked is gone when
/// it comes, the runner ends them again.
protocol OpensEngineSessions {
    var opened: [EngineCall<Done>] { get }
}

extension LogonOutcome: OpensEngineSessions {
    var opened: [EngineCall<Done>] { session.map { [.cancel($0)] } ?? [] }

    var session: FlowSession? {
        switch self {
        case .setUpOTPChannel(let s), .enterAppOTP(let s, _), .enterEmailOTP(let s, _), .passwordExpired(let s): s
        case .locked, .disabled, .invalid: nil
        }
    }
}

extension ResetStart: OpensEngineSessions {
    var opened: [EngineCall<Done>] {
        switch self {
        case .emailOTPSent(let s, _), .enterAppOTP(let s, _): [.cancel(s)]
        case .askDelegatedAdministrator, .noEmailRegistered, .locked, .disabled: []
        }
    }
}

extension SettingsStart: OpensEngineSessions {
    var opened: [EngineCall<Done>] {
        if case .enterAppOTP(let s, _) = self { return [.cancel(s)] }
        return []
    }
}

extension CodeOutcome: OpensEngineSessions {
    var opened: [EngineCall<Done>] {
        if case .accepted(let step) = self { return (step as? any OpensEngineSessions)?.opened ?? [] }
        return []
    }
}

extension LogonStep: OpensEngineSessions {
    var opened: [EngineCall<Done>] {
        if case .loggedOn(let success) = self { return [.logout(success.session)] }
        return []
    }
}

extension ResetStep: OpensEngineSessions {
    var opened: [EngineCall<Done>] {
        switch self { case .choosePassword(let s): [.cancel(s)] }
    }
}

extension SettingsStep: OpensEngineSessions {
    var opened: [EngineCall<Done>] {
        switch self { case .authenticationSettings(let s): [.cancel(s)] }
    }
}

extension SmartcardOutcome: OpensEngineSessions {
    var opened: [EngineCall<Done>] {
        if case .loggedOn(let success) = self { return [.logout(success.session)] }
        return []
    }
}

private func same<T: Equatable>(_ a: T, _ b: any Equatable) -> Bool { (b as? T) == a }

/// A call on its way, its answer's type erased until the answer reaches the screen that asked;
/// equal to another when it asks the same (tests compare requests, not closures).
public struct AnyEngineCall: Sendable, Equatable {
    public let request: EngineRequest
    /// Performs the call (the runner, on its worker thread).
    public let run: @Sendable (any EngineService) -> EngineAnswer
    /// The screen's own reply for an answer of this call; nil for an answer of another type.
    let reply: @Sendable (any Equatable & Sendable) -> (any Sendable)?

    init<Answer, Reply: Sendable>(_ call: EngineCall<Answer>, reply: @escaping @Sendable (Answer) -> Reply) {
        request = call.request
        let perform = call.perform
        run = { engine in
            do {
                return EngineAnswer(try perform(engine))
            } catch let error as EngineError {
                return EngineAnswer(failure: error)
            } catch {
                // A store or file failure: one line, nothing half-done (the write rolled back).
                return EngineAnswer(failure: engine.refusal(for: error))
            }
        }
        self.reply = { answer in (answer as? Answer).map(reply) }
    }

    /// A call whose answer nobody waits for.
    init<Answer>(_ call: EngineCall<Answer>) { self.init(call) { $0 } }

    /// For tests that compare effects: a call that asks `request`. It cannot be run.
    package init(comparing request: EngineRequest) {
        self.request = request
        run = { _ in preconditionFailure("a call made for comparing cannot run") }
        reply = { _ in nil }
    }

    /// Whether `answer` is of the type this call answers (a test answering by hand).
    package func takes(_ answer: EngineAnswer) -> Bool {
        guard let value = answer.value else { return true }
        return reply(value) != nil
    }

    public static func == (a: AnyEngineCall, b: AnyEngineCall) -> Bool { a.request == b.request }
}
