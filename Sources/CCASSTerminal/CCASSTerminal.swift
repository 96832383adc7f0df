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
        subcommands: [TerminalCommand.self, DemoCommand.self, UsersCommand.self, AuthenticatorCommand.self, MailboxCommand.self,
                      ScenarioCommand.self, PlayCommand.self, ClassCommand.self, HKEXCommand.self],
        defaultSubcommand: TerminalCommand.self
    )
}
