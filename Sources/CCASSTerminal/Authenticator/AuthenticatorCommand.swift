import ArgumentParser

/// `ccass-terminal authenticator`: the trainer's virtual phone.
struct AuthenticatorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "authenticator",
        abstract: "The virtual authenticator app (\"the phone\"): enrol otpauth URIs and show their codes.",
        discussion: "The phone keeps its accounts in phone.json in the data directory (mode 0600), apart from the store: it knows only what the URIs told it.",
        subcommands: [AuthenticatorShow.self, AuthenticatorAdd.self, AuthenticatorCode.self],
        defaultSubcommand: AuthenticatorShow.self
    )
}
