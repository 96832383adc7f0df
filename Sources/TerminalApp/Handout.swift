import AuthDomain
import Foundation
import TerminalCore
import TerminalView

/// A scenario as a step-by-step guide: its leading comments give the title and introduction,
/// each later comment starts a step, the inputs of a step are said in words, and the screen as
/// it stands at the end of the step is its picture. Made by running the scenario (every
/// `expect` checked), so a guide exists only for a flow that works. Secrets never appear:
/// passwords and codes are said as "the password", "the code", and the pictures are drawn as a
/// recording draws them (typed secrets, codes and the REGISTER DEVICE key hidden).
public struct Handout: Equatable, Sendable {
    public var name: String
    public var title: String
    public var introduction: String
    public var steps: [Step]

    public struct Step: Equatable, Sendable {
        /// a, b, c... as the package letters its steps.
        public var letter: String
        public var text: String
        public var actions: [String]
        /// The screen at the end of the step, as drawn for the handout (secrets hidden).
        public var screen: Canvas
    }

    public struct Failure: Error, CustomStringConvertible, Equatable {
        public var description: String
    }

    /// Runs the scenario and writes down its steps; a failing step is a `Failure` naming its line.
    public static func make(_ scenario: Scenario, runner: ScenarioRunner) throws -> Handout {
        var runner = runner
        // The state before each line (for the words) and the screen after it (the picture).
        var before: AppState?
        var observed: [(line: Scenario.Line, before: AppState?, after: AppState)] = []
        runner.observe = { state, line in
            observed.append((line, before, state))
            before = state
        }
        var firstState: AppState?
        runner.onFrame = { state in if firstState == nil { firstState = state } }
        let result = runner.run(scenario)
        if let failure = result.failure { throw Failure(description: "\(scenario.name): \(failure)") }

        let leading = scenario.comments[0] ?? []
        let introduction = leading.joined(separator: " ")
        var steps: [Step] = []
        // The state each step ends on: its picture is drawn once, from that.
        var ends: [AppState] = []
        for (index, entry) in observed.enumerated() {
            if index == 0 || scenario.comments[index] != nil {
                steps.append(Step(letter: letter(steps.count), text: index == 0 ? "" : (scenario.comments[index] ?? []).joined(separator: " "),
                                  actions: [], screen: Canvas(columns: 1, rows: 1)))
                ends.append(entry.after)
            }
            if let words = describe(entry.line.step, before: entry.before ?? firstState) {
                steps[steps.count - 1].actions.append(words)
            }
            ends[ends.count - 1] = entry.after
        }
        for (index, end) in ends.enumerated() {
            var hidden = end
            hidden.redactSecrets = true
            steps[index].screen = Renderer.render(hidden)
        }
        // A stretch that only sets the scene (console, clock) before the first comment is no
        // step, unless the flow has no other: then its screen is the handout's one picture.
        let acting = steps.filter { !$0.text.isEmpty || !$0.actions.isEmpty }
        if acting.isEmpty, var only = steps.last {
            only.text = "The screen"
            steps = [only]
        } else {
            steps = acting
        }
        for index in steps.indices {
            steps[index].letter = letter(index)
            steps[index].actions = merged(steps[index].actions)
        }
        return Handout(name: scenario.name, title: title(introduction, name: scenario.name), introduction: introduction, steps: steps)
    }

    static func letter(_ index: Int) -> String {
        let letters = Array("abcdefghijklmnopqrstuvwxyz")
        return index < letters.count ? String(letters[index]) : "\(letters[index / letters.count - 1])\(letters[index % letters.count])"
    }

    /// The first sentence of the introduction (to its first colon or full stop), else the file's name.
    static func title(_ introduction: String, name: String) -> String {
        let stops = [": ", ". ", " ("].compactMap { introduction.range(of: $0)?.lowerBound }
        let first = stops.min().map { String(introduction[..<$0]) } ?? introduction
        if !first.isEmpty, first.count <= 90 { return first }
        return URL(fileURLWithPath: name).deletingPathExtension().lastPathComponent.replacingOccurrences(of: "-", with: " ").capitalized
    }

    /// "Press Tab" three times in a row reads "Press Tab (3 times)".
    static func merged(_ actions: [String]) -> [String] {
        var out: [(String, Int)] = []
        for action in actions {
            if let last = out.last, last.0 == action { out[out.count - 1].1 += 1 } else { out.append((action, 1)) }
        }
        return out.map { $0.1 == 1 ? $0.0 : "\($0.0) (\($0.1) times)" }
    }

    /// A step of the file in words, as an operator would do it on the screen as it was; nil for
    /// what is not an input (the clock, the window, what is expected).
    static func describe(_ step: Scenario.Step, before state: AppState?) -> String? {
        let form = state?.currentForm
        let focused = form?.focusedItem
        switch step {
        case .type(let text):
            guard case .field(let field)? = focused else { return "Type \(quoted(text))" }
            if field.isMasked { return "Type the \(field.label.lowercased()) (not shown here)" }
            if case .digits = field.kind { return "Type the \(field.label)" }
            switch field.kind {
            case .userID, .email: return "Type \(text) as the \(field.label)"
            default: return "Type \(quoted(text)) in \(field.label)"
            }
        case .paste(let text): return "Paste \(quoted(text))"
        case .otpApp: return "Type the 6-digit code the authenticator app shows"
        case .otpEmail: return "Type the code from the email"
        case .scan: return "Scan the QR code with the authenticator app (tap +, then Scan QR Code)"
        case .advance(let interval): return "Wait \(duration(interval))"
        case .key(let key): return describe(key, focused: focused, state: state)
        case .size, .clock, .phase, .console, .ignoreHours, .connectivityTest, .expect, .expectNot, .snapshot: return nil
        }
    }

    static func describe(_ key: Key, focused: FormItem?, state: AppState?) -> String {
        if case .landing(let landing)? = state?.active, !landing.options.isEmpty {
            switch key {
            case .enter: return "Select \(Texts.label(landing.options[landing.focus]))"
            case .character(let c) where c.isNumber:
                if let n = Int(String(c)), landing.options.indices.contains(n - 1) { return "Select \(Texts.label(landing.options[n - 1])) (\(c))" }
            default: break
            }
        }
        switch (key, focused) {
        case (.enter, .button(_, let label)?), (.character(" "), .button(_, let label)?): return "Select \(label)"
        case (.character(" "), .toggle(let toggle)?):
            return toggle.style == .radio ? "Choose \(toggle.label)" : "\(toggle.isOn ? "Clear" : "Tick") \(toggle.label)"
        case (.enter, _):
            // What Enter does there is the form's to say (on a copy): the main button from the
            // last field or a toggle, else the focus moves on.
            guard var form = state?.currentForm else { return "Press Enter" }
            switch form.handle(.enter) {
            case .activate(let id):
                return form.actions.first { $0.id == id }.map { "Press Enter (\($0.label))" } ?? "Press Enter"
            default:
                if case .field(let next)? = form.focusedItem { return "Press Enter to go on to \(next.label)" }
                return "Press Enter"
            }
        default: return "Press \(key.name)"
        }
    }

    static func quoted(_ text: String) -> String { "“\(text)”" }

    static func duration(_ interval: TimeInterval) -> String {
        let seconds = Int(interval)
        if seconds % 86_400 == 0 { return seconds == 86_400 ? "a day" : "\(seconds / 86_400) days" }
        if seconds % 3600 == 0 { return seconds == 3600 ? "an hour" : "\(seconds / 3600) hours" }
        if seconds % 60 == 0 { return seconds == 60 ? "a minute" : "\(seconds / 60) minutes" }
        return "\(seconds) seconds"
    }
}
