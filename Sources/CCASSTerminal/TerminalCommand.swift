import ArgumentParser
import AuthEngine
import Authenticator
import CTerminalGuard
import CursesTerminal
import Foundation
import TerminalApp
import TerminalCore
import TerminalProgram
import TerminalView

/// `ccass-terminal` (the default command): the emulated terminal at the keyboard.
struct TerminalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "terminal",
        abstract: "Start the emulated CCASS/CCMS Terminal (or DMS with --dms) at the keyboard.",
        discussion: "The first start on an empty store installs the demo data (see `ccass-terminal demo`)."
    )

    @OptionGroup var store: StoreOptions

    @Flag(help: "Open DMS, the security management console (https://www.ccass.com/dms).")
    var dms = false

    @Option(help: ArgumentHelp("Override the phase the clock implies: smartcard, transition or 2fa (training).", valueName: "phase"))
    var phase: ServicePhase?

    @Option(help: ArgumentHelp("Run as the post-release connectivity test of 10 June 2023: primary (Session 1, 18:00-20:00, changes kept) or secondary (Session 2, 22:00-23:00, changes not kept). Without --clock the clock starts when the session opens.", valueName: "session"))
    var connectivityTest: ConnectivitySession?

    @Flag(help: "Open on the connectivity verification page of s3.3 (the SSO server's page; no logon). V on the landing page opens it too.")
    var connectivityVerification = false

    @Option(help: ArgumentHelp("Record the session as asciicast v2 (asciinema play FILE); OTPs, keys and passwords are never written.", valueName: "file.cast"))
    var record: String?

    @Flag(help: "Line-by-line prompts with no cursor movement or box drawing (screen readers, pipes, expect); passwords are not echoed.")
    var plain = false

    @Flag(help: "Trainer controls: F5 +1 min, F6 +5 min, F7 +30 min, F8 +90 days on the clock, and a panel explaining the account on screen.")
    var trainer = false

    @Flag(help: "Open the service at any hour (training); otherwise the operating hours and Hong Kong public holidays apply.")
    var ignoreHours = false

    @Flag(help: "Trainer's split view: the terminal, the phone (codes with countdown) and the inbox, live. Needs 120 columns.")
    var presenter = false

    @Option(help: ArgumentHelp("Also send the OTP emails to this SMTP server (a mail catcher); they stay in the Maildir too.", valueName: "host:port"))
    var smtp: String?

    func validate() throws {
        if let smtp, SMTPMailer.parse(smtp) == nil {
            throw CommandFailure("--smtp \"\(smtp)\" is not HOST:PORT, e.g. 127.0.0.1:1025")
        }
    }

    func run() throws {
        guard plain || ProgramTerminal.isInteractive else {
            throw CommandFailure("the terminal needs an interactive terminal on standard input and output; use --plain for pipes and scripts")
        }
        // Raw mode first: nothing typed from here on is echoed; it waits for the first screen.
        let backend = plain ? nil : CursesBackend(noColor: ProgramTerminal.noColor)
        if plain { ccass_guard_install() }
        let copy = connectivityTest == .secondary ? try WorkingCopy.make() : nil
        defer { copy?.remove() }
        let engine: AuthEngine
        do {
            engine = try makeEngine(workingCopy: copy?.location)
        } catch {
            backend?.restore()
            throw CommandFailure("\(error)")
        }
        let console: Console = dms ? .dms : .terminal
        var state = AppState(console: console, phase: engine.phase, now: engine.clock.now(), size: backend?.size ?? Size.minimum,
                             policyName: engine.policy.name)
        state.hours = engine.configuration.hours
        state.trainer = trainer
        state.connectivityTest = connectivityTest
        if connectivityVerification { state.show(ConnectivityCheckScreen()) }
        let window = backend?.size ?? Size.minimum
        let model = TerminalModel(state: state, window: window, presenting: presenter, phaseOverride: engine.configuration.phaseOverride)
        let runner = TerminalRunner(engine: engine, threaded: !plain,
                                    panels: presenter ? PanelSource.reading(directory: store.location.directory, engine: engine) : nil)
        defer { runner.finish() }
        let recorder = try record.map { try CastRecorder(path: $0, columns: window.columns, rows: window.rows,
                                                          term: ProcessInfo.processInfo.environment["TERM"] ?? "xterm") }
        defer { recorder?.close() }
        let clock = { @Sendable in engine.clock.now() }
        let end: ProgramEnd
        if let backend {
            end = ProgramTerminal.run(model, backend: backend, clock: clock, perform: runner.run) { program in
                guard let recorder else { return }
                program.onFrame = { [unowned program] _ in recorder.frame(program.model.redactedCanvas) }
            }
        } else {
            end = Program(model: model, backend: PlainBackend(), clock: clock, run: runner.run).run()
        }
        if case .signal(let number) = end { throw ExitCode(128 + number) }
    }

    /// The engine for this session: the store (or the secondary session's copy), the mailer,
    /// the trainer's clock, the hours and the connectivity test's window.
    private func makeEngine(workingCopy: StoreLocation?) throws -> AuthEngine {
        let maildir = MaildirMailer(root: store.location.mailURL)
        let mailer: any Mailer = smtp.flatMap(SMTPMailer.parse).map { SMTPMailer(host: $0.host, port: $0.port, maildir: maildir) } ?? maildir
        // On 10 June 2023 2FA was already deployed for the test: both methods are offered.
        let engine = try store.engine(phase: phase ?? (connectivityTest != nil ? .transition : nil), mailer: mailer, shiftable: trainer,
                                      workingCopy: workingCopy, start: connectivityTest?.window.start,
                                      hours: ignoreHours ? nil : .shipped, connectivityTest: connectivityTest)
        if try engine.store.read({ try $0.accountCount() }) == 0 {
            try DemoSetup.install(into: engine, directory: store.location.directory)
        }
        return engine
    }
}

extension ServicePhase: ExpressibleByArgument {}
extension ConnectivitySession: ExpressibleByArgument {}

/// The secondary connectivity session's copy of the store and its key, in the temporary
/// directory: removed on every exit this process controls, by the crash handler, and, if a
/// SIGKILL left one behind, by the next start (its process is gone).
struct WorkingCopy {
    static let prefix = "ccass-secondary-"
    let location: StoreLocation

    static func make() throws -> WorkingCopy {
        sweep()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        ccass_guard_remove_on_crash(directory.path)
        return WorkingCopy(location: StoreLocation(directory: directory))
    }

    func remove() {
        ccass_guard_remove_on_crash(nil)
        try? FileManager.default.removeItem(at: location.directory)
    }

    /// Removes copies whose process no longer runs.
    static func sweep() {
        let temporary = FileManager.default.temporaryDirectory
        for name in (try? FileManager.default.contentsOfDirectory(atPath: temporary.path)) ?? [] where name.hasPrefix(prefix) {
            guard let pid = Int32(name.dropFirst(prefix.count)), pid != getpid() else { continue }
            if kill(pid, 0) != 0, errno == ESRCH { try? FileManager.default.removeItem(at: temporary.appendingPathComponent(name)) }
        }
    }
}
