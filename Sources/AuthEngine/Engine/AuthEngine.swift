@_exported import AuthDomain
import Foundation
import Synchronization

/// Settings of one engine: the policy profile, the KDF cost and the rules' numbers.
public struct EngineConfiguration: Sendable {
    /// The hours, connectivity test, phase and policy of the session: the screens read this.
    public var environment: SessionEnvironment
    public var policy: PasswordPolicy {
        get { environment.policy }
        set { environment.policy = newValue }
    }
    public var hasher: PasswordHasher
    public var lockout = LockoutRule()
    public var emailOTP = EmailOTPRule()
    /// TOTP steps accepted either side of now (RFC 6238 s5.2).
    public var totpWindow = 1
    /// Training override of the phase the clock implies.
    public var phaseOverride: ServicePhase? {
        get { environment.phaseOverride }
        set { environment.phaseOverride = newValue }
    }
    /// Operating hours the engine keeps (nil: open at any hour, for training).
    public var hours: ServiceHours? {
        get { environment.hours }
        set { environment.hours = newValue }
    }
    /// Set when this engine serves a session of the post-release connectivity test (s3.5).
    public var connectivityTest: ConnectivitySession? {
        get { environment.connectivityTest }
        set { environment.connectivityTest = newValue }
    }
    /// Wrong Authorization Codes a pending DMS change takes before it is withdrawn.
    public var authorisationAttemptsPerChange = 3
    /// Wrong Authorization Codes of one checker within `lockout.window` before that checker's
    /// confirmations are suspended for the rest of the window (the account is not locked).
    public var authorisationFailuresPerChecker = 5
    /// A flow left idle this long ends.
    public var flowTimeout: TimeInterval = 20 * 60
    /// Set when this engine serves one seat of a class (`--seat`): only the accounts of that
    /// participant (its key, e.g. HKSCC-CP:T00107) exist for logons and resets here; another
    /// seat's user ID is an unknown user ID.
    public var seatParticipant: String?
    /// Names this terminal in the audit log.
    public var terminal: String
    public var issuer = "HKEX"
    /// Seeds, email codes and flow tokens come from here (the CSPRNG unless a scenario run
    /// asks for a deterministic stream).
    public var random = RandomSource.system

    public init(policy: PasswordPolicy = .hkex2023, hasher: PasswordHasher = .standard,
                terminal: String = "pid\(ProcessInfo.processInfo.processIdentifier)") {
        environment = SessionEnvironment(policy: policy)
        self.hasher = hasher
        self.terminal = terminal
    }
}

/// The in-process authentication engine of the emulated CCASS/CCMS and DMS logon.
/// Thread-safe; its slow calls (the KDF) are synchronous and belong off a UI's input path.
public final class AuthEngine: Sendable {
    public let store: AccountStore
    public let clock: any Clock
    public let mailer: any Mailer
    public let configuration: EngineConfiguration
    let flows = Mutex<[String: PendingFlow]>([:])
    /// DMS changes submitted by a maker, waiting for a checker on the same screen, with the
    /// wrong confirmations each has had.
    let pendingChanges = Mutex<[String: (change: PendingChange, failures: Int)]>([:])
    /// Live logons of this engine (DMS operations find their actor here).
    let logons = Mutex<[String: LiveLogon]>([:])

    public init(store: AccountStore, clock: any Clock = SystemClock(), mailer: (any Mailer)? = nil,
                configuration: EngineConfiguration = EngineConfiguration()) {
        self.store = store
        self.clock = clock
        self.mailer = mailer ?? MaildirMailer(root: store.location.mailURL)
        self.configuration = configuration
    }

    public var policy: PasswordPolicy { configuration.policy }
    public var phase: ServicePhase { configuration.environment.phase(at: clock.now()) }

    /// The rules' numbers as a screen needs them before any code is asked for.
    public var emailOTPDigits: Int { configuration.emailOTP.digits }

    // MARK: Reading

    public func account(_ userID: String) throws -> Account? {
        try store.read { try $0.account(Self.normalise(userID)) }
    }

    public func accounts() throws -> [Account] { try store.read { try $0.accounts() } }
    public func participants() throws -> [Participant] { try store.read { try $0.participants() } }

    public func auditLog(userID: String? = nil, limit: Int? = nil) throws -> [AuditEntry] {
        try store.read { try $0.auditEntries(userID: userID.map(Self.normalise), limit: limit) }
    }

    /// When the account's password expires under the current policy (nil: never, or not set).
    public func passwordExpiry(of account: Account) -> Date? {
        account.passwordExpiry(maxAge: policy.maxAge)
    }

    public static func normalise(_ userID: String) -> String {
        userID.trimmingCharacters(in: .whitespacesAndNewlines).uppercased()
    }

    /// A user ID as it may appear in the audit log: what was typed may be anything.
    static func auditable(_ userID: String) -> String {
        String(userID.unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) }.prefix(16).map(Character.init))
    }

    // MARK: Flows

    enum FlowPurpose: Sendable, Equatable {
        case logon
        case passwordReset
        case authenticationSettings
    }

    enum FlowStage: Sendable, Equatable {
        case channelSetup
        case deviceRegistration
        case appOTP
        case emailOTP
        case passwordExpired
        case choosePassword
        case settings
        /// A reset for an unknown user ID: looks like an email flow, never succeeds.
        case decoy
    }

    struct PendingFlow: Sendable {
        var userID: String
        var purpose: FlowPurpose
        var stage: FlowStage
        var service: ServiceHours.Service
        var lastActivity: Date
        var decoyFailures = 0
    }

    /// A person logged on through this engine.
    struct LiveLogon: Sendable {
        var userID: String
        var service: ServiceHours.Service
        var method: LogonMethod
    }

    func token() throws -> String {
        try configuration.random.bytes(16).map { String(format: "%02x", $0) }.joined()
    }

    func startFlow(userID: String, purpose: FlowPurpose, stage: FlowStage, service: ServiceHours.Service = .terminal) throws -> FlowSession {
        let token = try token()
        let now = clock.now()
        flows.withLock { flows in
            flows = flows.filter { now.timeIntervalSince($0.value.lastActivity) < configuration.flowTimeout }
            flows[token] = PendingFlow(userID: userID, purpose: purpose, stage: stage, service: service, lastActivity: now)
        }
        return FlowSession(token: token, userID: userID)
    }

    /// Records a completed logon; the session names it in later operations.
    func startLogon(userID: String, service: ServiceHours.Service, method: LogonMethod) throws -> ActorSession {
        let session = ActorSession(token: try token())
        logons.withLock { $0[session.token] = LiveLogon(userID: userID, service: service, method: method) }
        return session
    }

    /// Logout: the session can no longer act.
    public func logout(_ session: ActorSession) {
        guard let logon = logons.withLock({ $0.removeValue(forKey: session.token) }) else { return }
        try? store.write { try audit($0, .loggedOut, logon.userID, logon.service.rawValue) }
    }

    /// The live flow of a session, if it has not timed out; refreshes its idle timer.
    func flow(_ session: FlowSession) throws -> PendingFlow {
        let now = clock.now()
        return try flows.withLock { flows in
            guard var flow = flows[session.token], flow.userID == session.userID else { throw EngineError.sessionEnded }
            guard now.timeIntervalSince(flow.lastActivity) < configuration.flowTimeout else {
                flows[session.token] = nil
                throw EngineError.sessionEnded
            }
            flow.lastActivity = now
            flows[session.token] = flow
            return flow
        }
    }

    func setStage(_ session: FlowSession, _ stage: FlowStage) {
        flows.withLock { $0[session.token]?.stage = stage }
    }

    func endFlow(_ session: FlowSession) {
        _ = flows.withLock { $0.removeValue(forKey: session.token) }
    }

    /// Leaves a flow (Esc, Close, Logout); harmless if it already ended.
    public func cancel(_ session: FlowSession) { endFlow(session) }

    // MARK: Audit helper

    func audit(_ tx: StoreTransaction, _ event: AuditEvent, _ userID: String?, _ detail: String = "", facts: AuditFacts = AuditFacts()) throws {
        try tx.audit(event, userID: userID, at: clock.now(), terminal: configuration.terminal, detail, facts: facts)
    }

    func requireTwoFactorInService() throws {
        guard phase.twoFactorInService else { throw EngineError.unavailable(.twoFactorNotLaunched) }
    }

    /// The service keeps its operating hours (s4 footnote 1), or the connectivity test's window.
    func requireOpen(_ service: ServiceHours.Service) throws {
        guard let hours = configuration.hours else { return }
        let now = clock.now()
        guard !hours.isOpen(service, at: now, connectivityTest: configuration.connectivityTest) else { return }
        let test = configuration.connectivityTest
        throw EngineError.unavailable(.closed(service, holiday: test == nil ? hours.holiday(on: now) : nil,
                                              opensAt: hours.nextOpening(service, after: now, connectivityTest: test)))
    }

    /// Wraps a store or file failure in the one error callers show.
    func storeFailure(_ error: any Error) -> EngineError {
        (error as? EngineError) ?? .storeFailure(StoreFault(error))
    }
}
