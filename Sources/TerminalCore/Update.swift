import AuthDomain
import Foundation

/// The only place the state changes: `update(&state, event)` returns the effects to run. Input
/// goes to the pop-up, else the screen; what they ask for comes back as `ScreenCommand`s,
/// applied here; an engine answer goes to the screen that asked, and to no other.
public enum Update {
    public static func update(_ state: inout AppState, _ event: Event) -> [Effect] {
        switch event {
        case .resize(let size):
            state.size = size
            // Keys typed while the window was too small waited for it to grow: now they apply.
            guard size.isLargeEnough, state.pending == nil else { return [] }
            var effects: [Effect] = []
            while state.pending == nil, !state.typeahead.isEmpty, !state.quitting {
                effects += handle(&state, state.typeahead.removeFirst())
            }
            return effects
        case .tick(let now, let phase):
            state.now = now
            if phase != state.phase {
                state.phase = phase
                if case .landing = state.screen { state.show(LandingScreen(console: state.console, phase: phase)) }
            }
            return []
        case .engine(let id, let answer):
            return receive(&state, id: id, answer)
        case .trainerNotes(let notes):
            state.trainerNotes = notes
            return []
        case .clockNotMoved(let reason):
            state.trainerClockNote = "Trainer: the clock was not moved: \(reason)."
            return []
        case .key(let key):
            // The session's keys first (SessionKeys), then the screen's own table.
            switch SessionKeys.table(state).action(for: key) {
            case .trainerClock?:
                guard case .function(let n) = key, let (interval, label) = AppState.trainerSteps[n] else { return [] }
                state.trainerClockNote = "Trainer: clock \(label)."
                return [.advanceClock(interval)]
            case .quit?:
                return apply([.quit], &state)
            case .redraw?, .flipPanel?, .scanWithPhone?, .scrollPhone?:
                // Redrawing is the backend's; the panels are the program's around the screens.
                return []
            case .form?, .back?, .choose?, .moveFocus?, .verifyConnectivity?, .scroll?, nil:
                state.trainerClockNote = nil
                return input(&state, .key(key))
            }
        case .paste(let text):
            return input(&state, .paste(text))
        case .submitForm(let fields, let action):
            return submit(&state, fields: fields, action: action)
        }
    }

    /// A key or a paste: kept for later while the engine works or the window is too small to
    /// show what it does (type-ahead), else handled now.
    private static func input(_ state: inout AppState, _ input: Input) -> [Effect] {
        if state.pending != nil || !state.size.isLargeEnough {
            if state.typeahead.count < 512 { state.typeahead.append(input) }
            return []
        }
        return handle(&state, input)
    }

    private static func handle(_ state: inout AppState, _ input: Input) -> [Effect] {
        if state.logsInputs { log(input, &state) }
        let context = state.context
        if var popup = state.popup {
            let commands = popup.handle(input, context)
            state.popup = popup
            return apply(commands, from: state.instances.value.popup, &state)
        }
        var screen = state.screen
        let commands = screen.handle(input, context)
        state.screen = screen
        return apply(commands, from: state.instances.value.screen, &state)
    }

    /// Keeps the input with the field it goes into (the last 256).
    private static func log(_ input: Input, _ state: inout AppState) {
        var field: TextField?
        if case .field(let focused)? = state.currentForm?.focusedItem { field = focused }
        let sequence = (state.appliedInputs.value.last?.sequence ?? 0) + 1
        state.appliedInputs.value.append(AppliedInput(sequence: sequence, input: input, field: field, codeEntry: state.active.codeEntry))
        if state.appliedInputs.value.count > 256 { state.appliedInputs.value.removeFirst(state.appliedInputs.value.count - 256) }
    }

    /// Fills the current form as typing would, then presses a button or turns a toggle.
    private static func submit(_ state: inout AppState, fields: [FieldID: String], action: String) -> [Effect] {
        guard state.pending == nil, var form = state.currentForm else { return [] }
        for (id, text) in fields {
            form.update(id) { field in
                field.clear()
                _ = field.insert(text)
            }
        }
        form.focus(on: action)
        let isToggle = form.toggle(action) != nil
        state.currentForm = form
        return handle(&state, .key(isToggle ? .character(" ") : .enter))
    }

    /// An engine answer: to the screen or pop-up that asked, then the keys typed meanwhile.
    private static func receive(_ state: inout AppState, id: Int, _ answer: EngineAnswer) -> [Effect] {
        guard let pending = state.pending, pending.id == id else { return [] }
        state.pending = nil
        var effects: [Effect]
        let context = state.context
        let instances = state.instances.value
        if var popup = state.popup, instances.popup == pending.owner {
            let commands = popup.receive(answer, of: pending.call, context)
            state.popup = popup
            effects = apply(commands, from: instances.popup, &state)
        } else if instances.screen == pending.owner {
            var screen = state.screen
            let commands = screen.receive(answer, of: pending.call, context)
            state.screen = screen
            effects = apply(commands, from: instances.screen, &state)
        } else {
            // The screen that asked is gone: whatever the answer opened is closed again.
            effects = answer.opened.map { .engine(id: 0, AnyEngineCall($0)) }
        }
        return effects + replayTypeahead(&state)
    }

    /// Keys typed while waiting, in order. Enter and Esc pressed again before anything else
    /// are the same submission repeated (or impatience), not a new one: they are dropped.
    private static func replayTypeahead(_ state: inout AppState) -> [Effect] {
        while let first = state.typeahead.first, first == .key(.enter) || first == .key(.escape) {
            state.typeahead.removeFirst()
        }
        var effects: [Effect] = []
        while state.pending == nil, !state.typeahead.isEmpty, !state.quitting {
            effects += handle(&state, state.typeahead.removeFirst())
        }
        return effects
    }

    /// Carries out what a screen asked for.
    static func apply(_ commands: [ScreenCommand], from owner: Int = -1, _ state: inout AppState) -> [Effect] {
        var effects: [Effect] = []
        for command in commands {
            switch command {
            case .show(let screen):
                state.show(screen)
                effects += appear(&state, popup: false)
            case .open(let popup):
                state.open(popup)
                effects += appear(&state, popup: true)
            case .close:
                state.popup = nil
            case .closeToLogIn(let userID):
                state.popup = nil
                if var form = state.screen.form, form.field(.password) != nil {
                    form.set(.userID, userID)
                    form.clear(.password)
                    form.focus(on: .password)
                    state.screen.form = form
                }
            case .message(let message):
                state.message = message
            case .call(let call, let label):
                guard state.pending == nil else { continue }
                let id = state.nextRequestID
                state.nextRequestID += 1
                state.pending = AppState.PendingCall(id: id, call: call, label: label, owner: owner)
                effects.append(.engine(id: id, call))
            case .send(let call):
                effects.append(.engine(id: 0, call))
            case .backToLogon(let userID):
                effects += endFlows(state)
                state.popup = nil
                let function = state.screen.model.function ?? (state.console == .dms ? .securityManagement : .onlineFunctions)
                if case .smartcard = state.screen {
                    state.show(SmartcardScreen(function: function, console: state.console))
                } else {
                    state.show(LogonScreen(function: function, userID: userID ?? "", focusOnPassword: userID != nil))
                }
            case .quit:
                guard !state.quitting else { continue }
                state.quitting = true
                effects += endFlows(state) + [.quit]
            }
        }
        return effects
    }

    /// A screen or pop-up just shown asks for what it needs.
    private static func appear(_ state: inout AppState, popup: Bool) -> [Effect] {
        let context = state.context
        if popup, var shown = state.popup {
            let commands = shown.appear(context)
            state.popup = shown
            return apply(commands, from: state.instances.value.popup, &state)
        }
        var shown = state.screen
        let commands = shown.appear(context)
        state.screen = shown
        return apply(commands, from: state.instances.value.screen, &state)
    }

    /// Flows and the logon the engine holds for the screen and pop-up, ended when they are
    /// left for good (Ctrl-C, a signal, the end of input, an ended session).
    static func endFlows(_ state: AppState) -> [Effect] {
        let screens = [state.screen.model] + (state.popup.map { [$0.model] } ?? [])
        return screens.flatMap(\.flows).map { .engine(id: 0, AnyEngineCall(.cancel($0))) }
            + screens.compactMap(\.logon).map { .engine(id: 0, AnyEngineCall(.logout($0))) }
    }
}

extension AppState {
    /// Replaces the screen (the pop-up closes) under a new instance number.
    public mutating func show(_ screen: Screen) {
        self.screen = screen
        popup = nil
        instances.value.screen = instances.value.next
        instances.value.next += 1
    }

    /// Opens a pop-up over the screen under a new instance number.
    public mutating func open(_ popup: Screen) {
        self.popup = popup
        instances.value.popup = instances.value.next
        instances.value.next += 1
    }
}
