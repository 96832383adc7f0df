import Foundation
import Synchronization
import TerminalCore
import TerminalView

/// A model the program loop runs: the screens of the terminal, the phone, the inbox, the
/// trainer's dashboard. Everything that changes it comes in as input, a tick, or a message
/// from a command it asked for; it renders as a pure function of itself.
public protocol ProgramModel: Equatable, SendableMetatype {
    associatedtype Command: Sendable
    associatedtype Message: Sendable

    mutating func input(_ event: TerminalEvent) -> [Command]
    mutating func receive(_ message: Message) -> [Command]
    /// The clock reached the moment `nextTick` asked for (or was moved).
    mutating func tick(_ now: Date) -> [Command]
    /// Commands to run before the first wait (loading what the first frame does not need).
    mutating func start() -> [Command]
    /// When the model next needs a tick, if ever: a countdown on screen, a clock's minute.
    func nextTick(after now: Date) -> Date?
    func frame(size: Size) -> Frame
    var isFinished: Bool { get }
}

extension ProgramModel {
    public mutating func start() -> [Command] { [] }
}

/// Why the loop ended.
public enum ProgramEnd: Equatable, Sendable {
    case finished
    case signal(Int32)
    case endOfInput
}

/// The one program loop (bubbletea's Program): input, timers and command results become
/// model changes; a frame is drawn only when the model (or the window) changed; between
/// events the loop sleeps in the backend until input, the next tick or a message arrives.
// Unchecked: messages cross threads only through the mutex, and `wake` is thread-safe by contract.
public final class Program<Model: ProgramModel>: @unchecked Sendable {
    public private(set) var model: Model
    private let backend: any TerminalBackend
    private let clock: @Sendable () -> Date
    private let execute: (Model.Command, @escaping @Sendable (Model.Message) -> Void) -> Void
    private let posted = Mutex<[Model.Message]>([])
    /// Called with every frame drawn (a recording).
    public var onFrame: ((Frame) -> Void)?
    /// Called with every input, before the model sees it (a scenario recording).
    public var onInput: ((TerminalEvent, Model) -> Void)?
    public private(set) var framesDrawn = 0

    /// `run` performs a command, on this thread or another, and posts the messages it leads to.
    public init(model: Model, backend: any TerminalBackend, clock: @escaping @Sendable () -> Date,
                run: @escaping (Model.Command, @escaping @Sendable (Model.Message) -> Void) -> Void) {
        self.model = model
        self.backend = backend
        self.clock = clock
        self.execute = run
    }

    private func post(_ message: Model.Message) {
        posted.withLock { $0.append(message) }
        backend.wake()
    }

    private func perform(_ commands: [Model.Command]) {
        for command in commands { execute(command) { [weak self] message in self?.post(message) } }
    }

    private func takePosted() -> [Model.Message] {
        posted.withLock { messages in
            defer { messages = [] }
            return messages
        }
    }

    private var drawn: (model: Model, size: Size)?
    private var started = false
    /// The tick the loop is waiting for, if any.
    private var dueTick: Date?

    /// Runs until the model finishes, a stop signal arrives or input ends.
    public func run() -> ProgramEnd {
        begin()
        while true {
            let now = clock()
            dueTick = model.nextTick(after: now)
            let events = backend.wait(timeout: dueTick.map { max(0, $0.timeIntervalSince(now)) })
            if let end = feed(events) { return end }
        }
    }

    /// The first frame (and the commands the model starts with).
    public func begin() {
        guard !started else { return }
        started = true
        perform(model.start())
        settle()
    }

    /// Applies input, then the messages it leads to and any tick that is due, and draws.
    /// Headless drivers (scenarios, tests) step the loop with this; `run` waits between steps.
    @discardableResult
    public func feed(_ events: [TerminalEvent]) -> ProgramEnd? {
        begin()
        // Time went on while the backend waited (a line-based backend waits for a whole line,
        // past any tick): the screens see the moment before they see the input.
        tickIfDue()
        for event in events {
            onInput?(event, model)
            switch event {
            case .signal(let number):
                perform(model.input(.key(.interrupt)))
                settle()
                return .signal(number)
            case .endOfInput:
                perform(model.input(.endOfInput))
                settle()
                return .endOfInput
            case .key(.redraw):
                backend.invalidate()
                drawn = nil
            case .clockMoved:
                perform(model.tick(clock()))
            default:
                perform(model.input(event))
            }
            settle()
            if model.isFinished { return .finished }
        }
        tickIfDue()
        settle()
        return model.isFinished ? .finished : nil
    }

    private func tickIfDue() {
        guard let due = dueTick, clock() >= due else { return }
        dueTick = nil
        perform(model.tick(clock()))
    }

    /// Messages from commands (and those they lead to), then a frame if anything changed.
    private func settle() {
        var messages = takePosted()
        while !messages.isEmpty {
            for message in messages { perform(model.receive(message)) }
            messages = takePosted()
        }
        // A finished program draws nothing more: the terminal is about to be given back.
        if model.isFinished { return }
        let size = backend.size
        if drawn == nil || drawn!.model != model || drawn!.size != size {
            let frame = model.frame(size: size)
            backend.draw(frame)
            framesDrawn += 1
            onFrame?(frame)
            drawn = (model, size)
        }
    }

    /// Lets a driver change the model between steps (a scenario's header).
    public func update(_ change: (inout Model) -> [Model.Command]) {
        perform(change(&model))
        settle()
    }
}
