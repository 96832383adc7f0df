import ArgumentParser
import AuthEngine
import CursesTerminal
import Foundation
import TerminalCore

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

    @Option(help: ArgumentHelp("Also send the OTP emails to this SMTP server (a mail catcher); they stay in the Maildir too.", valueName: "host:port"))
    var smtp: String?

    func validate() throws {
        if let smtp, SMTPMailer.parse(smtp) == nil {
            throw ValidationError("--smtp \"\(smtp)\" is not HOST:PORT, e.g. 127.0.0.1:1025")
        }
    }

    func run() throws {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            fail("the terminal needs an interactive terminal on standard input and output")
        }
        let engine = reportingErrors { () -> AuthEngine in
            let engine = try store.engine(phase: phase, smtp: smtp)
            if try engine.store.read({ try $0.accountCount() }) == 0 {
                FileHandle.standardError.write(Data("Creating the demo data in \(store.location.directory.path) ...\n".utf8))
                try DemoData.shipped().install(into: engine)
            }
            return engine
        }
        let backend = CursesBackend(noColor: ProcessInfo.processInfo.environment["NO_COLOR"] != nil)
        let runtime = TerminalRuntime(engine: engine, console: dms ? .dms : .terminal, backend: backend)
        let signal = runtime.run()
        runtime.finish()
        backend.restore()
        if let signal { Foundation.exit(128 + signal) }
    }
}

extension ServicePhase: ExpressibleByArgument {}
