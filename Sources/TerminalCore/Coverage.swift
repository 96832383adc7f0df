import AuthDomain

extension EngineAnswer: CoverageCases {
    public enum Case: String, CaseIterable {
        case logon, otp, emailOTP, registration, skipped, resetStart, passwordChange, expiredChange, settingsStart, settingsSaved,
             smartcard, availability, profile, changeSubmitted, authorisation, listing, exported, done, failure
    }
    public var coverageCase: Case {
        switch self {
        case .logon: .logon
        case .otp: .otp
        case .emailOTP: .emailOTP
        case .registration: .registration
        case .skipped: .skipped
        case .resetStart: .resetStart
        case .passwordChange: .passwordChange
        case .expiredChange: .expiredChange
        case .settingsStart: .settingsStart
        case .settingsSaved: .settingsSaved
        case .smartcard: .smartcard
        case .availability: .availability
        case .profile: .profile
        case .changeSubmitted: .changeSubmitted
        case .authorisation: .authorisation
        case .listing: .listing
        case .exported: .exported
        case .done: .done
        case .failure: .failure
        }
    }
    public var carriedCoverageKeys: [String] {
        switch self {
        case .logon(let outcome): outcome.coverageKeys
        case .otp(let outcome): outcome.coverageKeys
        case .emailOTP(let outcome): outcome.coverageKeys
        case .resetStart(let outcome): outcome.coverageKeys
        case .passwordChange(let outcome): outcome.coverageKeys
        case .expiredChange(let outcome): outcome.coverageKeys
        case .settingsStart(let outcome): outcome.coverageKeys
        case .settingsSaved(let change): change.coverageKeys
        case .smartcard(let outcome): outcome.coverageKeys
        case .availability(_, let why): why?.coverageKeys ?? []
        case .changeSubmitted(let pending): pending.change.coverageKeys
        case .authorisation(let outcome): outcome.coverageKeys
        case .failure(let error): error.coverageKeys
        // A profile the engine restricts (a DA's before decommissioning) carries the refusal.
        case .profile(let profile): profile.restriction?.coverageKeys ?? []
        case .registration, .skipped, .listing, .exported, .done: []
        }
    }
}

/// Everything a scenario coverage report counts: the screens and pop-ups (`Screen.Kind`), their
/// buttons, and every case of the engine's typed answers, outcomes and refusals.
public enum CoverageCatalog {
    /// The typed results, each listing all its cases.
    public static let outcomeKeys: [String] = [
        EngineAnswer.allCoverageKeys, LogonOutcome.allCoverageKeys, OTPOutcome.allCoverageKeys, OTPNext.allCoverageKeys,
        EmailOTPRequestOutcome.allCoverageKeys, ResetStart.allCoverageKeys, PasswordChangeOutcome.allCoverageKeys,
        ExpiredPasswordChange.allCoverageKeys, SettingsStart.allCoverageKeys, SettingsChange.allCoverageKeys,
        SmartcardOutcome.allCoverageKeys, AuthorisationOutcome.allCoverageKeys, AuthorisationRefusal.allCoverageKeys,
        ProfileChange.allCoverageKeys, EngineError.allCoverageKeys, FlowStep.allCoverageKeys, Unavailability.allCoverageKeys,
        Refusal.allCoverageKeys, StoreFault.allCoverageKeys,
    ].flatMap { $0 }

    public static var screenNames: [String] { Screen.Kind.allCases.map(\.rawValue) }

    /// "logon: forgot": every button of every screen, from the screens' own lists.
    public static var buttonKeys: [String] { Screen.Kind.allCases.flatMap { kind in kind.model.buttons.map { "\(kind.rawValue): \($0)" } } }
}
