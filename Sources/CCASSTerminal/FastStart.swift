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
/// vectors this either declines or yields the very values argument-parser yields (the commands'
/// plain `settings`, never their property wrappers, whose generic set-up costs as much as a
/// parse), and an option added to either command without being taught here fails it.
enum FastStart {
    /// The terminal's flags and options by their long names (its own, StoreOptions' and SMTPOptions').
    static let terminalFlags = ["dms", "connectivity-verification", "replace", "plain", "trainer", "ignore-hours", "presenter"]
    static let terminalOptions = ["data-dir", "clock", "policy", "phase", "connectivity-test", "record", "record-scenario", "seat",
                                               "smtp", "smtp-credentials", "smtp-ca"]
    /// `authenticator code`'s options (StoreOptions' and SeatOption's); its account is the one argument.
    static let codeOptions = ["data-dir", "clock", "policy", "seat"]

    /// What a start runs: the terminal's or `authenticator code`'s values, checked.
    enum Start: Equatable {
        case terminal(TerminalSettings)
        case code(AuthenticatorCode.Settings)

        func run() throws {
            switch self {
            case .terminal(let settings): try settings.run()
            case .code(let settings): try settings.run()
            }
        }
    }

    /// What these arguments (without the program's name) start, or nil when argument-parser
    /// must decide. A refusal is argument-parser's to word (with the usage line it adds), so
    /// arguments the checks refuse are declined too.
    static func start(_ arguments: [String]) -> Start? {
        if arguments.starts(with: ["authenticator", "code"]) {
            guard let settings = code(arguments.dropFirst(2)),
                  (try? settings.store.check()) != nil, (try? settings.seat.check()) != nil else { return nil }
            return .code(settings)
        }
        guard let settings = terminal(arguments.first == "terminal" ? arguments.dropFirst() : arguments[...]),
              (try? settings.store.check()) != nil, (try? settings.mail.check()) != nil, (try? settings.check()) != nil else { return nil }
        return .terminal(settings)
    }

    static func terminal(_ arguments: ArraySlice<String>) -> TerminalSettings? {
        guard let given = Given(arguments, flags: terminalFlags, options: terminalOptions), given.arguments.isEmpty,
              let phase = given.value("phase", as: ServicePhase.self),
              let connectivityTest = given.value("connectivity-test", as: ConnectivitySession.self) else { return nil }
        return TerminalSettings(
            store: given.store, dms: given.flags.contains("dms"), phase: phase, connectivityTest: connectivityTest,
            connectivityVerification: given.flags.contains("connectivity-verification"), record: given.values["record"],
            recordScenario: given.values["record-scenario"], replace: given.flags.contains("replace"), plain: given.flags.contains("plain"),
            trainer: given.flags.contains("trainer"), ignoreHours: given.flags.contains("ignore-hours"),
            presenter: given.flags.contains("presenter"), seat: given.values["seat"],
            mail: SMTPSettings(smtp: given.values["smtp"], smtpCredentials: given.values["smtp-credentials"], smtpCA: given.values["smtp-ca"]))
    }

    static func code(_ arguments: ArraySlice<String>) -> AuthenticatorCode.Settings? {
        guard let given = Given(arguments, flags: [], options: codeOptions), given.arguments.count == 1 else { return nil }
        return AuthenticatorCode.Settings(store: given.store, seat: SeatSelection(seat: given.values["seat"]), account: given.arguments[0])
    }

    /// The arguments split into flags, option values and plain arguments; nil for anything
    /// this does not know or that could be read another way.
    struct Given {
        var flags: [String] = []
        var values: [String: String] = [:]
        var arguments: [String] = []

        init?(_ input: ArraySlice<String>, flags known: [String], options: [String]) {
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
                    guard !flags.contains(String(body)) else { return nil }
                    flags.append(String(body))
                } else if options.contains(String(body)), let value = rest.popFirst(), Self.plain(value) {
                    guard values.updateValue(value, forKey: String(body)) == nil else { return nil }
                } else {
                    return nil
                }
            }
        }

        /// A value that cannot be taken for an option, the end of options or nothing.
        private static func plain(_ value: String) -> Bool { !value.isEmpty && !value.hasPrefix("-") }

        var store: StoreSettings { StoreSettings(dataDir: values["data-dir"], clock: values["clock"], policy: values["policy"]) }

        /// The option's value read as argument-parser reads it: .some(nil) when not given, nil when unreadable.
        func value<Value: RawRepresentable<String>>(_ name: String, as: Value.Type) -> Value?? {
            guard let text = values[name] else { return .some(nil) }
            guard let value = Value(rawValue: text) else { return nil }
            return .some(value)
        }
    }
}
