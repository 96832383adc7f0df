import AuthEngine
import Foundation
import TerminalCore
import TerminalProgram
import TerminalView

/// The trainer's inbox (`mailbox` on a terminal) on the program loop: the addresses with
/// mail, an address's messages newest first with where each code stands, one message opened.
/// New mail shows up live.
public struct InboxModel: ProgramModel {
    public enum View: Equatable, Sendable {
        case addresses
        case messages(address: String)
        case message(address: String, index: Int)
    }

    public struct Listing: Equatable, Sendable {
        public var lines: [String]
        /// The opened message's text, when one is open.
        public var opened: [String]?

        public init(lines: [String], opened: [String]? = nil) {
            self.lines = lines
            self.opened = opened
        }
    }

    public var view: View
    /// Where Esc stops: an inbox opened for one address does not go back to the list of all.
    public let fixedAddress: String?
    public var listing = Listing(lines: [])
    public var selected = 0
    public var scroll = 0
    /// Columns scrolled to the right, for lines wider than the window.
    public var shift = 0
    /// The address to select once the list of addresses is back (after Esc from it).
    var reselect: String?
    public var finished = false

    public enum Command: Sendable { case load(View) }
    public enum Message: Sendable { case loaded(View, Listing) }

    public init(address: String?) {
        fixedAddress = address
        view = address.map { .messages(address: $0) } ?? .addresses
    }

    public mutating func start() -> [Command] { [.load(view)] }

    /// The inbox's keys, from one table that both dispatches and writes the hint line.
    public var keys: KeyTable {
        var bindings: [KeyBinding] = []
        if case .message = view {
            bindings.append(KeyBinding([.up, .down], .scroll, label: "↑↓", help: "scroll", detail: "scroll the message"))
        } else {
            bindings.append(KeyBinding([.up, .down], .moveFocus, label: "↑↓", help: "choose", detail: "choose an address or a message"))
            bindings.append(KeyBinding([.enter], .choose, label: "Enter", help: "open", detail: "open it"))
        }
        bindings.append(KeyBinding([.left, .right], .scroll, label: "←→", help: "sideways", detail: "scroll long lines sideways"))
        let back: Bool = switch view {
        case .message: true
        case .messages: fixedAddress == nil
        case .addresses: false
        }
        if back { bindings.append(KeyBinding([.escape], .back, label: "Esc", help: "back", detail: "back to the list")) }
        bindings.append(KeyBinding([.character("q"), .interrupt] + (back ? [] : [Key.escape]), .quit, label: "q", help: "quit"))
        return KeyTable(bindings)
    }

    public mutating func input(_ event: TerminalEvent) -> [Command] {
        guard case .key(let key) = event else {
            if event == .endOfInput { finished = true }
            return []
        }
        switch keys.action(for: key) {
        case .quit?:
            finished = true
        case .scroll? where key == .left || key == .right:
            shift = max(0, shift + (key == .right ? 8 : -8))
        case .scroll?:
            scroll = max(0, scroll + (key == .down ? 1 : -1))
        case .moveFocus?:
            selected = key == .down ? min(max(0, listing.lines.count - 1), selected + 1) : max(0, selected - 1)
        case .choose?:
            guard listing.lines.indices.contains(selected) else { return [] }
            switch view {
            case .addresses: return go(.messages(address: listing.lines[selected]))
            case .messages(let address): return go(.message(address: address, index: selected))
            case .message: return []
            }
        case .back?:
            switch view {
            case .message(let address, let index):
                let commands = go(.messages(address: address))
                selected = index
                return commands
            case .messages(let address):
                // Back on the address just read.
                let commands = go(.addresses)
                reselect = address
                return commands
            case .addresses:
                finished = true
            }
        default:
            break
        }
        return []
    }

    private mutating func go(_ next: View) -> [Command] {
        view = next
        selected = 0
        scroll = 0
        shift = 0
        listing = Listing(lines: [])
        return [.load(next)]
    }

    public mutating func receive(_ message: Message) -> [Command] {
        guard case .loaded(let view, let listing) = message, view == self.view else { return [] }
        self.listing = listing
        if let address = reselect, let index = listing.lines.firstIndex(of: address) { selected = index }
        reselect = nil
        selected = min(selected, max(0, listing.lines.count - 1))
        return []
    }

    public mutating func tick(_ now: Date) -> [Command] { [.load(view)] }

    public func nextTick(after now: Date) -> Date? { now.addingTimeInterval(1) }

    public var isFinished: Bool { finished }

    public func frame(size: Size) -> Frame {
        let title: String
        switch view {
        case .addresses: title = "(choose an address)"
        case .messages(let address), .message(let address, _): title = address
        }
        let hints = keys.hints.joined(separator: "  ")
        if let opened = listing.opened {
            return Frame(canvas: InboxView.render(title: title, lines: opened, selected: nil, scroll: scroll, shift: shift, size: size, hints: hints))
        }
        return Frame(canvas: InboxView.render(title: title, lines: listing.lines, selected: selected, scroll: 0, shift: shift, size: size, hints: hints))
    }

    /// Reads the Maildirs (and the codes' status from the store), for the runner.
    public static func perform(_ command: Command, mailbox: Mailbox, engine: AuthEngine?) -> Message {
        guard case .load(let view) = command else { return .loaded(.addresses, Listing(lines: [])) }
        switch view {
        case .addresses:
            return .loaded(view, Listing(lines: mailbox.addresses()))
        case .messages(let address):
            let messages = (try? mailbox.messages(for: address)) ?? []
            return .loaded(view, Listing(lines: messages.map { line($0, address: address, engine: engine) }))
        case .message(let address, let index):
            let messages = (try? mailbox.messages(for: address)) ?? []
            guard messages.indices.contains(index) else { return .loaded(view, Listing(lines: [], opened: ["(the message is gone)"])) }
            let message = messages[index]
            let text = message.headers.map { "\($0.name): \($0.value)" } + [""] + message.body.components(separatedBy: "\n")
            return .loaded(view, Listing(lines: [], opened: text))
        }
    }

    /// One message in the list: when it was sent, its subject, and its code's status.
    public static func line(_ message: Mailbox.Message, address: String, engine: AuthEngine?) -> String {
        var line = "\(message.date.map(HongKongTime.format) ?? "-")  \(message.header("Subject") ?? "")"
        if let code = message.otp, let status = try? engine?.emailCodeStatus(sentTo: address, code: code) {
            line += "  \(code) \(CodeStatus.describe(status))"
        }
        return line
    }
}
