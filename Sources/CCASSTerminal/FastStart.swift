import ArgumentParser
import AuthEngine

/// The start-up hot path. swift-argument-parser builds its whole model of every command by
/// reflection before it looks at a single argument (a third of the instructions up to the
/// first frame); the terminal a trainee opens seat after seat, and `authenticator code` that a
/// script runs for every code, cannot afford that.
///
/// So these two commands are recognised here, in exactly the forms argument-parser accepts for
/// them: `[terminal] [--flag | --option VALUE | --option=VALUE]...` and `authenticator code
/// ACCOUNT` with its options. Anything else — help, completion, an unknown, repeated or
/// malformed option, a value that looks like an option, any other command, or arguments that
/// its own checks refuse — is declined and goes to argument-parser, the only source of help
/// texts and error messages. FastStartTests holds the two in step: on generated argument
/// vectors this either declines or yields the very values argument-parser yields, and an option
/// added to either command without being taught here fails it.
enum FastStart {
    /// The terminal's flags and options by their long names (its own, StoreOptions' and SMTPOptions').
    static let terminalFlags: Set<String> = ["dms", "connectivity-verification", "replace", "plain", "trainer", "ignore-hours", "presenter"]
    static let terminalOptions: Set<String> = ["data-dir", "clock", "policy", "phase", "connectivity-test", "record", "record-scenario", "seat",
                                               "smtp", "smtp-credentials", "smtp-ca"]
    /// `authenticator code`'s options (StoreOptions' and SeatOption's); its account is the one argument.
    static let codeOptions: Set<String> = ["data-dir", "clock", "policy", "seat"]

    /// The command these arguments (without the program's name) run, ready and validated, or
    /// nil when argument-parser must decide.
    static func command(_ arguments: [String]) -> (any ParsableCommand)? {
        let command: (any ParsableCommand)?
        if arguments.starts(with: ["authenticator", "code"]) {
            command = code(arguments.dropFirst(2))
        } else {
            command = terminal(arguments.first == "terminal" ? arguments.dropFirst() : arguments[...])
        }
        // A refusal is argument-parser's to word (with the usage line it adds).
        guard let command, (try? validated(command)) != nil else { return nil }
        return command
    }

    static func terminal(_ arguments: ArraySlice<String>) -> TerminalCommand? {
        guard let given = Given(arguments, flags: terminalFlags, options: terminalOptions), given.arguments.isEmpty else { return nil }
        var command = TerminalCommand()
        command.store = given.store
        command.dms = given.flags.contains("dms")
        command.connectivityVerification = given.flags.contains("connectivity-verification")
        command.replace = given.flags.contains("replace")
        command.plain = given.flags.contains("plain")
        command.trainer = given.flags.contains("trainer")
        command.ignoreHours = given.flags.contains("ignore-hours")
        command.presenter = given.flags.contains("presenter")
        guard let phase = given.value("phase", as: ServicePhase.self),
              let connectivityTest = given.value("connectivity-test", as: ConnectivitySession.self) else { return nil }
        command.phase = phase
        command.connectivityTest = connectivityTest
        command.record = given.values["record"]
        command.recordScenario = given.values["record-scenario"]
        command.seat = given.values["seat"]
        var mail = SMTPOptions()
        mail.smtp = given.values["smtp"]
        mail.smtpCredentials = given.values["smtp-credentials"]
        mail.smtpCA = given.values["smtp-ca"]
        command.mail = mail
        return command
    }

    static func code(_ arguments: ArraySlice<String>) -> AuthenticatorCode? {
        guard let given = Given(arguments, flags: [], options: codeOptions), given.arguments.count == 1 else { return nil }
        var command = AuthenticatorCode()
        command.store = given.store
        var seat = SeatOption()
        seat.seat = given.values["seat"]
        command.seat = seat
        command.account = given.arguments[0]
        return command
    }

    /// Runs the checks argument-parser runs after parsing: the option groups', then the command's.
    private static func validated(_ command: any ParsableCommand) throws {
        var command = command
        if let terminal = command as? TerminalCommand {
            try terminal.store.validate()
            try terminal.mail.validate()
        } else if let code = command as? AuthenticatorCode {
            try code.store.validate()
            try code.seat.validate()
        }
        try command.validate()
    }

    /// The arguments split into flags, option values and plain arguments; nil for anything
    /// this does not know or that could be read another way.
    struct Given {
        var flags: Set<String> = []
        var values: [String: String] = [:]
        var arguments: [String] = []

        init?(_ input: ArraySlice<String>, flags known: Set<String>, options: Set<String>) {
            var rest = input
            while let item = rest.popFirst() {
                guard item.hasPrefix("--") else {
                    // "-x" is a short option or a negative number; "-" alone, argument-parser's to judge.
                    guard !item.hasPrefix("-") else { return nil }
                    arguments.append(item)
                    continue
                }
                let body = item.dropFirst(2)
                if let equals = body.firstIndex(of: "=") {
                    let name = String(body[..<equals]), value = String(body[body.index(after: equals)...])
                    guard options.contains(name), Self.plain(value), values.updateValue(value, forKey: name) == nil else { return nil }
                } else if known.contains(String(body)) {
                    guard flags.insert(String(body)).inserted else { return nil }
                } else if options.contains(String(body)), let value = rest.popFirst(), Self.plain(value) {
                    guard values.updateValue(value, forKey: String(body)) == nil else { return nil }
                } else {
                    return nil
                }
            }
        }

        /// A value that cannot be taken for an option, the end of options or nothing.
        private static func plain(_ value: String) -> Bool { !value.isEmpty && !value.hasPrefix("-") }

        var store: StoreOptions {
            var store = StoreOptions()
            store.dataDir = values["data-dir"]
            store.clock = values["clock"]
            store.policy = values["policy"]
            return store
        }

        /// The option's value read as argument-parser reads it: .some(nil) when not given, nil when unreadable.
        func value<Value: ExpressibleByArgument>(_ name: String, as: Value.Type) -> Value?? {
            guard let text = values[name] else { return .some(nil) }
            guard let value = Value(argument: text) else { return nil }
            return .some(value)
        }
    }
}
