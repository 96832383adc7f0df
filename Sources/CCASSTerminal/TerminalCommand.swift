import ArgumentParser
import AuthEngine
import Authenticator
import CursesTerminal
import Foundation
import Headless
import TerminalCore
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

    @Option(help: ArgumentHelp("Run as the post-release connectivity test: primary (Session 1, changes kept) or secondary (Session 2, changes not kept).", valueName: "session"))
    var connectivityTest: ConnectivitySession?

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
            throw ValidationError("--smtp \"\(smtp)\" is not HOST:PORT, e.g. 127.0.0.1:1025")
        }
    }

    func run() throws {
        guard plain || (isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1) else {
            fail("the terminal needs an interactive terminal on standard input and output; use --plain for pipes and scripts")
        }
        let engine = reportingErrors { () -> AuthEngine in
            // On 10 June 2023 2FA was already deployed for the test: both methods are offered.
            let engine = try store.engine(phase: phase ?? (connectivityTest != nil ? .transition : nil), smtp: smtp, shiftable: trainer,
                                          workingCopy: connectivityTest == .secondary ? secondaryCopy : nil)
            if try engine.store.read({ try $0.accountCount() }) == 0 {
                FileHandle.standardError.write(Data("Creating the demo data in \(store.location.directory.path) ...\n".utf8))
                try DemoSetup.install(into: engine, directory: store.location.directory)
            }
            return engine
        }
        if plain {
            let session = HeadlessSession(engine: engine, console: dms ? .dms : .terminal, size: Size(columns: 80, rows: 24),
                                          hours: ignoreHours ? nil : .shipped)
            session.setConnectivityTest(connectivityTest)
            PlainRuntime(session: session).run()
            return
        }
        let backend = CursesBackend(noColor: ProcessInfo.processInfo.environment["NO_COLOR"] != nil)
        let panels = presenter ? SidePanels.reading(directory: store.location.directory, engine: engine) : nil
        let runtime = TerminalRuntime(engine: engine, console: dms ? .dms : .terminal, backend: backend, sidePanels: panels,
                                      hours: ignoreHours ? nil : .shipped, trainer: trainer, connectivityTest: connectivityTest)
        defer { try? FileManager.default.removeItem(at: secondaryCopy.directory) }
        if let record {
            do {
                runtime.recorder = try CastRecorder(path: record, columns: backend.size.columns, rows: backend.size.rows,
                                                    term: ProcessInfo.processInfo.environment["TERM"] ?? "xterm")
            } catch {
                backend.restore()
                fail("\(error)")
            }
        }
        defer { runtime.recorder?.close() }
        let signal = runtime.run()
        runtime.finish()
        backend.restore()
        if let signal { Foundation.exit(128 + signal) }
    }
}

extension ServicePhase: ExpressibleByArgument {}
extension ConnectivitySession: ExpressibleByArgument {}

extension TerminalCommand {
    /// Where the secondary session's copy of the store lives while it runs (removed at exit).
    var secondaryCopy: StoreLocation {
        StoreLocation(directory: FileManager.default.temporaryDirectory.appendingPathComponent("ccass-secondary-\(getpid())"))
    }
}

extension SidePanels {
    /// The phone file and the Maildirs of a data directory; the inbox shows the newest messages
    /// of every address with where their codes stand.
    static func reading(directory: URL, engine: AuthEngine) -> SidePanels {
        let mailbox = Mailbox(root: directory.appendingPathComponent("mail"))
        return SidePanels(
            phone: { now in
                guard let phone = try? Phone.load(directory: directory) else { return [] }
                return (try? AuthenticatorCommand.Show.totpRows(phone, at: now)) ?? []
            },
            inbox: {
                let messages = mailbox.addresses().flatMap { address in
                    ((try? mailbox.messages(for: address)) ?? []).prefix(3).map { (address, $0) }
                }
                return messages.sorted { ($0.1.date ?? .distantPast) > ($1.1.date ?? .distantPast) }.prefix(6).map { address, message in
                    var summary = message.header("Subject") ?? ""
                    if let code = message.otp, let status = try? engine.emailCodeStatus(sentTo: address, code: code) {
                        summary = "OTP \(code) " + MailboxCommand.describe(status).replacingOccurrences(of: " HKT", with: "")
                    }
                    return PresenterView.InboxRow(sent: message.date, address: address, summary: summary)
                }
            })
    }
}
