import AuthDomain
import Foundation
import TerminalCore
import TerminalProgram
import TerminalView

/// The emulated terminal as a program on the loop: the screens' state, and around it what
/// the window adds (the presenter's phone and inbox panels, the trainer's panel).
public struct TerminalModel: ProgramModel {
    public var state: AppState
    /// The whole window; the screens get all of it, or the left part when presenting.
    public var window: Size
    /// The presenter's side panels, when asked for (--presenter).
    public var panels: Panels?

    public struct Panels: Equatable, Sendable {
        public var phone: [PhoneView.Row] = []
        public var phoneFirst = 0
        public var inbox: [InboxView.Row] = []
        /// In a narrow window, the panel shown full screen instead of the terminal (F2, F3).
        public var fullScreen: Side?
        /// A narrow window flips to the panels on keys instead of saying they need 120 columns.
        public var flips = false
        /// An account just scanned, to bring into view when the phone is next read.
        public var reveal: String?
        /// Whose phone and inbox these are, over them.
        public var title = "Trainer's view"
        public init() {}
    }

    public typealias Side = Panel

    /// Why the store could not be opened, once it is known: the program ends and says so.
    public var failure: String?
    /// The notice shown while the store opens, cleared when it is open.
    var startupNotice: StatusMessage?

    /// The runner carries out the screens' effects and the program's own work alike.
    public typealias Command = Effect

    public enum Message: Sendable {
        case event(Event)
        case panels(phone: [PhoneView.Row], inbox: [InboxView.Row])
        /// What a long first start is doing ("Creating the demo data").
        case opening(String)
        /// The phone learnt the account (its label), or could not.
        case scanned(Result<String, ScanFailure>)
        /// The store is open; the session is the engine's (its policy is the store's).
        case opened(SessionEnvironment)
        case failed(String)
        /// The trainer reset this seat or deleted its class while it was open.
        case seatChanged(SeatChange)
    }

    /// A class seat follows its class while open (`class reset`, `class delete`).
    public var followsSeat = false

    /// `flipping`: the phone and the inbox beside the terminal when the window is wide enough,
    /// else a key away (a class seat); `presenting`: beside it, or not at all.
    public init(state: AppState, window: Size, presenting: Bool = false, flipping: Bool = false, panelTitle: String? = nil) {
        self.state = state
        self.window = window
        panels = presenting || flipping ? Panels() : nil
        panels?.flips = flipping
        if let panelTitle { panels?.title = panelTitle }
        self.state.phoneAtHand = panels != nil
        self.state.phoneBeside = isPresenting
        self.state.size = screenSize
        self.state.panelKeys = flipping && !isPresenting
        if presenting, !flipping, !isPresenting {
            self.state.message = .aside("The presenter view needs a window of at least \(PresenterView.minimumColumns) columns; showing the terminal alone.")
        }
    }

    /// The phone and the inbox are beside the terminal: the window is wide enough, and the screen
    /// does not need the whole of it (REGISTER DEVICE's QR code gets the room it needs).
    var isPresenting: Bool { panels != nil && window.columns >= PresenterView.minimumColumns && !panelsYield }

    /// REGISTER DEVICE's QR code fits the whole window but not the terminal's part of it: the
    /// panels step aside while it is shown.
    var panelsYield: Bool {
        guard panels != nil, window.columns >= PresenterView.minimumColumns, case .registerDevice(let register) = state.screen,
              let needed = RegisterDeviceScreen.neededSize(register.registration, trainer: state.trainer) else { return false }
        let part = PresenterView.terminalSize(in: window)
        let fitsPart = part.columns >= needed.columns && part.rows >= needed.rows
        return !fitsPart && window.columns >= needed.columns && window.rows >= needed.rows
    }

    /// The part of the window the terminal screens get.
    var screenSize: Size { isPresenting ? PresenterView.terminalSize(in: window) : window }

    private mutating func update(_ event: Event) -> [Command] {
        var effects = Update.update(&state, event)
        // The screens' part of the window follows what is on screen (the panels step aside for
        // REGISTER DEVICE's QR code, and come back after it).
        if state.size != screenSize {
            state.phoneBeside = isPresenting
            effects += Update.update(&state, .resize(screenSize))
        }
        return effects
    }

    public mutating func start() -> [Command] {
        var commands: [Command] = [.openStore]
        if panels != nil { commands.append(.loadPanels) }
        if state.trainer { commands.append(.loadTrainerNotes(state.currentUserID)) }
        return commands
    }

    public mutating func input(_ event: TerminalEvent) -> [Command] {
        switch event {
        case .key(let key):
            // A panel over the whole window takes the keys (PanelKeys); else the session's keys
            // for the panels (SessionKeys), then the screens.
            if let panels, let side = panels.fullScreen {
                return flip(key, from: side)
            }
            switch SessionKeys.table(state).action(for: key) {
            case .flipPanel?:
                panels?.fullScreen = Self.side(for: key)
                return []
            case .scanWithPhone?:
                guard case .registerDevice(let register) = state.screen else { return [] }
                state.message = .aside("The phone scans the QR code…")
                return [.scan(uri: register.registration.uri)]
            case .scrollPhone?:
                scrollPhone(key)
                return []
            default:
                return update(.key(key)) + trainerRefresh
            }
        case .paste(let text):
            return update(.paste(text)) + trainerRefresh
        case .resize(let size):
            window = size
            if isPresenting { panels?.fullScreen = nil }
            state.panelKeys = panels?.flips == true && !isPresenting
            state.phoneBeside = isPresenting
            return update(.resize(screenSize))
        case .submitForm(let fields, let action):
            return update(.submitForm(fields: fields, action: action)) + trainerRefresh
        case .endOfInput, .signal:
            return update(.key(.interrupt))
        case .clockMoved:
            return []
        }
    }

    static func side(for key: Key) -> Side? {
        switch key {
        case .function(2): .phone
        case .function(3): .inbox
        default: nil
        }
    }

    /// A key while a panel is over the whole window, through its table (`PanelKeys`): F2 and F3
    /// show the other panel or go back, Esc goes back to the terminal, the arrows and
    /// PgUp/PgDn scroll the phone; Ctrl-C still quits.
    private mutating func flip(_ key: Key, from side: Side) -> [Command] {
        switch PanelKeys.fullScreen(side).action(for: key) {
        case .flipPanel?:
            let wanted = Self.side(for: key)
            panels?.fullScreen = side == wanted ? nil : wanted
        case .back?:
            panels?.fullScreen = nil
        case .scrollPhone?:
            scrollPhone(key)
        case .quit?:
            return update(.key(key))
        default:
            break
        }
        return []
    }

    /// The phone moves by one account with Up/Down, by a page with PgUp/PgDn, everywhere.
    private mutating func scrollPhone(_ key: Key) {
        let first = panels?.phoneFirst ?? 0
        let step = [Key.pageUp, .pageDown].contains(key) ? PanelKeys.phonePage : 1
        let count = panels?.phone.count ?? 0
        panels?.phoneFirst = min(max(0, count - 1), max(0, first + ([.down, .pageDown].contains(key) ? step : -step)))
    }

    /// The trainer's panel follows the account on screen.
    private var trainerRefresh: [Command] { state.trainer ? [.loadTrainerNotes(state.currentUserID)] : [] }

    public mutating func receive(_ message: Message) -> [Command] {
        switch message {
        case .event(let event):
            let commands = update(event)
            if case .engine = event { return commands + trainerRefresh }
            return commands
        case .panels(let phone, let inbox):
            panels?.phone = phone
            panels?.inbox = inbox
            if let label = panels?.reveal, let index = phone.firstIndex(where: { $0.label == label }) {
                panels?.phoneFirst = index
                panels?.reveal = nil
            }
            return []
        case .scanned(.success(let label)):
            panels?.reveal = label
            state.message = .aside("The phone now shows \(label): select LOGIN USING VERIFICATION CODE and type its code.", kind: .success)
            return []
        case .scanned(.failure(let failure)):
            state.message = .aside("The phone could not read the QR code: \(failure.reason).", kind: .error)
            return []
        case .opening(let text):
            startupNotice = .aside(text)
            state.message = startupNotice
            return []
        case .opened(let environment):
            // From now on the session is the engine's (the same value, unless the store's policy differs).
            state.environment = environment
            // The start-up notice goes unless another message has replaced it.
            if let notice = startupNotice, state.message == notice { state.message = nil }
            startupNotice = nil
            return []
        case .failed(let reason):
            failure = reason
            return []
        case .seatChanged(.reset(let notice)):
            // Whatever was on screen belonged to accounts that are now as at the start.
            state.show(LandingScreen(console: state.console, phase: state.phase))
            state.message = .warning(notice)
            panels?.fullScreen = nil
            return (panels != nil ? [.loadPanels] : []) + trainerRefresh
        case .seatChanged(.closed(let notice)):
            failure = notice
            return []
        }
    }

    public mutating func tick(_ now: Date) -> [Command] {
        var commands = update(.tick(now: now, phase: state.environment.phase(at: now)))
        if panels != nil { commands.append(.loadPanels) }
        if followsSeat { commands.append(.followSeat) }
        commands += trainerRefresh
        return commands
    }

    /// The title shows the minute; a countdown on screen, the trainer's panel and the
    /// presenter's phone need every second. Nothing else wakes an idle terminal.
    public func nextTick(after now: Date) -> Date? {
        let minute = Date(timeIntervalSince1970: ((now.timeIntervalSince1970 + 0.000_001) / 60).rounded(.up) * 60)
        var next = minute
        if state.trainer || panels != nil || followsSeat {
            next = Date(timeIntervalSince1970: (now.timeIntervalSince1970 + 0.000_001).rounded(.up))
        }
        for screen in [state.screen, state.popup].compactMap({ $0 }) {
            if let change = screen.model.nextChange(after: now), change < next { next = change }
        }
        return next
    }

    public var isFinished: Bool { state.quitting || failure != nil }

    public func frame(size: Size) -> Frame {
        let terminal = Renderer.render(state)
        let canvas: Canvas
        if isPresenting, let panels {
            canvas = PresenterView.render(terminal: terminal, phone: panels.phone, phoneFirst: panels.phoneFirst, inbox: panels.inbox,
                                          size: window, redact: state.redactSecrets, title: panels.title)
        } else if let panels, let side = panels.fullScreen {
            canvas = PresenterView.fullScreen(side == .phone ? .phone : .inbox, phone: panels.phone, phoneFirst: panels.phoneFirst,
                                              inbox: panels.inbox, now: state.now, size: window, redact: state.redactSecrets)
        } else {
            canvas = terminal
        }
        return Frame(canvas: canvas, prompt: prompt, document: state.active.document, message: state.message?.text)
    }

    /// The frame as a recording shows it: every secret hidden.
    public var redactedCanvas: Canvas {
        var hidden = self
        hidden.state.redactSecrets = true
        return hidden.frame(size: window).canvas
    }

    /// What a line-based front end asks, screen by screen: the landing menu, or the form's
    /// fields and actions (a listing's document is printed whole beside it).
    var prompt: Prompt? {
        switch state.active {
        case .landing(let landing):
            return Prompt(choices: landing.options.count, keys: [(LandingScreen.verificationKey, "the connectivity verification")])
        case .logon, .channelSetup, .registerDevice, .potentialRisk, .emailOTP, .appOTP, .passwordExpired, .smartcard, .loggedOn,
             .connectivityVerification, .maintainUserProfile, .userProfile, .userProfileListing, .forgotResetPassword, .changePassword,
             .authenticationSettings:
            guard let form = state.currentForm else { return nil }
            var fields: [Prompt.Field] = []
            for item in form.items {
                if case .field(let field) = item { fields.append(Prompt.Field(field.id, masked: field.isMasked, value: field.text)) }
            }
            return Prompt(fields: fields, actions: form.actions)
        }
    }
}

/// What the trainer did to an open seat's class, and what the seat says.
public enum SeatChange: Sendable, Equatable {
    /// `class reset`: the seat goes back to the landing page and says why.
    case reset(String)
    /// `class delete`: the seat ends with this.
    case closed(String)
}
