import AuthEngine
import Foundation
import Headless
import TerminalCore
import TerminalView
#if canImport(Glibc)
import Glibc
#endif

/// `--plain`: the same flows as line-by-line prompts, with no cursor movement and no box
/// drawing, for screen readers, pipes and expect scripts. Password prompts do not echo.
final class PlainRuntime {
    private let session: HeadlessSession
    /// Piped answers are not echoed: a screen after a prompt starts on a new line.
    private var afterPrompt = false

    init(session: HeadlessSession) { self.session = session }

    func run() {
        var shown = ""
        while !session.quit {
            session.tick()
            let text = Self.plainText(session.canvas)
            if text != shown {
                say(text)
                shown = text
            }
            guard step() else { return }
        }
    }

    /// One prompt and its answer; false at the end of input or on quit.
    private func step() -> Bool {
        let state = session.state
        guard let form = state.currentForm else {
            guard case .landing(let landing) = state.screen else { return false }
            guard let answer = ask("Choose 1-\(landing.options.count), or q to quit: ") else { return false }
            if answer == "q" { return false }
            guard let n = Int(answer), (1...landing.options.count).contains(n) else {
                say("Please answer with a number from 1 to \(landing.options.count).")
                return true
            }
            session.press(.character(Character(String(n))))
            return true
        }
        var fields: [String: String] = [:]
        for item in form.items {
            guard case .field(let field) = item else { continue }
            guard let value = ask("\(field.label): ", echo: !field.isMasked) else { return false }
            fields[field.label] = value
        }
        let buttons = form.items.compactMap { item -> (id: String, label: String)? in
            if case .button(let id, let label) = item { return (id, label) }
            return nil
        }
        guard !buttons.isEmpty else { return true }
        var choice = buttons[0].id
        if buttons.count > 1 || !fields.isEmpty {
            let list = buttons.enumerated().map { "\($0.offset + 1)) \($0.element.label)" }.joined(separator: "  ")
            guard let answer = ask("\(list)  b) back  q) quit [1]: ") else { return false }
            switch answer {
            case "q": return false
            case "b":
                session.press(.escape)
                return true
            case "": break
            default:
                guard let n = Int(answer), buttons.indices.contains(n - 1) else {
                    say("Please answer with a number from 1 to \(buttons.count), b or q.")
                    return true
                }
                choice = buttons[n - 1].id
            }
        }
        session.submit(fields: fields, button: choice)
        return true
    }

    /// The frame as plain lines: no box drawing, no field underlines, no blank runs.
    static func plainText(_ canvas: Canvas) -> String {
        let boxes = Set("─│┌┐└┘")
        var lines: [String] = []
        for line in canvas.lines.dropLast() {
            let plain = String(line.map { boxes.contains($0) ? " " : $0 })
                .replacingOccurrences(of: "_", with: "")
                .trimmingCharacters(in: .whitespaces)
            if plain.isEmpty, lines.last?.isEmpty ?? true { continue }
            lines.append(plain)
        }
        while lines.last?.isEmpty == true { lines.removeLast() }
        return lines.joined(separator: "\n")
    }

    private func say(_ text: String) {
        let lead = afterPrompt && isatty(STDIN_FILENO) != 1 ? "\n" : ""
        afterPrompt = false
        FileHandle.standardOutput.write(Data((lead + text + "\n").utf8))
    }

    /// Reads one line; with `echo` false on a terminal, what is typed is not shown.
    private func ask(_ prompt: String, echo: Bool = true) -> String? {
        if afterPrompt, isatty(STDIN_FILENO) != 1 { FileHandle.standardOutput.write(Data("\n".utf8)) }
        FileHandle.standardOutput.write(Data(prompt.utf8))
        afterPrompt = true
        var saved = termios()
        let hide = !echo && isatty(STDIN_FILENO) == 1 && tcgetattr(STDIN_FILENO, &saved) == 0
        if hide {
            var quiet = saved
            quiet.c_lflag &= ~tcflag_t(ECHO)
            tcsetattr(STDIN_FILENO, TCSANOW, &quiet)
        }
        let line = readLine(strippingNewline: true)
        if hide {
            tcsetattr(STDIN_FILENO, TCSANOW, &saved)
            FileHandle.standardOutput.write(Data("\n".utf8))
        }
        return line?.trimmingCharacters(in: .whitespaces)
    }
}
