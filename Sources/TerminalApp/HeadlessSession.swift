import AuthEngine
import Foundation
import TerminalCore
import TerminalProgram
import TerminalView

/// The program without a terminal: the same model on the same loop, stepped one input at a
/// time, engine calls made inline, time from the engine's clock. Scenario runs, tests and
/// fuzzers drive it.
public final class HeadlessSession {
    public let engine: AuthEngine
    private let backend: CaptureBackend
    private let program: Program<TerminalModel>
    public private(set) var ended: ProgramEnd?
    private let recorder = CoverageRecorder()
    /// The screens shown, buttons pressed and engine outcomes reached so far.
    public var coverage: Coverage { recorder.coverage }

    /// `onFrame` sees every frame, the first one included.
    /// The session is the engine's: its hours, connectivity test, phase and policy.
    public init(engine: AuthEngine, console: Console, size: Size, trainer: Bool = false, logsInputs: Bool = false,
                onFrame: ((AppState) -> Void)? = nil) {
        self.onFrame = onFrame
        self.engine = engine
        var state = AppState(console: console, environment: engine.configuration.environment, now: engine.clock.now(), size: size)
        state.trainer = trainer
        state.logsInputs = logsInputs
        backend = CaptureBackend(size: size)
        let recorder = self.recorder
        let runner = TerminalRunner(engine: engine, threaded: false) { recorder.reached($0) }
        program = Program(model: TerminalModel(state: state, window: size),
                          backend: backend, clock: { engine.clock.now() }, run: runner.run)
        program.onFrame = { [unowned self, unowned program] _ in
            recorder.shown(program.model.state)
            self.onFrame?(program.model.state)
        }
        program.begin()
    }

    /// Sees every input before it is applied, with the state it arrives in (a recorder).
    public var onInput: ((TerminalEvent, AppState) -> Void)?
    /// Sees the state of every frame drawn from now on.
    public var onFrame: ((AppState) -> Void)?

    /// The session a scenario's world and header ask for.
    public convenience init(world: ScenarioWorld, trainer: Bool = false, logsInputs: Bool = false, onFrame: ((AppState) -> Void)? = nil) {
        self.init(engine: world.engine, console: world.header.console, size: world.header.size, trainer: trainer, logsInputs: logsInputs,
                  onFrame: onFrame)
    }

    public var clock: any Clock { engine.clock }
    public var state: AppState { program.model.state }
    public var quit: Bool { ended != nil || program.model.isFinished }
    public var frame: Frame? { backend.frame }

    /// One input, and everything it leads to, through the loop.
    public func feed(_ event: TerminalEvent) {
        if case .resize(let size) = event { backend.size = size }
        onInput?(event, state)
        recorder.pressed(event, on: state)
        if let end = program.feed([event]) { ended = end }
    }

    public func send(_ event: Event) {
        switch event {
        case .key(let key): feed(.key(key))
        case .paste(let text): feed(.paste(text))
        case .resize(let size):
            feed(.resize(size))
        case .submitForm(let fields, let action): feed(.submitForm(fields: fields, action: action))
        case .tick, .engine, .trainerNotes, .clockNotMoved:
            program.update { model in model.receive(.event(event)) }
        }
    }

    public func press(_ key: Key) { feed(.key(key)) }

    public func type(_ text: String) { for character in text { press(.character(character)) } }

    /// Fills the current form and presses a button, as a line-based front end does.
    public func submit(fields: [FieldID: String], button id: String) { feed(.submitForm(fields: fields, action: id)) }

    /// Moves the virtual clock and lets the screens see it.
    public func advance(by interval: TimeInterval) {
        try? (clock as? any AdjustableClock)?.advance(by: interval)  // a scenario's clock is in memory
        feed(.clockMoved)
    }


    public var canvas: Canvas { backend.frame?.canvas ?? Renderer.render(state) }
    public var screenText: String { canvas.text }
}

/// A backend for stepped runs: it keeps the last frame; nobody waits on it.
final class CaptureBackend: TerminalBackend {
    var size: Size
    private(set) var frame: Frame?

    init(size: Size) { self.size = size }

    func draw(_ frame: Frame) { self.frame = frame }
    func wait(timeout: TimeInterval?) -> [TerminalEvent] { [.endOfInput] }
    func wake() {}
    func invalidate() {}
}

/// Collects what a headless run reaches, for `scenario --coverage`.
final class CoverageRecorder: @unchecked Sendable {
    // Unchecked: the engine answers arrive on the session's own thread (the runner is inline);
    // the lock keeps it safe all the same.
    private let lock = NSLock()
    private var collected = Coverage()

    var coverage: Coverage { lock.withLock { collected } }

    func reached(_ answer: EngineAnswer) {
        lock.withLock { collected.outcomes.formUnion(answer.coverageKeys) }
    }

    func shown(_ state: AppState) {
        lock.withLock {
            collected.screens.insert(state.screen.name)
            if let popup = state.popup { collected.screens.insert(popup.name) }
        }
    }

    /// The button an input presses on the screen in front, worked out on a copy of its form.
    func pressed(_ event: TerminalEvent, on state: AppState) {
        let screen = state.active
        var id: String?
        switch event {
        case .key(let key):
            if var form = screen.form, case .activate(let pressed) = form.handle(key) { id = pressed }
        case .submitForm(_, let action):
            id = action
        default:
            break
        }
        guard let id else { return }
        lock.withLock { collected.buttons.insert("\(screen.name): \(screen.coverageButton(id))") }
    }
}
