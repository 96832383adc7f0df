import ArgumentParser
import AuthEngine
import Foundation

/// Options every command that opens the store shares, as argument-parser reads them; what
/// they mean is `StoreSettings`, which the start-up fast path (FastStart) builds directly.
struct StoreOptions: ParsableArguments {
    @Option(name: .customLong("data-dir"), help: ArgumentHelp("Directory of the store and the Maildirs.", valueName: "dir"))
    var dataDir: String?

    @Option(help: ArgumentHelp("Set the store's clock to this moment, e.g. 2023-06-12T09:00+08:00, for every process on the store; it runs on from there (training).", valueName: "time"))
    var clock: String?

    @Option(help: ArgumentHelp("Password policy profile: \(PasswordPolicy.profiles.map(\.name).joined(separator: ", ")).", valueName: "name"))
    var policy: String?

    var settings: StoreSettings { StoreSettings(dataDir: dataDir, clock: clock, policy: policy) }

    func validate() throws { try settings.check() }
}

/// Where the store is, its clock and its password policy: the values of `StoreOptions`.
struct StoreSettings: Equatable, Sendable {
    var dataDir: String?
    var clock: String?
    var policy: String?

    func check() throws {
        if let dataDir, dataDir.allSatisfy(\.isWhitespace) {
            throw CommandFailure("--data-dir is empty; name a directory (or leave the option out for the default store)")
        }
        if let clock, HongKongTime.parse(clock) == nil {
            throw CommandFailure("--clock \"\(clock)\" is not a time; use e.g. 2023-06-12T09:00+08:00 or \"2023-06-12 09:00\" (Hong Kong)")
        }
        if let policy, PasswordPolicy.named(policy) == nil {
            throw CommandFailure("--policy \"\(policy)\" is unknown; choose \(PasswordPolicy.profiles.map(\.name).joined(separator: " or "))")
        }
    }

    var location: StoreLocation { StoreLocation.resolve(explicit: dataDir) }

    /// Opens the store (or a working copy of it) and builds an engine with the store's
    /// training settings, if any. `create: false` (commands that only read): a missing store is
    /// an error, and nothing is made.
    func engine(create: Bool = true, phase: ServicePhase? = nil, mailer: (any Mailer)? = nil, clock: (any Clock)? = nil, workingCopy: StoreLocation? = nil,
                hours: ServiceHours? = nil, connectivityTest: ConnectivitySession? = nil,
                seat: (participant: String, terminal: String)? = nil) throws -> AuthEngine {
        try SecurityResources.check()
        var store = try AccountStore(location: location, create: create)
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
        if let seat {
            configuration.seatParticipant = seat.participant
            configuration.terminal = seat.terminal
        }
        return AuthEngine(store: store, clock: try clock ?? clockSource(), mailer: mailer ?? MaildirMailer(root: location.mailURL), configuration: configuration)
    }

    /// The store's clock, which every process on the data directory shares; --clock sets it.
    /// A session with its own start (the connectivity test, without --clock) runs on its own
    /// clock from that moment.
    func clockSource(start: Date? = nil) throws -> any Clock {
        let shared = StoreClock(directory: location.directory)
        if let from = clock.flatMap(HongKongTime.parse) {
            do {
                try shared.set(from)
            } catch {
                throw CommandFailure("cannot set the clock of \(location.directory.path): \(StoreFault(error))")
            }
            return shared
        }
        if let start { return OffsetClock(offset: start.timeIntervalSinceNow) }
        return shared
    }

    func clockNow() throws -> Date { try clockSource().now() }
}
