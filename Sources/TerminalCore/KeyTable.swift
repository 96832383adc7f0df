/// Which keys a binding takes.
public enum KeyPattern: Equatable, Hashable, Sendable {
    case key(Key)
    /// Any printable character: typing into a field.
    case characters
    /// A digit from 1 to 9: a numbered choice.
    case digits

    public func matches(_ key: Key) -> Bool {
        switch (self, key) {
        case (.key(let bound), _): bound == key
        case (.characters, .character): true
        case (.digits, .character(let c)): ("1"..."9").contains(c)
        default: false
        }
    }
}

/// What a key does on a screen. Every screen dispatches its keys through its table of these,
/// so a screen only ever receives the actions it declared.
public enum KeyAction: Equatable, Sendable {
    /// The form: move the focus, press or turn what is focused, type and edit a field.
    case form
    /// Esc: the screen's way back (or out of a pop-up).
    case back
    /// A numbered option, or the focused one (the landing page).
    case choose
    /// Move the focus between options (the landing page).
    case moveFocus
    /// The landing page's V: the connectivity verification.
    case verifyConnectivity
    /// Scroll a report: lines, pages, columns, to the top or the bottom.
    case scroll
    // The session's keys around the screens (`SessionKeys`); no screen is given these.
    /// The trainer's F5-F8: move the clock.
    case trainerClock
    /// F2, F3: the phone or the inbox over the whole window, and back (a seat at 80 columns).
    case flipPanel
    /// F4 on REGISTER DEVICE: the phone beside the terminal scans the QR code.
    case scanWithPhone
    /// PgUp, PgDn: scroll the phone beside the terminal (when the screen does not take them).
    case scrollPhone
    case quit
    case redraw
}

/// One binding of a key table: the keys, what they do, and how the key-hint line, `--help`
/// and README name them, from this one declaration.
public struct KeyBinding: Equatable, Sendable {
    public var keys: [KeyPattern]
    public var action: KeyAction
    /// The keys as the hint line names them: "Tab", "1-3", "↑↓ PgUp PgDn".
    public var label: String
    /// What they do in a word or two ("move", "back"); empty: taken but not on the hint line
    /// (typing and editing).
    public var help: String
    /// What they do in a sentence, for README's key table and `--help`.
    public var detail: String

    public init(_ keys: [KeyPattern], _ action: KeyAction, label: String, help: String, detail: String = "") {
        self.keys = keys
        self.action = action
        self.label = label
        self.help = help
        self.detail = detail.isEmpty ? help : detail
    }

    public init(_ keys: [Key], _ action: KeyAction, label: String, help: String, detail: String = "") {
        self.init(keys.map(KeyPattern.key), action, label: label, help: help, detail: detail)
    }

    /// "Tab move", as the hint line shows it; nil when the binding is not hinted.
    public var hint: String? { help.isEmpty ? nil : "\(label) \(help)" }

    public func matches(_ key: Key) -> Bool { keys.contains { $0.matches(key) } }
}

/// A screen's keys: the first binding that takes a key says what it does; a key no binding
/// takes does nothing.
public struct KeyTable: Equatable, Sendable {
    public var bindings: [KeyBinding]

    public init(_ bindings: [KeyBinding]) { self.bindings = bindings }

    public func action(for key: Key) -> KeyAction? { bindings.first { $0.matches(key) }?.action }

    /// The hinted bindings, in order.
    public var hints: [String] { bindings.compactMap(\.hint) }

    /// Whether a key does something here.
    public func takes(_ key: Key) -> Bool { action(for: key) != nil }

    // MARK: The form's keys, shared by every screen with a form

    /// Tab, Shift-Tab and the arrows move (hinted where there is somewhere to move); Enter
    /// selects; Space turns a check box (hinted only where there is one); typing and the editing
    /// keys work in the focused field; Esc does what `back` says (nil: Esc does nothing here).
    public static func form(_ form: Form?, back: String?, backDetail: String = "") -> KeyTable {
        var bindings = [
            KeyBinding([.tab, .backTab, .up, .down], .form, label: "Tab", help: (form?.items.count ?? 0) > 1 ? "move" : "",
                       detail: "move between fields, buttons and check boxes (Shift-Tab, Up and Down too)"),
            KeyBinding([.enter], .form, label: "Enter", help: "select",
                       detail: "press the focused button; in the last field or on a check box, press the form's main button"),
        ]
        let toggles = form?.items.contains { if case .toggle = $0 { true } else { false } } ?? false
        bindings.append(KeyBinding([.character(" ")], .form, label: "Space", help: toggles ? "toggle" : "",
                                   detail: "turn a check box or radio button (on a button: press it)"))
        bindings.append(KeyBinding([.characters] + [Key.backspace, .delete, .home, .end, .left, .right, .clearField].map(KeyPattern.key),
                                   .form, label: "typing", help: "",
                                   detail: "type into the field; Backspace, Delete, Home, End, Left, Right edit it, Ctrl-U empties it"))
        if let back { bindings.append(KeyBinding([.escape], .back, label: "Esc", help: back, detail: backDetail)) }
        return KeyTable(bindings)
    }
}

/// The keys of the session around the screens, the same whatever the screen: the trainer's
/// clock, the phone and the inbox of a seat or a presenter, redrawing and quitting. They are
/// looked up before the screen's own table (the phone's PgUp/PgDn only where the screen does
/// not take them), so no key is claimed twice.
public enum SessionKeys {
    public static func table(_ state: AppState) -> KeyTable {
        var bindings: [KeyBinding] = []
        if state.panelKeys {
            bindings.append(KeyBinding([.function(2)], .flipPanel, label: "F2", help: "phone", detail: "the phone over the whole window, and back"))
            bindings.append(KeyBinding([.function(3)], .flipPanel, label: "F3", help: "inbox", detail: "the inbox over the whole window, and back"))
        }
        if state.phoneAtHand, state.popup == nil, case .registerDevice = state.screen {
            bindings.append(KeyBinding([.function(4)], .scanWithPhone, label: "F4", help: "scan with the phone",
                                       detail: "on REGISTER DEVICE: the phone beside the terminal scans the QR code"))
        }
        if state.phoneBeside, !state.active.keys(state.context).takes(.pageDown) {
            bindings.append(KeyBinding([.pageUp, .pageDown], .scrollPhone, label: "PgUp PgDn", help: "phone",
                                       detail: "scroll the phone beside the terminal, \(PanelKeys.phonePage) accounts at a time"))
        }
        if state.trainer {
            bindings.append(KeyBinding(AppState.trainerSteps.keys.sorted().map { Key.function($0) }, .trainerClock, label: "F5-F8",
                                       help: "clock", detail: "the trainer's clock: F5 +1 min, F6 +5 min, F7 +30 min, F8 +90 days"))
        }
        bindings.append(KeyBinding([.redraw], .redraw, label: "Ctrl-L", help: "", detail: "redraw the screen"))
        bindings.append(KeyBinding([.interrupt], .quit, label: "Ctrl-C", help: "quit", detail: "leave; the terminal is always restored"))
        return KeyTable(bindings)
    }
}

/// The phone and the inbox shown for a seat or a presenter.
public enum Panel: Equatable, Sendable { case phone, inbox }

/// The keys of the phone and the inbox when one of them fills the window (a seat at 80
/// columns), and of the phone program (`authenticator`): one table each, which both dispatches
/// and writes the hint line.
public enum PanelKeys {
    /// PgUp/PgDn move the phone by this many accounts, beside the terminal and on its own alike.
    public static let phonePage = 3

    public static func fullScreen(_ panel: Panel) -> KeyTable {
        let other: Panel = panel == .phone ? .inbox : .phone
        func key(_ side: Panel) -> Key { side == .phone ? .function(2) : .function(3) }
        var bindings = [
            KeyBinding([key(panel)], .flipPanel, label: panel == .phone ? "F2" : "F3", help: "back to the terminal",
                       detail: "the key that showed the panel goes back to the terminal"),
            KeyBinding([key(other)], .flipPanel, label: other == .phone ? "F2" : "F3", help: other == .phone ? "phone" : "inbox",
                       detail: "the other key shows the other panel"),
        ]
        if panel == .phone {
            bindings.append(KeyBinding([.up, .down, .pageUp, .pageDown], .scrollPhone, label: "↑↓ PgUp PgDn", help: "scroll",
                                       detail: "scroll the phone: one account, or \(phonePage) at a time"))
        }
        bindings.append(KeyBinding([.escape], .back, label: "Esc", help: "back", detail: "back to the terminal"))
        bindings.append(KeyBinding([.interrupt], .quit, label: "Ctrl-C", help: "quit", detail: "leave; the terminal is always restored"))
        return KeyTable(bindings)
    }

    /// `ccass-terminal authenticator` on a terminal.
    public static let phoneProgram = KeyTable([
        KeyBinding([.up, .down, .pageUp, .pageDown], .scrollPhone, label: "↑↓ PgUp PgDn", help: "scroll",
                   detail: "scroll the phone: one account, or \(phonePage) at a time"),
        KeyBinding([.character("q"), .escape, .interrupt], .quit, label: "q", help: "quit", detail: "leave (Esc and Ctrl-C too)"),
    ])

    /// How the phone's list names its scroll keys where it is shown ("more below (↓ PgDn)").
    public static func phoneScrollNames(beside: Bool) -> (up: String, down: String) {
        beside ? ("PgUp", "PgDn") : ("↑ PgUp", "↓ PgDn")
    }
}
