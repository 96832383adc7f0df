import Foundation

/// What a session runs under, in one value: the hours it keeps, the connectivity test it is part
/// of, the phase, and the password policy. The engine's configuration owns it and enforces it;
/// the screens read the engine's (a front end builds it once, before the store is open, and the
/// terminal takes the engine's when it is).
public struct SessionEnvironment: Sendable, Equatable {
    /// Operating hours kept (nil: open at any hour, for training).
    public var hours: ServiceHours?
    /// Set when the session is part of the post-release connectivity test (s3.5).
    public var connectivityTest: ConnectivitySession?
    /// A training override of the phase the clock implies.
    public var phaseOverride: ServicePhase?
    public var policy: PasswordPolicy

    public init(hours: ServiceHours? = nil, connectivityTest: ConnectivitySession? = nil, phaseOverride: ServicePhase? = nil,
                policy: PasswordPolicy = .hkex2023) {
        self.hours = hours
        self.connectivityTest = connectivityTest
        self.phaseOverride = phaseOverride
        self.policy = policy
    }

    /// The phase at `now`: the override, else the calendar's. The one place it is worked out.
    public func phase(at now: Date) -> ServicePhase { phaseOverride ?? ServicePhase.at(now) }

    /// The phase a session asks for: the one given, else the transition during the connectivity
    /// test (its sessions ran before the launch), else none (the calendar's).
    public static func phaseOverride(_ phase: ServicePhase?, connectivityTest: ConnectivitySession?) -> ServicePhase? {
        phase ?? (connectivityTest != nil ? .transition : nil)
    }

    /// Nil while `service` is open at `now`; otherwise why it is closed and when it opens.
    public func closedNotice(_ service: ServiceHours.Service, at now: Date) -> String? {
        hours?.closedNotice(service, at: now, connectivityTest: connectivityTest)
    }

    public static func == (a: SessionEnvironment, b: SessionEnvironment) -> Bool {
        a.hours == b.hours && a.connectivityTest == b.connectivityTest && a.phaseOverride == b.phaseOverride && a.policy.name == b.policy.name
    }
}
