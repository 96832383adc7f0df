/// A typed result whose cases a scenario coverage report counts (`scenario --coverage`).
/// `Case` lists every case of the type, read from its declaration into
/// `CoverageCases.generated.swift` (CoverageCatalogueTests fails when the two differ); the
/// exhaustive switch of `coverageCase` maps a value to its case, and a new `Case` shows up as
/// unreached until a scenario reaches it.
public protocol CoverageCases {
    associatedtype Case: RawRepresentable<String>, CaseIterable
    var coverageCase: Case { get }
    /// The keys of what the value carries (the refusal inside an error), if any.
    var carriedCoverageKeys: [String] { get }
    /// The name reports use: the type's, unless several types share one (`OTPNext`).
    static var coverageName: String { get }
}

extension CoverageCases {
    public static var coverageName: String { String(describing: Self.self) }

    /// The keys of the typed results the case carries (`.refused(Refusal)`,
    /// `.changed(next: LogonOutcome)`), found by reflecting its payload.
    public var carriedCoverageKeys: [String] {
        guard let payload = Mirror(reflecting: self).children.first?.value else { return [] }
        let tuple = Mirror(reflecting: payload)
        let parts = tuple.displayStyle == .tuple ? tuple.children.map(\.value) : [payload]
        return parts.flatMap { ($0 as? any CoverageCases)?.coverageKeys ?? [] }
    }
    /// "LogonOutcome.invalid", then the keys of what it carries.
    public var coverageKeys: [String] { ["\(Self.coverageName).\(coverageCase.rawValue)"] + carriedCoverageKeys }
    public static var allCoverageKeys: [String] { Case.allCases.map { "\(coverageName).\($0.rawValue)" } }
}

/// The cases of each type come from its declaration (`CoverageCases.generated.swift`, written
/// by `make generated`; CoverageCatalogueTests fails when it is stale); what is said here is
/// what cannot be read there.

/// One name for the code outcome of every flow.
extension CodeOutcome {
    public static var coverageName: String { "OTPOutcome" }
}

/// The steps of each flow count as the cases of `OTPNext` they are.
extension LogonStep {
    public static var coverageName: String { OTPNext.coverageName }
}

extension ResetStep {
    public static var coverageName: String { OTPNext.coverageName }
}

extension SettingsStep {
    public static var coverageName: String { OTPNext.coverageName }
}

/// A change's coverage cases are its kinds (the ids the audit log records).
extension ProfileChange: CoverageCases {
    public var coverageCase: Kind { kind }
}
