import ArgumentParser
import AuthEngine
import Foundation
import TerminalApp
import SafeIO

/// `ccass-terminal mailbox`: the trainer's view of the inbox.
struct MailboxCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mailbox",
        abstract: "List the messages delivered to the Maildirs, newest first, and open one.",
        discussion: "Without an address, lists the addresses that have mail. OTP messages show whether their code is still valid. On a terminal the inbox is browsable and new mail shows up live."
    )

    @OptionGroup var store: StoreOptions
    @OptionGroup var seat: SeatOption

    @Argument(help: "The email address whose inbox to show.") var address: String?

    @Option(help: ArgumentHelp("Print message N of the list (1 is the newest) in full.", valueName: "n")) var open: Int?

    func validate() throws {
        if open != nil, address == nil { throw CommandFailure("--open needs an address") }
        if let open, open < 1 { throw CommandFailure("--open counts from 1 (the newest message)") }
    }

    func run() throws {
        let root = try seat.selection.mailRoot(store.settings)
        let mailbox = Mailbox(root: root)
        if open == nil, ProgramTerminal.isInteractive {
            let engine = try store.settings.engine(create: false)
            let queue = DispatchQueue(label: "ccass-terminal.inbox")
            _ = ProgramTerminal.run(InboxModel(address: address), clock: { engine.clock.now() }) { command, post in
                queue.async { post(InboxModel.perform(command, mailbox: mailbox, engine: engine)) }
            }
            return
        }
        guard let address else {
            let addresses = mailbox.addresses()
            if addresses.isEmpty { try StandardStream.output.line("No mail has been delivered under \(root.path).") }
            var table = TextTable(header: ["ADDRESS", "MESSAGES", "NEWEST"])
            for address in addresses {
                let messages = (try? mailbox.messages(for: address)) ?? []
                table.rows.append([address, "\(messages.count)", messages.first?.date.map(HongKongTime.format) ?? "-"])
            }
            if !addresses.isEmpty { try StandardStream.output.line(table.render()) }
            return
        }
        let messages = try mailbox.messages(for: address)
        if let open {
            guard open <= messages.count else {
                throw CommandFailure("\(address) has \(messages.count) message\(messages.count == 1 ? "" : "s"); there is no number \(open)")
            }
            let message = messages[open - 1]
            for (name, value) in message.headers { try StandardStream.output.line("\(name.safe()): \(value.safe())") }
            try StandardStream.output.write("\n" + message.body.safe(.block) + (message.body.hasSuffix("\n") ? "" : "\n"))
            return
        }
        guard !messages.isEmpty else {
            try StandardStream.output.line("No messages for \(address).")
            return
        }
        let engine = try store.settings.engine(create: false)
        var table = TextTable(header: ["#", "SENT", "SUBJECT", "OTP"])
        for (index, message) in messages.enumerated() {
            var otp = "-"
            if let code = message.otp { otp = "\(code) " + CodeStatus.describe(try engine.emailCodeStatus(sentTo: address, code: code)) }
            table.rows.append(["\(index + 1)", message.date.map(HongKongTime.format) ?? "-", message.header("Subject") ?? "-", otp])
        }
        try StandardStream.output.line(table.render())
    }
}
