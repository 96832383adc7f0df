import AuthDomain
import AuthEngine
import Authenticator
import Foundation
import TerminalCore
import TerminalProgram
import TerminalView

/// `ccass-terminal play FILE`: a scenario run on the live terminal for an audience. Each step is
/// taken visibly (typing at a human pace, each key named on the bottom line); at each comment of
/// the file the autopilot stops and shows it as a caption until Space (or, with a pace, by
/// itself); Esc hands the keyboard to the trainer on the same state at any moment. A failed
/// `expect` stops it too, saying what was expected.
public struct AutopilotModel: ProgramModel {
    public var terminal: TerminalModel
    public let scenario: Scenario
    /// The next step of `scenario.lines` to take.
    public private(set) var index = 0
    /// Characters of a `type` step, or of a code, still to type.
    var typing: [Character] = []
    /// The caption on screen, waiting for Space (or `captionUntil`).
    public private(set) var caption: String?
    var captionUntil: Date?
    var captioned: Set<Int> = []
    /// The trainer has the keyboard: the autopilot takes no more steps.
    public private(set) var handedOver = false
    /// Why the autopilot stopped by itself (an expectation failed, the scenario ended).
    public private(set) var stopped: String?
    /// A step is waiting for the runner (a code, a scan, a clock move).
    var waiting = false
    var nextActionAt: Date?
    var nextRefreshAt = Date.distantPast
    /// The key last pressed by the autopilot, named on the bottom line.
    public private(set) var lastKey: String?
    /// Seconds between two keys, and between steps; captions go on by themselves after `pace`.
    public var keyDelay: TimeInterval = 0.09
    public var stepDelay: TimeInterval = 0.6
    public var pace: TimeInterval?

    public init(terminal: TerminalModel, scenario: Scenario, pace: TimeInterval? = nil) {
        self.terminal = terminal
        self.scenario = scenario
        self.pace = pace
    }

    public enum Command: Sendable {
        case terminal(TerminalModel.Command)
        /// Work out what a step does (`ScenarioWorld.action`: the phone's code, the newest
        /// code of an inbox, a scan), off the loop, with the state it was taken on.
        case resolve(Scenario.Line, AppState)
    }

    public enum Message: Sendable {
        case terminal(TerminalModel.Message)
        case resolved(ScenarioAction)
        case failed(String)
    }

    public static func == (a: AutopilotModel, b: AutopilotModel) -> Bool {
        a.terminal == b.terminal && a.index == b.index && a.typing == b.typing && a.caption == b.caption && a.handedOver == b.handedOver
            && a.stopped == b.stopped && a.lastKey == b.lastKey && a.waiting == b.waiting
    }

    public var isFinished: Bool { terminal.isFinished }

    public mutating func start() -> [Command] { terminal.start().map(Command.terminal) }

    public mutating func input(_ event: TerminalEvent) -> [Command] {
        if handedOver { return terminal.input(event).map(Command.terminal) }
        switch event {
        case .key(.escape):
            handOver(stopped == nil ? "Autopilot stopped before line \(currentLine); the keyboard is yours." : nil)
            return []
        case .key(.character(" ")) where caption != nil:
            caption = nil
            captionUntil = nil
            return []
        case .key(.interrupt), .resize, .signal, .endOfInput, .clockMoved, .key(.redraw):
            return terminal.input(event).map(Command.terminal)
        default:
            // The audience watches: other keys wait for Esc.
            return []
        }
    }

    public mutating func receive(_ message: Message) -> [Command] {
        switch message {
        case .terminal(let inner):
            return terminal.receive(inner).map(Command.terminal)
        case .resolved(let action):
            waiting = false
            return apply(action)
        case .failed(let why):
            waiting = false
            handOver(why)
            return []
        }
    }

    /// `now` is the room's wall clock, which paces the keys and captions. The terminal's time
    /// is the engine's, which stands still but for the file's clock steps (and F5-F8): the
    /// terminal is refreshed each second at its own time, so the presenter's phone and inbox
    /// follow what the autopilot does.
    public mutating func tick(_ now: Date) -> [Command] {
        var commands = [Command]()
        if now >= nextRefreshAt {
            nextRefreshAt = now.addingTimeInterval(1)
            commands += terminal.tick(terminal.state.now).map(Command.terminal)
        }
        if let until = captionUntil, now >= until {
            caption = nil
            captionUntil = nil
        }
        if running, now >= (nextActionAt ?? now) {
            nextActionAt = nil
            commands += act(now)
        }
        return commands
    }

    public func nextTick(after now: Date) -> Date? {
        [nextRefreshAt, captionUntil, running ? (nextActionAt ?? now) : nil].compactMap { $0 }.min()
    }

    /// Whether the autopilot still has something to do now.
    var running: Bool { !handedOver && stopped == nil && caption == nil && !waiting }

    /// The line of the file the next step is on.
    var currentLine: Int { scenario.lines.indices.contains(index) ? scenario.lines[index].number : (scenario.lines.last?.number ?? 0) + 1 }

    /// One action: a character, a key, or the start of the next step.
    private mutating func act(_ now: Date) -> [Command] {
        guard running else { return [] }
        // An engine answer on its way: the next step waits for the screen it leads to.
        guard terminal.state.pending == nil else {
            nextActionAt = now.addingTimeInterval(0.05)
            return []
        }
        if !typing.isEmpty {
            let character = typing.removeFirst()
            lastKey = character == " " ? "Space" : String(character)
            nextActionAt = now.addingTimeInterval(typing.isEmpty ? stepDelay : keyDelay)
            return terminal.input(.key(.character(character))).map(Command.terminal)
        }
        if let text = scenario.captions[index], !captioned.contains(index) {
            captioned.insert(index)
            caption = text
            captionUntil = pace.map { now.addingTimeInterval($0) }
            nextActionAt = now
            return []
        }
        guard index < scenario.lines.count else {
            handOver("The scenario is over; the keyboard is yours.")
            return []
        }
        let line = scenario.lines[index]
        index += 1
        nextActionAt = now.addingTimeInterval(stepDelay)
        switch line.step {
        case .expect(let text), .expectNot(let text):
            // Checked on the screen the room sees, as `scenario` checks it.
            let present = line.step == .expect(text)
            if ScenarioRunner.shows(Renderer.render(terminal.state).text, text) != present {
                handOver(present ? "Line \(line.number): expected \"\(text)\" on the screen; the keyboard is yours."
                                 : "Line \(line.number): \"\(text)\" is on the screen; the keyboard is yours.")
            }
            nextActionAt = now
            return []
        case .size, .snapshot, .phase, .console, .ignoreHours, .connectivityTest:
            // The window is the audience's; the session was set up from the header.
            nextActionAt = now
            return []
        case .type, .key, .paste, .otpApp, .otpEmail, .scan, .advance, .clock:
            waiting = true
            return [.resolve(line, terminal.state)]
        }
    }

    /// A step worked out by the world, taken visibly: text typed a character at a time, a key
    /// named on the bottom line, the clock moved, the phone's new account brought into view.
    private mutating func apply(_ action: ScenarioAction) -> [Command] {
        switch action {
        case .type(let text):
            typing = Array(text)
            return []
        case .input(let events):
            var commands: [Command] = []
            for event in events {
                switch event {
                case .key(let key): lastKey = key.name
                case .paste: lastKey = "paste"
                default: break
                }
                commands += terminal.input(event).map(Command.terminal)
            }
            return commands
        case .moveClock(let interval):
            return [.terminal(.advanceClock(interval))]
        case .scanned(let label):
            // The room sees the new account on the phone.
            terminal.panels?.reveal = label
            return [.terminal(.loadPanels)]
        case .check, .snapshot, .none:
            return []
        }
    }

    private mutating func handOver(_ why: String?) {
        handedOver = true
        stopped = why
        caption = nil
        captionUntil = nil
        typing = []
        if let why { terminal.state.message = .aside(why) }
    }

    public func frame(size: Size) -> Frame {
        var shown = terminal
        shown.state.caption = caption
        var frame = shown.frame(size: size)
        AutopilotView.overlay(&frame.canvas, status: status)
        return frame
    }

    /// The bottom line while the autopilot runs: what it is doing and what the trainer may do.
    var status: String? {
        guard !handedOver else { return nil }
        if caption != nil { return "Autopilot  Space continue  Esc take the keyboard" }
        return "Autopilot" + (lastKey.map { "  key: \($0)" } ?? "") + "  Esc take the keyboard"
    }
}

/// Carries out the autopilot's steps that need the world (the phone, the inbox, the engine's
/// clock), in order with the terminal's own work.
public struct AutopilotRunner: Sendable {
    public let terminal: TerminalRunner
    public let world: ScenarioWorld

    public init(terminal: TerminalRunner, world: ScenarioWorld) {
        self.terminal = terminal
        self.world = world
    }

    public func run(_ command: AutopilotModel.Command, post: @escaping @Sendable (AutopilotModel.Message) -> Void) {
        switch command {
        case .terminal(let inner):
            terminal.run(inner) { post(.terminal($0)) }
        case .resolve(let line, let state):
            let world = self.world
            terminal.perform {
                do {
                    post(.resolved(try world.action(for: line.step, on: state)))
                } catch {
                    post(.failed("Line \(line.number): \(error); the keyboard is yours."))
                }
            }
        }
    }
}
