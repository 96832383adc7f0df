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
        /// Type the phone's current code for an account, or the newest code in an inbox.
        case code(Scenario.Step)
        /// Enrol the phone with the URI REGISTER DEVICE shows.
        case scan(uri: String)
    }

    public enum Message: Sendable {
        case terminal(TerminalModel.Message)
        case code(String)
        /// The phone learnt this account (its label).
        case scanned(String)
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
        case .code(let code):
            waiting = false
            typing = Array(code)
            return []
        case .scanned(let label):
            waiting = false
            // The room sees the new account on the phone.
            terminal.panels?.reveal = label
            return [.terminal(.loadPanels)]
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
        case .type(let text):
            typing = Array(text)
            nextActionAt = now
            return []
        case .key(let key):
            lastKey = key.name
            return terminal.input(.key(key)).map(Command.terminal)
        case .paste(let text):
            lastKey = "paste"
            return terminal.input(.paste(text)).map(Command.terminal)
        case .otpApp, .otpEmail:
            waiting = true
            return [.code(line.step)]
        case .scan:
            guard case .registerDevice(let register) = terminal.state.screen else {
                handOver("Line \(line.number): there is no QR code on the screen to scan; the keyboard is yours.")
                return []
            }
            waiting = true
            return [.scan(uri: register.registration.uri)]
        case .advance(let interval):
            return [.terminal(.effect(.advanceClock(interval)))]
        case .clock(let date):
            return [.terminal(.effect(.advanceClock(date.timeIntervalSince(terminal.state.now))))]
        case .expect(let text):
            if !ScenarioRunner.shows(Renderer.render(terminal.state).text, text) {
                handOver("Line \(line.number): expected \"\(text)\" on the screen; the keyboard is yours.")
            }
            nextActionAt = now
            return []
        case .expectNot(let text):
            if ScenarioRunner.shows(Renderer.render(terminal.state).text, text) {
                handOver("Line \(line.number): \"\(text)\" is on the screen; the keyboard is yours.")
            }
            nextActionAt = now
            return []
        case .size, .snapshot, .phase, .console, .ignoreHours, .connectivityTest:
            // The window is the audience's; the session was set up from the header.
            nextActionAt = now
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
        var frame = terminal.frame(size: size)
        AutopilotView.overlay(&frame.canvas, caption: caption, status: status)
        return frame
    }

    /// The bottom line while the autopilot runs: what it is doing and what the trainer may do.
    var status: String? {
        guard !handedOver else { return nil }
        if caption != nil { return "Autopilot  Space continue  Esc take the keyboard" }
        return "Autopilot" + (lastKey.map { "  key: \($0)" } ?? "") + "  Esc take the keyboard"
    }
}

/// Carries out the autopilot's steps that need the phone, the inbox or the engine's clock, on
/// the terminal's runner.
public struct AutopilotRunner: Sendable {
    public let terminal: TerminalRunner
    public let directory: URL

    public init(terminal: TerminalRunner, directory: URL) {
        self.terminal = terminal
        self.directory = directory
    }

    public func run(_ command: AutopilotModel.Command, post: @escaping @Sendable (AutopilotModel.Message) -> Void) {
        switch command {
        case .terminal(let inner):
            terminal.run(inner) { post(.terminal($0)) }
        case .code(let step):
            let directory = self.directory, terminal = self.terminal
            terminal.perform {
                let now = terminal.openedEngine?.clock.now() ?? Date()
                do {
                    switch step {
                    case .otpApp(let account):
                        post(.code(try Phone.code(for: account, directory: directory, at: now).code))
                    case .otpEmail(let address):
                        guard let code = try Mailbox(root: directory.appendingPathComponent("mail")).messages(for: address).first?.otp else {
                            post(.failed("There is no OTP email for \(address); the keyboard is yours."))
                            return
                        }
                        post(.code(code))
                    default:
                        post(.failed("That step has no code to type; the keyboard is yours."))
                    }
                } catch {
                    post(.failed("The phone has no code: \(error); the keyboard is yours."))
                }
            }
        case .scan(let uri):
            let directory = self.directory, terminal = self.terminal
            terminal.perform {
                do {
                    let learnt = try Phone.add(uri, directory: directory, at: terminal.openedEngine?.clock.now() ?? Date())
                    post(.scanned(learnt.label))
                } catch {
                    post(.failed("The phone could not enrol the QR code: \(error); the keyboard is yours."))
                }
            }
        }
    }
}
