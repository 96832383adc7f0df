import ArgumentParser
import AuthEngine
import Foundation

/// Options every command that opens the store shares.
struct StoreOptions: ParsableArguments {
    @Option(name: .customLong("data-dir"), help: ArgumentHelp("Directory of the store and the Maildirs.", valueName: "dir"))
    var dataDir: String?

    @Option(help: ArgumentHelp("Run the clock from this moment, e.g. 2023-06-12T09:00+08:00 (training).", valueName: "time"))
    var clock: String?

    @Option(help: ArgumentHelp("Password policy profile: \(PasswordPolicy.profiles.map(\.name).joined(separator: ", ")).", valueName: "name"))
    var policy: String?

    func validate() throws {
        if let clock, HongKongTime.parse(clock) == nil {
            throw CommandFailure("--clock \"\(clock)\" is not a time; use e.g. 2023-06-12T09:00+08:00 or \"2023-06-12 09:00\" (Hong Kong)")
        }
        if let policy, PasswordPolicy.named(policy) == nil {
            throw CommandFailure("--policy \"\(policy)\" is unknown; choose \(PasswordPolicy.profiles.map(\.name).joined(separator: " or "))")
        }
    }

    var location: StoreLocation { StoreLocation.resolve(explicit: dataDir) }

    /// Opens the store (or a working copy of it) and builds an engine with the store's
    /// training settings, if any.
    func engine(phase: ServicePhase? = nil, mailer: (any Mailer)? = nil, clock: (any Clock)? = nil, workingCopy: StoreLocation? = nil,
                hours: ServiceHours? = nil, connectivityTest: ConnectivitySession? = nil) throws -> AuthEngine {
        try SecurityResources.check()
        var store = try AccountStore(location: location)
        if let workingCopy {
            // Work on a copy; the mail still goes to the real Maildirs.
            let original = store
            store = try original.copy(to: workingCopy)
            try original.close()
        }
        var configuration = try StoredSettings.configuration(for: store)
        if let policy { configuration.policy = PasswordPolicy.named(policy)! }
        configuration.phaseOverride = phase
        configuration.hours = hours
        configuration.connectivityTest = connectivityTest
        return AuthEngine(store: store, clock: clock ?? clockSource(), mailer: mailer ?? MaildirMailer(root: location.mailURL), configuration: configuration)
    }

    /// --clock (or a default start) runs on from its moment as the wall clock runs from this
    /// process's start; without either, the system clock.
    func clockSource(start: Date? = nil) -> any Clock {
        guard let from = clock.flatMap(HongKongTime.parse) ?? start else { return SystemClock() }
        return OffsetClock(offset: from.timeIntervalSince(processStart))
    }

    func clockNow() -> Date { clockSource().now() }
}

/// When this process started (set on first use, which is before any clock is read).
private let processStart = Date()
