import AuthDomain

extension EngineAnswer {
    /// What a coverage report counts of an answer: the cases of its outcome and of what that
    /// carries, or of the refusal.
    public var coverageKeys: [String] {
        switch result {
        case .failure(let error): error.coverageKeys
        case .success(let value as any CoverageCases): value.coverageKeys
        // Answers that are not outcomes carry one when the engine restricts or refuses.
        case .success(let availability as Availability): availability.unavailable?.coverageKeys ?? []
        case .success(let profile as UserProfile): profile.restriction?.coverageKeys ?? []
        case .success(let pending as PendingChange): pending.change.coverageKeys
        case .success: []
        }
    }
}

/// Everything a scenario coverage report counts: the screens and pop-ups (`Screen.Kind`), their
/// buttons, and every case of the engine's typed answers, outcomes and refusals.
public enum CoverageCatalog {
    /// The typed results, each listing all its cases.
    public static let outcomeKeys: [String] = [
        LogonOutcome.allCoverageKeys, OTPOutcome.allCoverageKeys, OTPNext.allCoverageKeys,
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
