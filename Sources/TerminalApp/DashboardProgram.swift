import AuthEngine
import Authenticator
import Foundation
import TerminalCore
import TerminalProgram
import TerminalView

/// The trainer's live dashboard of a class (`class status`) on the program loop: the audit
/// log read each second off the loop, the table redrawn when it changed.
public struct DashboardModel: ProgramModel {
    public let name: String
    public private(set) var seats: [SeatProgress] = []
    /// The class's settings (hours, policy, console), as `class set` left them.
    public private(set) var settings = ""
    public private(set) var now: Date
    public private(set) var error: String?
    public var scroll = 0
    public private(set) var finished = false

    public enum Command: Sendable, Equatable { case load }
    public enum Message: Sendable { case loaded([SeatProgress], now: Date, settings: String), failed(String) }

    public init(name: String, now: Date) {
        self.name = name
        self.now = now
    }

    public mutating func start() -> [Command] { [.load] }

    public mutating func input(_ event: TerminalEvent) -> [Command] {
        switch event {
        case .key(.interrupt), .key(.character("q")), .key(.escape), .endOfInput: finished = true
        case .key(.up): scroll = max(0, scroll - 1)
        case .key(.down): scroll = min(max(0, seats.count - 1), scroll + 1)
        case .key(.pageDown): scroll = min(max(0, seats.count - 1), scroll + 10)
        case .key(.pageUp): scroll = max(0, scroll - 10)
        default: break
        }
        return []
    }

    public mutating func receive(_ message: Message) -> [Command] {
        switch message {
        case .loaded(let seats, let now, let settings):
            self.seats = seats
            self.now = now
            self.settings = settings
            error = nil
        case .failed(let why):
            error = why
        }
        return []
    }

    public mutating func tick(_ now: Date) -> [Command] { [.load] }

    public func nextTick(after now: Date) -> Date? { now.addingTimeInterval(1) }

    public var isFinished: Bool { finished }

    public func frame(size: Size) -> Frame {
        Frame(canvas: DashboardView.render(name: name, settings: settings, seats: seats, now: now, scroll: scroll, size: size, error: error))
    }

    /// Reads the class (a seat may have been reset meanwhile) and its progress, for the runner.
    public static func perform(_ folder: ClassFolder, engine: AuthEngine) -> Message {
        do {
            let training = try folder.load()
            return .loaded(try training.progress(in: engine), now: engine.clock.now(), settings: training.settingsSummary)
        } catch {
            return .failed("The store cannot be read: \(error)")
        }
    }
}
