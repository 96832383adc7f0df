import CTerminalGuard
import Foundation
import SafeIO
import TerminalCore
import TerminalView
#if canImport(Glibc)
import Glibc
#endif

/// `--plain`: the program as line-by-line prompts, with no cursor movement and no box
/// drawing, for screen readers, pipes and expect scripts. Password prompts do not echo. A
/// report (the User Profile Listing) is printed whole.
public final class PlainBackend: TerminalBackend {
    public let size = Size(columns: 80, rows: 24)
    private var shown = ""
    private var prompt: Prompt?
    /// Piped answers are not echoed: a screen after a prompt starts on a new line.
    private var afterPrompt = false
    private let input: FileHandle
    private let output: StandardStream
    /// Set when a write failed (a full disk, a closed stream): the program ends with it as its
    /// error instead of going on talking to no one.
    public private(set) var failure: StreamFailure?
    /// A stop signal (SIGTERM, SIGHUP, SIGINT) that arrived while waiting for a line.
    private var stopSignal: Int32?
    /// What ends the wait when no line came: the signal, or the end of input.
    private var ended: [TerminalEvent] { [stopSignal.map(TerminalEvent.signal) ?? .endOfInput] }

    public init(input: FileHandle = .standardInput, output: StandardStream = .output) {
        self.input = input
        self.output = output
    }

    public func draw(_ frame: Frame) {
        prompt = frame.prompt
        var text = Self.plainText(frame.canvas)
        if let document = frame.document {
            text = document.joined(separator: "\n") + (frame.message.map { "\n\n" + $0 } ?? "")
        }
        if text != shown {
            say(text)
            shown = text
        }
    }

    public func invalidate() { shown = "" }
    public func wake() { ccass_guard_wake() }

    public func wait(timeout: TimeInterval?) -> [TerminalEvent] {
        if failure != nil { return [.endOfInput] }
        guard let prompt else { return ended }
        if prompt.fields.isEmpty, prompt.actions.isEmpty {
            return menu(prompt)
        }
        var fields: [FieldID: String] = [:]
        for field in prompt.fields {
            // A field that holds something shows it; an empty answer keeps it.
            let shown = field.value.isEmpty ? "" : " [\(field.value)]"
            guard let value = ask("\(field.label)\(shown): ", echo: !field.masked) else { return ended }
            if !(value.isEmpty && !field.value.isEmpty) { fields[field.id] = value }
        }
        guard !prompt.actions.isEmpty else { return [.submitForm(fields: fields, action: "")] }
        var choice = prompt.actions[0].id
        if prompt.actions.count > 1 || !fields.isEmpty {
            let list = prompt.actions.enumerated().map { "\($0.offset + 1)) \($0.element.label)" }.joined(separator: "  ")
            guard let answer = ask("\(list)  b) back  q) quit [1]: ") else { return ended }
            switch answer {
            case "q": return [.endOfInput]
            case "b": return [.key(.escape)]
            case "": break
            default:
                guard let n = Int(answer), prompt.actions.indices.contains(n - 1) else {
                    say("Please answer with a number from 1 to \(prompt.actions.count), b or q.")
                    return []
                }
                choice = prompt.actions[n - 1].id
            }
        }
        return [.submitForm(fields: fields, action: choice)]
    }

    private func menu(_ prompt: Prompt) -> [TerminalEvent] {
        let extra = prompt.keys.map { ", \($0.key) for \($0.label)" }.joined()
        let range = prompt.choices > 0 ? "1-\(prompt.choices)" : "nothing"
        guard let answer = ask("Choose \(range)\(extra), or q to quit: ") else { return ended }
        if answer == "q" { return [.endOfInput] }
        if let key = prompt.keys.first(where: { String($0.key) == answer.lowercased() }) { return [.key(.character(key.key))] }
        guard let n = Int(answer), (1...max(1, prompt.choices)).contains(n), prompt.choices > 0 else {
            say("Please answer with a number from 1 to \(prompt.choices)\(prompt.keys.map { ", \($0.key)" }.joined()) or q.")
            return []
        }
        return [.key(.character(Character(String(n))))]
    }

    /// The frame as plain lines: no box drawing, no field underlines, no blank runs.
    public static func plainText(_ canvas: Canvas) -> String {
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

    private var interactive: Bool { isatty(input.fileDescriptor) == 1 }

    private func say(_ text: String) {
        let lead = afterPrompt && !interactive ? "\n" : ""
        afterPrompt = false
        send(lead + text + "\n")
    }

    /// Everything shown goes through the door for standard output (made safe, checked).
    private func send(_ text: String) {
        guard failure == nil else { return }
        do {
            try output.write(text)
        } catch {
            failure = error as? StreamFailure ?? StreamFailure(stream: output.name, code: EIO)
        }
    }

    /// Reads one line; with `echo` false on a terminal, what is typed is not shown.
    private func ask(_ prompt: String, echo: Bool = true) -> String? {
        if afterPrompt, !interactive { send("\n") }
        send(prompt)
        if failure != nil { return nil }
        afterPrompt = true
        var saved = termios()
        let hide = !echo && interactive && tcgetattr(input.fileDescriptor, &saved) == 0
        if hide {
            var quiet = saved
            quiet.c_lflag &= ~tcflag_t(ECHO)
            tcsetattr(input.fileDescriptor, TCSANOW, &quiet)
        }
        let line = readLine(from: input)
        if hide {
            tcsetattr(input.fileDescriptor, TCSANOW, &saved)
            send("\n")
        }
        return line?.trimmingCharacters(in: .whitespaces)
    }

    /// One line from the input, byte by byte so nothing after it is consumed; nil at the end of
    /// input or when a stop signal arrives (kept in `stopSignal`).
    private func readLine(from handle: FileHandle) -> String? {
        var bytes: [UInt8] = []
        var byte: UInt8 = 0
        while true {
            let signal = ccass_guard_take_stop_signal()
            if signal != 0 {
                stopSignal = signal
                return nil
            }
            // Waits on the input and the wake pipe, so a signal ends the wait at once.
            guard ccass_guard_wait(handle.fileDescriptor, -1) == 1 else { continue }
            let count = read(handle.fileDescriptor, &byte, 1)
            if count < 0, errno == EINTR { continue }
            guard count == 1 else { return bytes.isEmpty ? nil : String(decoding: bytes, as: UTF8.self) }
            if byte == 10 { return String(decoding: bytes, as: UTF8.self) }
            if byte != 13 { bytes.append(byte) }
        }
    }
}
