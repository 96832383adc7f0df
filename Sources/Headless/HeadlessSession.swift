import AuthEngine
import Foundation
import TerminalCore
import TerminalView

/// The program without a terminal: the same state machine and view, engine calls made inline,
/// time from a virtual clock. Scenario runs and tests drive it.
public final class HeadlessSession {
    public let engine: AuthEngine
    /// The engine's clock; scenario runs use a virtual one and move it.
    public var clock: any Clock { engine.clock }
    public private(set) var state: AppState
    public private(set) var quit = false

    public init(engine: AuthEngine, console: Console, size: Size, hours: ServiceHours? = .shipped) {
        self.engine = engine
        state = AppState(console: console, phase: engine.phase, now: engine.clock.now(), size: size, policyName: engine.policy.name)
        state.hours = hours
    }

    /// Applies an event and every engine answer it leads to, in order.
    public func send(_ event: Event) {
        var queue = [event]
        while !queue.isEmpty {
            for effect in Update.update(&state, queue.removeFirst()) {
                switch effect {
                case .quit:
                    quit = true
                case .advanceClock(let interval):
                    (clock as? VirtualClock)?.advance(by: interval)
                    (clock as? ShiftableClock)?.advance(by: interval)
                    queue.append(.tick(now: clock.now(), phase: engine.phase))
                case .engine(let id, let request):
                    let result = EngineEffects.perform(request, on: engine)
                    if request.awaitsResult { queue.append(.engine(id: id, result)) }
                }
            }
        }
    }

    public func press(_ key: Key) { send(.key(key)) }

    /// Lets the screens see the time (the plain terminal calls it before each prompt).
    public func tick() { send(.tick(now: clock.now(), phase: engine.phase)) }

    /// Fills the current form's fields and presses one of its buttons, as a line-based
    /// front end does.
    public func submit(fields: [String: String], button id: String) {
        guard var form = state.currentForm else { return }
        // Typed as at the keyboard, so the field's own rules apply (capitals, digits only, length).
        for (label, text) in fields {
            form.update(label) { field in
                field.clear()
                _ = field.insert(text)
            }
        }
        form.focus(on: id)
        state.currentForm = form
        press(.enter)
    }

    /// Runs the session as a connectivity test's (set before the first key).
    public func setConnectivityTest(_ session: ConnectivitySession?) { state.connectivityTest = session }

    public func type(_ text: String) { for character in text { send(.key(.character(character))) } }

    /// Moves the virtual clock and lets the screens see it.
    public func advance(by interval: TimeInterval) {
        (clock as? VirtualClock)?.advance(by: interval)
        send(.tick(now: clock.now(), phase: engine.phase))
    }

    public func setClock(_ date: Date) {
        (clock as? VirtualClock)?.set(date)
        send(.tick(now: clock.now(), phase: engine.phase))
    }

    public var canvas: Canvas { Renderer.render(state) }
    public var screenText: String { canvas.text }
}
