import Foundation
import Synchronization
import TerminalCore
import TerminalView

/// A backend in memory for tests (ratatui's TestBackend): it records every frame drawn and
/// every wait, and plays a script of steps, one per wait.
public final class TestBackend: TerminalBackend, @unchecked Sendable {
    public enum Step {
        /// Input for the program.
        case events([TerminalEvent])
        /// Time passes with no input: the test clock moves by so many seconds.
        case sleep(TimeInterval)
        /// Something the test does between two waits (release an engine answer, resize).
        case run(() -> Void)
    }

    public var size: Size
    public private(set) var frames: [Frame] = []
    /// The timeout of every wait, in order (nil: waiting for input only).
    public private(set) var waits: [TimeInterval?] = []
    public private(set) var invalidations = 0
    private var script: [Step]
    private let clock: TestClock?

    public init(size: Size = Size(columns: 80, rows: 24), script: [Step], clock: TestClock? = nil) {
        self.size = size
        self.script = script
        self.clock = clock
    }

    public var lastFrame: Frame? { frames.last }
    public var screenText: String { frames.last?.canvas.text ?? "" }

    public func draw(_ frame: Frame) { frames.append(frame) }

    public func wait(timeout: TimeInterval?) -> [TerminalEvent] {
        waits.append(timeout)
        guard !script.isEmpty else { return [.endOfInput] }
        switch script.removeFirst() {
        case .events(let events): return events
        case .sleep(let seconds):
            clock?.advance(by: min(seconds, timeout ?? seconds))
            return []
        case .run(let action):
            action()
            return []
        }
    }

    public func wake() {}
    public func invalidate() { invalidations += 1 }
}

/// A clock a test moves by hand.
public final class TestClock: Sendable {
    private let current: Mutex<Date>
    public init(_ start: Date) { current = Mutex(start) }
    public func now() -> Date { current.withLock { $0 } }
    public func advance(by seconds: TimeInterval) { current.withLock { $0 = $0.addingTimeInterval(seconds) } }
}
