import ArgumentParser
import AuthEngine
import Foundation

@main
struct CCASSTerminal: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ccass-terminal",
        abstract: "An emulator of the CCASS/CCMS terminal and DMS logon after the move to two-factor authentication.",
        discussion: """
        Data lives in $\(StoreLocation.environmentVariable), else $XDG_DATA_HOME/ccass-terminal, \
        else ~/.local/share/ccass-terminal; --data-dir overrides both.
        """,
        subcommands: [TerminalCommand.self, DemoCommand.self, UsersCommand.self, AuthenticatorCommand.self, MailboxCommand.self, ScenarioCommand.self, HKEXCommand.self, WriterDrill.self, LogonDrill.self],
        defaultSubcommand: TerminalCommand.self
    )
}

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
            throw ValidationError("--clock \"\(clock)\" is not a time; use e.g. 2023-06-12T09:00+08:00 or \"2023-06-12 09:00\" (Hong Kong)")
        }
        if let policy, PasswordPolicy.named(policy) == nil {
            throw ValidationError("--policy \"\(policy)\" is unknown; choose \(PasswordPolicy.profiles.map(\.name).joined(separator: " or "))")
        }
    }

    var location: StoreLocation { StoreLocation.resolve(explicit: dataDir) }

    /// Opens the store and builds an engine with the store's training settings, if any.
    func engine(phase: ServicePhase? = nil, smtp: String? = nil, shiftable: Bool = false,
                workingCopy: StoreLocation? = nil) throws -> AuthEngine {
        var store = try AccountStore(location: location)
        if let workingCopy {
            // Work on a copy; the mail still goes to the real Maildirs.
            let original = store
            store = try original.copy(to: workingCopy)
            try original.close()
        }
        var configuration = try EngineSetup.configuration(for: store)
        if let policy { configuration.policy = PasswordPolicy.named(policy)! }
        configuration.phaseOverride = phase
        let maildir = MaildirMailer(root: location.mailURL)
        let mailer: any Mailer = smtp.flatMap(SMTPMailer.parse).map { SMTPMailer(host: $0.host, port: $0.port, maildir: maildir) } ?? maildir
        let clock: any Clock = shiftable ? ShiftableClock(base: clockSource()) : clockSource()
        return AuthEngine(store: store, clock: clock, mailer: mailer, configuration: configuration)
    }

    /// --clock runs on from its moment as the wall clock runs from this process's start;
    /// without it, the system clock.
    func clockSource() -> any Clock {
        guard let clock, let start = HongKongTime.parse(clock) else { return SystemClock() }
        return OffsetClock(offset: start.timeIntervalSince(processStart))
    }

    func clockNow() -> Date { clockSource().now() }
}

/// When this process started (set on first use, which is before any clock is read).
private let processStart = Date()

/// Prints one clear line on stderr and exits non-zero: the CLI's single way to fail.
func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("ccass-terminal: \(message)\n".utf8))
    exit(1)
}

/// Runs a command body, turning engine and store errors into one line on stderr.
func reportingErrors<T>(_ body: () throws -> T) -> T {
    do { return try body() } catch let error as ValidationError {
        fail(error.message)
    } catch {
        fail("\(error)")
    }
}
