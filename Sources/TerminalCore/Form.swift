/// One focusable thing on a screen: a field to type in, or a button to press.
public enum FormItem: Equatable, Sendable {
    case field(TextField)
    case button(id: String, label: String)

    public var isField: Bool { if case .field = self { return true } else { return false } }
}

/// What a key did to a form.
public enum FormAction: Equatable, Sendable {
    case none
    /// A button was pressed (or Enter in a field that submits to it).
    case activate(String)
    case message(String)
    case escape
}

/// The fields and buttons of a screen or pop-up, with the focus. Tab / Shift-Tab / arrows
/// move; Enter presses the focused button, or moves on from a field, or from the last field
/// presses `submit`.
public struct Form: Equatable, Sendable {
    public var items: [FormItem]
    public var focus: Int
    /// The button Enter in the last field presses.
    public var submit: String?

    public init(_ items: [FormItem], submit: String? = nil, focus: Int = 0) {
        self.items = items
        self.submit = submit
        self.focus = min(focus, max(0, items.count - 1))
    }

    public func field(_ label: String) -> TextField? {
        for item in items { if case .field(let f) = item, f.label == label { return f } }
        return nil
    }

    public func text(_ label: String) -> String { field(label)?.text ?? "" }

    public mutating func update(_ label: String, _ change: (inout TextField) -> Void) {
        for index in items.indices {
            if case .field(var f) = items[index], f.label == label {
                change(&f)
                items[index] = .field(f)
            }
        }
    }

    public mutating func clear(_ label: String) { update(label) { $0.clear() } }

    public mutating func focus(on labelOrID: String) {
        if let index = items.firstIndex(where: {
            switch $0 {
            case .field(let f): f.label == labelOrID
            case .button(let id, _): id == labelOrID
            }
        }) { focus = index }
    }

    public var focusedItem: FormItem? { items.indices.contains(focus) ? items[focus] : nil }

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
            case .field:
                let lastField = items.lastIndex(where: \.isField)
                if focus == lastField, let submit { return .activate(submit) }
                focus = (focus + 1) % items.count
                return .none
            }
        default:
            guard case .field(var field) = items[focus] else {
                // Typing on a button: left/right move like Shift-Tab/Tab.
                if key == .left { return handle(.backTab) }
                if key == .right { return handle(.tab) }
                return .none
            }
            defer { items[focus] = .field(field) }
            if field.edit(key) { return .none }
            if case .character(let c) = key {
                if let refused = field.insert(String(c)) { return .message(refused) }
            }
            return .none
        }
    }

    /// Pasted text lands in the focused field.
    public mutating func paste(_ text: String) -> FormAction {
        guard case .field(var field) = focusedItem else { return .none }
        let refused = field.insert(text)
        items[focus] = .field(field)
        return refused.map(FormAction.message) ?? .none
    }
}
