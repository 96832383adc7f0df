import Foundation
import TerminalCore
import TerminalView

/// What a backend reads from the terminal (or a script) for the program.
public enum TerminalEvent: Equatable, Sendable {
    case key(Key)
    case paste(String)
    case resize(Size)
    /// SIGTERM, SIGHUP or SIGINT arrived: the program ends cleanly.
    case signal(Int32)
    /// A line-based front end filled the form and pressed a button (plain mode).
    case submitForm(fields: [FieldID: String], action: String)
    /// The clock was moved from outside (a scenario's `advance`): tick now.
    case clockMoved
    /// No more input will come (a closed pipe, the end of a script).
    case endOfInput
}

/// What a line-based front end asks for: the fields to fill and the actions to choose from,
/// or a numbered menu.
public struct Prompt: Equatable, Sendable {
    public struct Field: Equatable, Sendable {
        public var id: FieldID
        public var label: String { id.label }
        public var masked: Bool
        /// What the field holds now (shown, and kept when the answer is empty); never a secret.
        public var value: String
        public init(_ id: FieldID, masked: Bool, value: String = "") {
            self.id = id
            self.masked = masked
            self.value = masked ? "" : value
        }
    }

    public var fields: [Field]
    /// Buttons and toggles, by id and label.
    public var actions: [(id: String, label: String)]
    /// A menu without a form (the landing page): how many numbered choices, and other keys.
    public var choices: Int
    public var keys: [(key: Character, label: String)]

    public init(fields: [Field] = [], actions: [(id: String, label: String)] = [], choices: Int = 0, keys: [(key: Character, label: String)] = []) {
        self.fields = fields
        self.actions = actions
        self.choices = choices
        self.keys = keys
    }

    public static func == (a: Prompt, b: Prompt) -> Bool {
        a.fields == b.fields && a.actions.map(\.id) == b.actions.map(\.id) && a.actions.map(\.label) == b.actions.map(\.label)
            && a.choices == b.choices && a.keys.map(\.key) == b.keys.map(\.key)
    }
}

/// One frame: the cells, and for front ends without cells, the prompt and a document to
/// print whole.
public struct Frame: Equatable, Sendable {
    public var canvas: Canvas
    public var prompt: Prompt?
    /// A scrolling text (a report) that a line-based front end prints whole.
    public var document: [String]?
    /// The status line's text, for a front end that prints the document instead of the cells.
    public var message: String?

    public init(canvas: Canvas, prompt: Prompt? = nil, document: [String]? = nil, message: String? = nil) {
        self.canvas = canvas
        self.prompt = prompt
        self.document = document
        self.message = message
    }
}

/// A terminal the program runs on: ncurses, a recording test double, plain lines.
public protocol TerminalBackend: AnyObject {
    var size: Size { get }
    /// Shows a frame (only the cells that changed, where the backend can).
    func draw(_ frame: Frame)
    /// Waits for input for at most `timeout` seconds (nil: until something comes) and returns
    /// what arrived; returns early, possibly with nothing, when `wake()` is called.
    func wait(timeout: TimeInterval?) -> [TerminalEvent]
    /// Interrupts a `wait` from any thread (an engine answer arrived).
    func wake()
    /// Forget what is on screen: the next draw repaints everything (Ctrl-L).
    func invalidate()
}
