import AuthEngine
import Authenticator
import Foundation
import TerminalCore
import TerminalProgram
import TerminalView

/// The virtual phone (`authenticator`) on the program loop: its accounts with live codes,
/// scrolled with the arrows and PageUp/PageDown, refreshed every second from phone.json (an
/// account added in another window shows up at once).
public struct PhoneModel: ProgramModel {
    public var rows: [PhoneView.Row] = []
    public var first = 0
    public var now: Date
    public var finished = false
    /// Why the phone file could not be read, if it could not.
    public var problem: String?

    public enum Command: Sendable { case load(Date) }
    public enum Message: Sendable { case loaded([PhoneView.Row]), failed(String) }

    public init(now: Date) { self.now = now }

    public mutating func start() -> [Command] { [.load(now)] }

    public mutating func input(_ event: TerminalEvent) -> [Command] {
        guard case .key(let key) = event else {
            if event == .endOfInput { finished = true }
            return []
        }
        switch PanelKeys.phoneProgram.action(for: key) {
        case .quit?: finished = true
        case .scrollPhone?:
            let step = [Key.pageUp, .pageDown].contains(key) ? PanelKeys.phonePage : 1
            first = min(max(0, rows.count - 1), max(0, first + ([.down, .pageDown].contains(key) ? step : -step)))
        default: break
        }
        return []
    }

    public mutating func receive(_ message: Message) -> [Command] {
        switch message {
        case .loaded(let rows):
            self.rows = rows
            problem = nil
        case .failed(let why):
            problem = why
        }
        return []
    }

    public mutating func tick(_ now: Date) -> [Command] {
        self.now = now
        return [.load(now)]
    }

    public func nextTick(after now: Date) -> Date? { Date(timeIntervalSince1970: (now.timeIntervalSince1970 + 0.000_001).rounded(.up)) }

    public var isFinished: Bool { finished }

    public func frame(size: Size) -> Frame {
        var canvas = PhoneView.render(rows, first: first, now: now, size: size,
                                      hints: (PanelKeys.phoneProgram.hints + ["codes refresh live"]).joined(separator: "   "))
        if let problem { canvas.text(problem, row: size.rows - 2, column: 1, role: .error, width: size.columns - 2) }
        return Frame(canvas: canvas)
    }

    /// Reads the phone file and computes the codes, for the runner.
    public static func perform(_ command: Command, directory: URL) -> Message {
        switch command {
        case .load(let now):
            do { return .loaded(try PhoneRows.totp(try Phone.load(directory: directory), at: now)) } catch {
                return .failed("\(error)")
            }
        }
    }
}
