import AuthEngine
import Headless
import CursesTerminal
import Foundation
import Synchronization
import TerminalCore
import TerminalView

/// The interactive loop: keys and engine answers become events, `Update.update` makes the
/// state and effects, the frame is drawn when it changed. Engine calls run on a worker
/// thread so the screen keeps drawing while the KDF runs.
final class TerminalRuntime {
    private let engine: AuthEngine
    private let backend: CursesBackend
    private var state: AppState
    private let answers = Inbox()
    private let worker = DispatchQueue(label: "ccass-terminal.engine")

    /// The trainer's side panels (phone and inbox), when the presenter view was asked for.
    private let sidePanels: SidePanels?
    private var phoneRows: [PhoneView.Row] = []
    private var inboxRows: [PresenterView.InboxRow] = []
    /// The asciicast recording, if asked for (--record).
    var recorder: CastRecorder?

    init(engine: AuthEngine, console: Console, backend: CursesBackend, sidePanels: SidePanels? = nil, hours: ServiceHours?,
         trainer: Bool = false, connectivityTest: ConnectivitySession? = nil) {
        self.engine = engine
        self.backend = backend
        self.sidePanels = sidePanels
        state = AppState(console: console, phase: engine.phase, now: engine.clock.now(), size: backend.size,
                         policyName: engine.policy.name)
        state.size = terminalSize(for: backend.size)
        state.hours = hours
        state.trainer = trainer
        state.connectivityTest = connectivityTest
        if sidePanels != nil, !presenting(backend.size) {
            state.message = .info("The presenter view needs a window of at least \(PresenterView.minimumColumns) columns; showing the terminal alone.")
        }
    }

    private func presenting(_ window: Size) -> Bool {
        sidePanels != nil && window.columns >= PresenterView.minimumColumns
    }

    /// The part of the window the terminal screens get.
    private func terminalSize(for window: Size) -> Size {
        presenting(window) ? PresenterView.terminalSize(in: window) : window
    }

    /// Runs until the operator leaves (Ctrl-C) or a stop signal arrives; returns the signal, if any.
    func run() -> Int32? {
        var drawn: Canvas?
        var lastTick = Int(state.now.timeIntervalSince1970)
        while !state.quitting {
            if let signal = backend.takeStopSignal() {
                apply(.key(.interrupt))
                return signal
            }
            for event in answers.take() { apply(event) }
            let now = engine.clock.now()
            if Int(now.timeIntervalSince1970) != lastTick || (sidePanels != nil && drawn == nil) {
                lastTick = Int(now.timeIntervalSince1970)
                apply(.tick(now: now, phase: engine.phase))
                refreshTrainerNotes()
                if let sidePanels, presenting(backend.size) {
                    phoneRows = sidePanels.phone(now)
                    inboxRows = sidePanels.inbox()
                }
            }
            let window = backend.size
            let canvas = presenting(window)
                ? PresenterView.render(state, phone: phoneRows, inbox: inboxRows, size: window)
                : Renderer.render(state)
            if canvas != drawn {
                backend.draw(canvas)
                drawn = canvas
                record(window)
            }
            if var event = backend.nextEvent(timeout: state.pending == nil ? 200 : 30) {
                if event == .key(.redraw) { backend.invalidate(); drawn = nil }
                if case .resize(let window) = event {
                    event = .resize(terminalSize(for: window))
                    drawn = nil
                }
                apply(event)
            }
        }
        return nil
    }

    private func apply(_ event: Event) {
        for effect in Update.update(&state, event) {
            switch effect {
            case .quit:
                state.quitting = true
            case .advanceClock(let interval):
                (engine.clock as? ShiftableClock)?.advance(by: interval)
                apply(.tick(now: engine.clock.now(), phase: engine.phase))
                refreshTrainerNotes()
            case .engine(let id, let request):
                let engine = self.engine
                worker.async { [answers] in
                    let result = EngineEffects.perform(request, on: engine)
                    answers.post(.engine(id: id, result))
                }
            }
        }
    }

    /// The same frame with every secret hidden, into the recording.
    private func record(_ window: Size) {
        guard let recorder else { return }
        var redacted = state
        redacted.redactSecrets = true
        recorder.frame(presenting(window)
            ? PresenterView.render(redacted, phone: phoneRows, inbox: inboxRows, size: window)
            : Renderer.render(redacted))
    }

    /// The trainer's panel for the account on screen (read from the store once a second).
    private func refreshTrainerNotes() {
        guard state.trainer else { return }
        let notes: [String]
        if let userID = state.currentUserID, userID.count == 8 {
            notes = (try? engine.trainerNotes(userID: userID)) ?? []
        } else {
            notes = []
        }
        if notes != state.trainerNotes { apply(.trainerNotes(notes)) }
    }

    /// Waits for engine calls still running (such as a flow being cancelled) before exit.
    func finish() { worker.sync {} }
}

/// Engine answers waiting for the main loop.
final class Inbox: Sendable {
    private let events = Mutex<[Event]>([])

    func post(_ event: Event) { events.withLock { $0.append(event) } }

    func take() -> [Event] {
        events.withLock { events in
            defer { events = [] }
            return events
        }
    }
}

/// Where the presenter view reads the phone and the inbox from, once a second.
struct SidePanels {
    var phone: (Date) -> [PhoneView.Row]
    var inbox: () -> [PresenterView.InboxRow]
}
