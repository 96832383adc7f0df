import ArgumentParser
import AuthEngine
import CursesTerminal
import Foundation
import TerminalView

/// `ccass-terminal mailbox`: the trainer's view of the inbox.
struct MailboxCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mailbox",
        abstract: "List the messages delivered to the Maildirs, newest first, and open one.",
        discussion: "Without an address, lists the addresses that have mail. OTP messages show whether their code is still valid."
    )

    @OptionGroup var store: StoreOptions

    @Argument(help: "The email address whose inbox to show.") var address: String?

    @Option(help: ArgumentHelp("Print message N of the list (1 is the newest) in full.", valueName: "n")) var open: Int?

    func validate() throws {
        if open != nil, address == nil { throw ValidationError("--open needs an address") }
        if let open, open < 1 { throw ValidationError("--open counts from 1 (the newest message)") }
    }

    static func describe(_ status: AuthEngine.EmailCodeStatus) -> String {
        switch status {
        case .valid(let until): "valid until \(HongKongTime.format(until).dropFirst(11))"
        case .expired: "expired"
        case .used: "used"
        case .superseded: "no longer valid (a newer code was sent)"
        }
    }

    func run() throws {
        if open == nil, isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 {
            return browse()
        }
        reportingErrors {
            let mailbox = Mailbox(root: store.location.mailURL)
            guard let address else {
                let addresses = mailbox.addresses()
                if addresses.isEmpty { print("No mail has been delivered under \(store.location.mailURL.path).") }
                var table = TextTable(header: ["ADDRESS", "MESSAGES", "NEWEST"])
                for address in addresses {
                    let messages = (try? mailbox.messages(for: address)) ?? []
                    table.rows.append([address, "\(messages.count)", messages.first?.date.map(HongKongTime.format) ?? "-"])
                }
                if !addresses.isEmpty { print(table.render()) }
                return
            }
            let messages = try mailbox.messages(for: address)
            if let open {
                guard open <= messages.count else {
                    fail("\(address) has \(messages.count) message\(messages.count == 1 ? "" : "s"); there is no number \(open)")
                }
                let message = messages[open - 1]
                for (name, value) in message.headers { print("\(name): \(value)") }
                print("\n" + message.body, terminator: message.body.hasSuffix("\n") ? "" : "\n")
                return
            }
            guard !messages.isEmpty else {
                print("No messages for \(address).")
                return
            }
            let engine = try store.engine()
            var table = TextTable(header: ["#", "SENT", "SUBJECT", "OTP"])
            for (index, message) in messages.enumerated() {
                var otp = "-"
                if let code = message.otp {
                    otp = "\(code) " + Self.describe(try engine.emailCodeStatus(sentTo: address, code: code))
                }
                table.rows.append(["\(index + 1)", message.date.map(HongKongTime.format) ?? "-", message.header("Subject") ?? "-", otp])
            }
            print(table.render())
        }
    }
}

extension MailboxCommand {
    /// On a terminal: choose an address, then a message, and read it; new mail shows up live.
    func browse() {
        let engine = reportingErrors { try store.engine() }
        let mailbox = Mailbox(root: store.location.mailURL)
        let backend = CursesBackend(noColor: ProcessInfo.processInfo.environment["NO_COLOR"] != nil)
        defer { backend.restore() }
        var chosenAddress = address
        var selected = 0, scroll = 0
        var opened: Mailbox.Message?
        var drawn: Canvas?
        while backend.takeStopSignal() == nil {
            let screen: MailboxView.Screen
            var messages: [Mailbox.Message] = []
            if let chosenAddress {
                messages = (try? mailbox.messages(for: chosenAddress)) ?? []
                if let opened {
                    let lines = opened.headers.map { "\($0.name): \($0.value)" } + [""] + opened.body.components(separatedBy: "\n")
                    screen = MailboxView.Screen(title: chosenAddress, rows: [], opened: lines, scroll: scroll)
                } else {
                    let rows = messages.map { message -> String in
                        var line = "\(message.date.map(HongKongTime.format) ?? "-")  \(message.header("Subject") ?? "")"
                        if let code = message.otp, let status = try? engine.emailCodeStatus(sentTo: chosenAddress, code: code) {
                            line += "  \(code) \(Self.describe(status))"
                        }
                        return line
                    }
                    screen = MailboxView.Screen(title: chosenAddress, rows: rows, selected: min(selected, max(0, rows.count - 1)))
                }
            } else {
                screen = MailboxView.Screen(title: "(choose an address)", rows: mailbox.addresses(), selected: selected)
            }
            let size = backend.size
            let canvas = MailboxView.render(screen, columns: size.columns, rows: size.rows)
            if canvas != drawn {
                backend.draw(canvas)
                drawn = canvas
            }
            guard case .key(let key)? = backend.nextEvent(timeout: 500) else { continue }
            switch key {
            case .interrupt, .character("q"): return
            case .up: if opened != nil { scroll = max(0, scroll - 1) } else { selected = max(0, selected - 1) }
            case .down: if opened != nil { scroll += 1 } else { selected = min(max(0, screen.rows.count - 1), selected + 1) }
            case .enter:
                if chosenAddress == nil, screen.rows.indices.contains(selected) {
                    chosenAddress = screen.rows[selected]
                    selected = 0
                } else if opened == nil, messages.indices.contains(selected) {
                    opened = messages[selected]
                    scroll = 0
                }
            case .escape:
                if opened != nil { opened = nil } else if chosenAddress != nil, address == nil { chosenAddress = nil; selected = 0 } else { return }
            default: break
            }
        }
    }
}
