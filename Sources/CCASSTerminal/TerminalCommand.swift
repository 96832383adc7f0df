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
import SafeIO

/// `ccass-terminal` (the default command): the emulated terminal at the keyboard.
struct TerminalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "terminal",
        abstract: "Start the emulated CCASS/CCMS Terminal (or DMS with --dms) at the keyboard.",
        discussion: "The first start on an empty store installs the demo data (see `ccass-terminal demo`).\n\nKeys:\n" + KeyGuide.plainText
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

    @Option(help: ArgumentHelp("Write the session as a scenario file while it runs (replay: ccass-terminal scenario FILE); OTPs are written as otp app/email steps and REGISTER DEVICE as scan, never the codes or the key. Passwords typed are written: keep the file private (0600).", valueName: "file.scenario"))
    var recordScenario: String?

    @Flag(help: "With --record or --record-scenario: replace the file if it exists (otherwise an existing file is refused).")
    var replace = false

    @Flag(help: "Line-by-line prompts with no cursor movement or box drawing (screen readers, pipes, expect); passwords are not echoed.")
    var plain = false

    @Flag(help: "Trainer controls: F5 +1 min, F6 +5 min, F7 +30 min, F8 +90 days on the clock, and a panel explaining the account on screen.")
    var trainer = false

    @Flag(help: "Open the service at any hour (training); otherwise the operating hours and Hong Kong public holidays apply.")
    var ignoreHours = false

    @Flag(help: "Trainer's split view: the terminal, the phone (codes with countdown) and the inbox, live. Needs 120 columns.")
    var presenter = false

    @Option(help: ArgumentHelp("Be one trainee's terminal in a class: that seat's accounts only, its phone and inbox beside the terminal (120 columns) or on F2/F3. Over SSH, `ssh ... dms` opens DMS.", valueName: "class/seat"))
    var seat: String?

    @OptionGroup var mail: SMTPOptions

    var settings: TerminalSettings {
        TerminalSettings(store: store.settings, dms: dms, phase: phase, connectivityTest: connectivityTest,
                         connectivityVerification: connectivityVerification, record: record, recordScenario: recordScenario, replace: replace,
                         plain: plain, trainer: trainer, ignoreHours: ignoreHours, presenter: presenter, seat: seat, mail: mail.settings)
    }

    func validate() throws { try settings.check() }

    func run() throws { try settings.run() }
}

/// What `ccass-terminal [terminal]` was asked for: the values of `TerminalCommand`, which the
/// start-up fast path (FastStart) builds without argument-parser; and the session they start.
struct TerminalSettings: Equatable, Sendable {
    var store: StoreSettings
    var dms = false
    var phase: ServicePhase?
    var connectivityTest: ConnectivitySession?
    var connectivityVerification = false
    var record: String?
    var recordScenario: String?
    var replace = false
    var plain = false
    var trainer = false
    var ignoreHours = false
    var presenter = false
    var seat: String?
    var mail: SMTPSettings

    func check() throws {
        if let seat {
            _ = try SeatReference(parsing: seat)
            if trainer { throw CommandFailure("--seat is a trainee's terminal: the trainer's clock keys (--trainer) stay with the trainer") }
            if connectivityTest != nil { throw CommandFailure("--seat does not go with --connectivity-test") }
        }
        if recordScenario != nil, seat != nil {
            throw CommandFailure("--record-scenario replays on the demo store, where a class's seats do not exist; record on the demo accounts")
        }
        if recordScenario != nil, plain {
            throw CommandFailure("--record-scenario records keys at the terminal; it does not go with --plain")
        }
    }

    func run() throws {
        let seat = try self.seat.map { try Seat(reference: SeatReference(parsing: $0), store: self.store) }
        // A seat runs with its class's settings (`class create`, `class set`), whatever its command line.
        var store = self.store
        if let policy = seat?.training.policy {
            store.policy = policy
            try store.check()
        }
        guard plain || ProgramTerminal.onATerminal else {
            throw CommandFailure("the terminal needs an interactive terminal on standard input and output; use --plain for pipes and scripts")
        }
        var plain = self.plain
        if !plain, let why = CursesBackend.unusableTerminal {
            // A seat whose SSH client sent an unusual TERM still gets in, line by line.
            if recordScenario != nil { throw CommandFailure("\(why), and --record-scenario records keys at a full-screen terminal") }
            try StandardStream.error.line("\(why): the terminal runs in plain mode (line by line, as --plain).")
            plain = true
        }
        // Raw mode first: nothing typed from here on is echoed; it waits for the first screen.
        let backend = plain ? nil : CursesBackend(noColor: ProgramTerminal.noColor)
        if plain { ccass_guard_install() }
        // The landing page needs the clock, the phase and the hours, not the store: the store is
        // opened (and the demo data created on a first start) by the runner once it is on screen.
        let clock = try sessionClock
        // One session environment for the engine and the screens (the engine's replaces this one
        // when the store is open, with the store's policy).
        let hours: ServiceHours? = if ignoreHours { nil } else if let seat { seat.training.sessionEnvironment.hours } else { .shipped }
        let environment = SessionEnvironment(hours: hours,
                                             connectivityTest: connectivityTest,
                                             phaseOverride: SessionEnvironment.phaseOverride(phase, connectivityTest: connectivityTest),
                                             policy: store.policy.flatMap(PasswordPolicy.named) ?? .hkex2023)
        let now = clock.now()
        let console: Console = dms || seat?.wantsDMS == true ? .dms : .terminal
        var state = AppState(console: console, environment: environment, now: now, size: backend?.size ?? Size.minimum)
        state.trainer = trainer
        // A recorded session writes its inputs as the screens were given them.
        state.logsInputs = recordScenario != nil
        if connectivityVerification { state.show(ConnectivityCheckScreen()) }
        if let seat { state.message = .aside(seat.greeting) }
        let window = backend?.size ?? Size.minimum
        var model = TerminalModel(state: state, window: window, presenting: presenter, flipping: seat != nil,
                                  panelTitle: seat != nil ? "Your phone and inbox" : nil)
        let copy = connectivityTest == .secondary ? WorkingCopy() : nil
        defer { copy?.remove() }
        let options = store, smtp = try mail.resolved()
        let panelDirectory = seat?.directory ?? store.location.directory
        model.followsSeat = seat != nil
        let runner = TerminalRunner(threaded: !plain, panels: presenter || seat != nil ? PanelSource.reading(directory: panelDirectory) : nil,
                                    follow: seat.map { SeatFollower($0).check }) { progress in
            let copyLocation = try copy?.create()
            return try Self.openEngine(options, clock: clock, environment: environment, smtp: smtp, workingCopy: copyLocation, seat: seat,
                                       progress: progress)
        }
        defer { runner.finish() }
        let recorder = try record.map { try CastRecorder(path: $0, replace: replace, columns: window.columns, rows: window.rows,
                                                          term: Environment.value("TERM") ?? "xterm") }
        let scenarioFile = try recordScenario.map { try RecordingFile(path: $0, replace: replace, option: "--record-scenario") }
        let scenarioRecorder = scenarioFile.map { file in
            var header = ScenarioHeader()
            header.size = state.size
            header.console = state.console
            header.phase = environment.phaseOverride
            header.start = now
            header.hours = environment.hours
            header.connectivityTest = environment.connectivityTest
            let directory = store.location.directory
            return ScenarioRecorder(header: header, write: file.line,
                                    oracle: .reading(directory: directory, engine: { [runner] in runner.openedEngine }), now: { clock.now() })
        }
        let readClock: @Sendable () -> Date = { clock.now() }
        let end: ProgramEnd, failure: String?
        if let backend {
            var ran: Program<TerminalModel>?
            end = ProgramTerminal.run(model, backend: backend, clock: readClock, perform: runner.run) { program in
                ran = program
                program.onFrame = { [unowned program] _ in
                    recorder?.frame(program.model.redactedCanvas)
                    scenarioRecorder?.frame(program.model.state)
                }
                if let scenarioRecorder { program.onInput = { event, model in scenarioRecorder.input(event, in: model.state) } }
            }
            failure = ran?.model.failure
        } else {
            let plainBackend = PlainBackend()
            let program = Program(model: model, backend: plainBackend, clock: readClock, run: runner.run)
            end = program.run()
            failure = program.model.failure ?? plainBackend.failure.map { "\($0)" }
        }
        scenarioRecorder?.finish()
        // The session's own failure first; then a recording that could not be written.
        if let failure { throw CommandFailure(failure) }
        try recorder?.finish()
        try scenarioFile?.finish()
        if case .signal(let number) = end { throw ExitCode(128 + number) }
    }

    /// The session's clock, made before the store: the store's clock (set by --clock), or the
    /// connectivity test's window; a trainer's moves go to the store's clock, for every process
    /// on it.
    private var sessionClock: any Clock {
        get throws {
            let source = try store.clockSource(start: connectivityTest?.window.start)
            return trainer && !(source is any AdjustableClock) ? ShiftableClock(base: source) : source
        }
    }

    /// The engine for this session: the store (or the secondary session's copy), the mailer,
    /// the session's clock, the hours and the connectivity test's window; the demo data on an
    /// empty store.
    private static func openEngine(_ store: StoreSettings, clock: any Clock, environment: SessionEnvironment, smtp: SMTPSettings.Resolved?,
                                   workingCopy: StoreLocation?, seat: Seat?, progress: (String) -> Void) throws -> AuthEngine {
        let maildir = MaildirMailer(root: seat?.mail ?? store.location.mailURL)
        let mailer: any Mailer = smtp?.mailer(maildir: maildir) ?? maildir
        let engine = try store.engine(phase: environment.phaseOverride, mailer: mailer, clock: clock, workingCopy: workingCopy,
                                      hours: environment.hours, connectivityTest: environment.connectivityTest,
                                      seat: seat.map { (participant: $0.participantKey, terminal: $0.terminalName) })
        if seat == nil, try engine.store.read({ try $0.accountCount() }) == 0 {
            progress("Creating the demo data…")
            try DemoSetup.install(into: engine, directory: store.location.directory)
        }
        return engine
    }
}

/// A trainee's seat (`--seat NAME/K`): the class's participant for that seat, its folder with
/// the phone and the Maildirs, and the console the SSH client asked for.
struct Seat: Sendable {
    let reference: SeatReference
    /// The class as the seat opened (its settings, and when this seat was last set up).
    let training: TrainingClass
    let folder: ClassFolder
    let participantKey: String
    let directory: URL
    let mail: URL
    let greeting: String
    /// `ssh ... dms`: sshd passes the client's command to the forced one as SSH_ORIGINAL_COMMAND.
    let wantsDMS: Bool

    var terminalName: String { training.terminalName(seat: reference.seat) }

    init(reference: SeatReference, store: StoreSettings) throws {
        let (training, folder) = try ClassCommand.load(seat: reference, store)
        self.reference = reference
        self.training = training
        self.folder = folder
        participantKey = training.participant(seat: reference.seat).key
        directory = folder.seatDirectory(reference.seat)
        mail = folder.seatMail(reference.seat)
        greeting = training.greeting(seat: reference.seat)
        switch Environment.value("SSH_ORIGINAL_COMMAND")?.trimmingCharacters(in: .whitespaces) ?? "" {
        case "": wantsDMS = training.console == .dms
        case "terminal": wantsDMS = false
        case "dms": wantsDMS = true
        case let other: throw CommandFailure("a seat opens the terminal or DMS (ssh ... dms), not \"\(other)\"")
        }
    }
}

extension ServicePhase: ExpressibleByArgument {}
extension ConnectivitySession: ExpressibleByArgument {}

/// The secondary connectivity session's copy of the store and its key, in a private folder
/// of the temporary directory made by mkdtemp (`ccass-secondary-PID-XXXXXX`: nobody can make
/// it first or guess it): removed on every exit this process controls, by the crash handler,
/// and, if a SIGKILL left one behind, by the next start (its process is gone).
final class WorkingCopy: @unchecked Sendable {
    static let prefix = "ccass-secondary-"
    private let lock = NSLock()
    private var made: StoreLocation?

    /// Where the copy is, once made.
    var location: StoreLocation? { lock.withLock { made } }

    /// Makes the private folder the copy goes into.
    func create() throws -> StoreLocation {
        Self.sweep()
        let folder: URL
        do {
            folder = try PrivateFiles.temporaryFolder(prefix: "\(Self.prefix)\(getpid())-")
        } catch let problem as FileProblem {
            throw CommandFailure("cannot make the secondary session's working copy: \(problem)")
        }
        ccass_guard_remove_on_crash(folder.path)
        let location = StoreLocation(directory: folder)
        lock.withLock { made = location }
        return location
    }

    func remove() {
        ccass_guard_remove_on_crash(nil)
        guard let location = lock.withLock({ made }) else { return }
        try? PrivateFiles.remove(location.directory)
    }

    /// Removes copies of ours whose process no longer runs; anything else there is left alone.
    static func sweep() {
        let temporary = FileManager.default.temporaryDirectory
        for name in (try? FileManager.default.contentsOfDirectory(atPath: temporary.path)) ?? [] where name.hasPrefix(prefix) {
            let rest = name.dropFirst(prefix.count)
            guard let dash = rest.firstIndex(of: "-"), let pid = Int32(rest[..<dash]), pid != getpid() else { continue }
            let folder = temporary.appendingPathComponent(name)
            guard kill(pid, 0) != 0, errno == ESRCH, (try? PrivateFiles.existingFolder(folder, loose: .refuse)) == true else { continue }
            try? PrivateFiles.remove(folder)
        }
    }
}

/// An open seat's look at its class each second: the trainer's `class reset` of this seat
/// (its set-up mark moved) or `class delete` (the class is gone). The class file is read again
/// only when it was replaced.
final class SeatFollower: @unchecked Sendable {
    private let folder: ClassFolder
    private let seat: Int
    private let name: String
    private let lock = NSLock()
    private var mark: Int64?
    private var seen: (inode: UInt64, modified: Int)?

    init(_ seat: Seat) {
        folder = seat.folder
        self.seat = seat.reference.seat
        name = seat.reference.name
        mark = seat.training.seatsSetUpAfterAuditID[seat.reference.seat]
    }

    func check() -> SeatChange? {
        lock.withLock {
            var status = stat()
            guard stat(folder.classFile.path, &status) == 0 else {
                return errno == ENOENT ? .closed("The trainer closed class \(name): this seat has ended.") : nil
            }
            let now = (inode: UInt64(status.st_ino), modified: status.st_mtim.tv_sec * 1_000_000_000 + status.st_mtim.tv_nsec)
            if let seen, seen == now { return nil }
            // A file being replaced is read again at the next look.
            guard let training = try? folder.load() else { return nil }
            seen = now
            guard training.seats.contains(seat) else { return .closed("The trainer closed seat \(seat) of class \(name).") }
            let current = training.seatsSetUpAfterAuditID[seat]
            guard current != mark else { return nil }
            mark = current
            return .reset("The trainer reset this seat: its accounts, phone and inbox are as at the start.")
        }
    }
}
