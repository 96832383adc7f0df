/// A checkbox or a radio button: Space turns it, Enter presses the form's default button.
public struct Toggle: Equatable, Sendable {
    public enum Style: Equatable, Sendable { case checkbox, radio }
    public var id: String
    public var label: String
    public var isOn: Bool
    public var style: Style

    public init(id: String, label: String, isOn: Bool = false, style: Style = .checkbox) {
        self.id = id
        self.label = label
        self.isOn = isOn
        self.style = style
    }

    /// "[x] label" or "(•) label".
    public var display: String {
        switch style {
        case .checkbox: "[\(isOn ? "x" : " ")] \(label)"
        case .radio: "(\(isOn ? "•" : " ")) \(label)"
        }
    }
}

/// One focusable thing on a screen: a field to type in, a button to press, or a toggle.
public enum FormItem: Equatable, Sendable {
    case field(TextField)
    case button(id: String, label: String)
    case toggle(Toggle)

    /// A button named by its screen's `Button` enumeration (what the coverage report counts).
    public static func button<B: RawRepresentable>(_ button: B, label: String) -> FormItem where B.RawValue == String {
        .button(id: button.rawValue, label: label)
    }

    public var isField: Bool { if case .field = self { return true } else { return false } }

    /// The item's id: a field's (`FieldID`), a button's or a toggle's.
    public var key: String {
        switch self {
        case .field(let f): f.id.rawValue
        case .button(let id, _): id
        case .toggle(let t): t.id
        }
    }
}

/// What a key did to a form.
public enum FormAction: Equatable, Sendable {
    case none
    /// A button was pressed (or Enter in a field that submits to it).
    case activate(String)
    /// A toggle was turned (Space); its new state is in the form.
    case toggled(String)
    /// A key the focused field cannot take, and why.
    case message(String)
    case escape
}

/// The fields, buttons and toggles of a screen or pop-up, with the focus. Tab / Shift-Tab /
/// Up / Down move; Space turns a toggle (or presses a button); Enter presses the focused
/// button, moves on from a field, or from the last field (or a toggle) presses `submit`;
/// Ctrl-U empties a field.
public struct Form: Equatable, Sendable {
    public var items: [FormItem]
    public var focus: Int
    /// The button Enter in the last field or on a toggle presses.
    public var submit: String?

    public init(_ items: [FormItem], submit: String? = nil, focus: Int = 0) {
        self.items = items
        self.submit = submit
        self.focus = min(focus, max(0, items.count - 1))
    }

    /// A form whose focus starts on the item with this id.
    public init(_ items: [FormItem], submit: String? = nil, focusOn key: String) {
        self.init(items, submit: submit)
        focus(on: key)
    }

    public func field(_ id: FieldID) -> TextField? {
        for item in items { if case .field(let f) = item, f.id == id { return f } }
        return nil
    }

    public func text(_ id: FieldID) -> String { field(id)?.text ?? "" }

    public func toggle(_ id: String) -> Toggle? {
        for item in items { if case .toggle(let t) = item, t.id == id { return t } }
        return nil
    }

    public func isOn(_ id: String) -> Bool { toggle(id)?.isOn ?? false }

    public mutating func update(_ id: FieldID, _ change: (inout TextField) -> Void) {
        for index in items.indices {
            if case .field(var f) = items[index], f.id == id {
                change(&f)
                items[index] = .field(f)
            }
        }
    }

    public mutating func set(_ id: FieldID, _ text: String) { update(id) { $0.set(text) } }

    public mutating func clear(_ id: FieldID) { update(id) { $0.clear() } }

    public mutating func setToggle(_ id: String, _ isOn: Bool) {
        for index in items.indices {
            if case .toggle(var t) = items[index], t.id == id {
                t.isOn = isOn
                items[index] = .toggle(t)
            }
        }
    }

    /// The focus on the button or toggle with this id (a field is focused by its `FieldID`).
    public mutating func focus(on key: String) {
        if let index = items.firstIndex(where: { !$0.isField && $0.key == key }) { focus = index }
    }

    public mutating func focus(on field: FieldID) {
        if let index = items.firstIndex(where: { if case .field(let f) = $0 { f.id == field } else { false } }) { focus = index }
    }

    public var focusedItem: FormItem? { items.indices.contains(focus) ? items[focus] : nil }

    /// The ids of the buttons and toggles, in order (plain mode offers them as choices).
    public var actions: [(id: String, label: String)] {
        items.compactMap { item in
            switch item {
            case .field: nil
            case .button(let id, let label): (id, label)
            case .toggle(let t): (t.id, t.display)
            }
        }
    }

    public mutating func handle(_ key: Key) -> FormAction {
        guard !items.isEmpty else { return key == .escape ? .escape : .none }
        switch key {
        case .tab, .down:
            focus = (focus + 1) % items.count
            return .none
        case .backTab, .up:
            focus = (focus + items.count - 1) % items.count
            return .none
        case .escape:
            return .escape
        case .enter:
            switch items[focus] {
            case .button(let id, _):
                return .activate(id)
            case .toggle:
                return submit.map(FormAction.activate) ?? .none
            case .field:
                let lastField = items.lastIndex(where: \.isField)
                if focus == lastField, let submit { return .activate(submit) }
                focus = (focus + 1) % items.count
                return .none
            }
        case .character(" ") where !items[focus].isField:
            if case .toggle(var t) = items[focus] {
                t.isOn = t.style == .radio && t.isOn ? false : !t.isOn
                items[focus] = .toggle(t)
                return .toggled(t.id)
            }
            if case .button(let id, _) = items[focus] { return .activate(id) }
            return .none
        default:
            guard case .field(var field) = items[focus] else {
                // Left/Right move between buttons like Shift-Tab/Tab.
                if key == .left { return handle(.backTab) }
                if key == .right { return handle(.tab) }
                // A character typed on a button goes to the field it was meant for: the nearest
                // field before the button (the OTP before SUBMIT OTP), which takes the focus.
                if case .character = key, let target = fieldBefore(focus) {
                    focus = target
                    return handle(key)
                }
                return .none
            }
            defer { items[focus] = .field(field) }
            if field.edit(key) { return .none }
            if case .character(let c) = key, let refused = field.insert(String(c)) { return .message(refused) }
            return .none
        }
    }

    /// The nearest field before an item, else the first field.
    func fieldBefore(_ index: Int) -> Int? {
        items.indices.prefix(index).last { items[$0].isField } ?? items.firstIndex(where: \.isField)
    }

    /// Pasted text lands in the focused field (on a button: the field before it, as typing does).
    public mutating func paste(_ text: String) -> FormAction {
        if !(focusedItem?.isField ?? false), let target = fieldBefore(focus) { focus = target }
        guard case .field(var field) = focusedItem else { return .none }
        let refused = field.insert(text)
        items[focus] = .field(field)
        return refused.map(FormAction.message) ?? .none
    }

    mutating func handle(_ input: Input) -> FormAction {
        switch input {
        case .key(let key): return handle(key)
        case .paste(let text): return paste(text)
        }
    }
}
