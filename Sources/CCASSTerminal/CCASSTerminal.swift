import ArgumentParser
import AuthEngine
import Foundation
import SafeIO

@main
struct CCASSTerminal: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ccass-terminal",
        abstract: "An emulator of the CCASS/CCMS terminal and DMS logon after the move to two-factor authentication.",
        discussion: """
        Data lives in $\(StoreLocation.environmentVariable), else $XDG_DATA_HOME/ccass-terminal, \
        else ~/.local/share/ccass-terminal; --data-dir overrides both.
        """,
        subcommands: [TerminalCommand.self, DemoCommand.self, UsersCommand.self, AuthenticatorCommand.self, MailboxCommand.self,
                      ScenarioCommand.self, PlayCommand.self, HandoutCommand.self, ClassCommand.self, HKEXCommand.self],
        defaultSubcommand: TerminalCommand.self
    )

    /// argument-parser's own `main`, but every byte it would print goes through the one door
    /// for standard output and error: a help text that cannot be written, or an error line, is
    /// checked like any other output, and the process never traps on a closed or full stream.
    static func main() {
        ProcessGuard.prepare()
        CryptoLibrary.prepare()
        let code: Int32
        do {
            // The terminal and `authenticator code` start without argument-parser's reflection
            // when their arguments are plain (FastStart); everything else is parsed by it.
            if let start = FastStart.start(Array(CommandLine.arguments.dropFirst())) {
                try start.run()
            } else {
                var command = try parseAsRoot()
                try command.run()
            }
            code = 0
        } catch {
            code = report(error)
        }
        Glibc.exit(code)
    }

    /// Prints what argument-parser would for `error` (help on standard output, an error on
    /// standard error) and gives the exit status.
    static func report(_ error: any Error) -> Int32 {
        var status = exitCode(for: error).rawValue
        let message = fullMessage(for: error)
        guard !message.isEmpty else { return status }
        do {
            if status == 0 {
                try StandardStream.output.line(message)
            } else {
                try StandardStream.error.line(message)
            }
        } catch {
            // The help could not be printed: that is an error too, said where it still can be.
            try? StandardStream.error.line("Error: \(error)")
            status = 1
        }
        return status
    }
}
