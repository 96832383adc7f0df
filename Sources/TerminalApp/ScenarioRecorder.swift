import AuthDomain
import Foundation
import TerminalCore
import TerminalProgram

/// Writes a live session as a scenario file while it runs (`--record-scenario FILE`), so that
/// `ccass-terminal scenario FILE` replays it: the session's clock, console, phase and size as
/// header steps; keys as `key`, typed text as `type`; a one-time password typed into a code
/// field as `otp app USER` or `otp email ADDRESS` (never the digits, so the replay works at any
/// clock); REGISTER DEVICE as `scan` (never the key); trainer clock moves as `advance`; and the
/// message on screen when the operator acts next as `expect`.
public final class ScenarioRecorder {
    private let write: (String) -> Void
    /// The email address of a user ID, for `otp email` (the screen shows it masked).
    private let emailOf: (String) -> String?
    private var typed = ""
    private var expected: String?
    private var lastMessage: String?
    /// The code field already has its `otp` step: the digits that follow are not written.
    private var codeWritten = false
    private var scanned: Set<String> = []

    public init(header: [String], write: @escaping (String) -> Void, emailOf: @escaping (String) -> String?) {
        self.write = write
        self.emailOf = emailOf
        header.forEach(write)
    }

    /// The header a session starts with.
    public static func header(state: AppState, start: Date, phaseOverride: ServicePhase?, ignoreHours: Bool) -> [String] {
        var lines = ["# Recorded by ccass-terminal --record-scenario; replay with: ccass-terminal scenario FILE",
                     "size \(state.size.columns)x\(state.size.rows)",
                     "clock \(HongKongTime.format(start).dropLast(4))"]
        if state.console == .dms { lines.append("console dms") }
        if let phaseOverride { lines.append("phase \(phaseOverride.rawValue)") }
        if ignoreHours { lines.append("ignore-hours") }
        if let test = state.connectivityTest { lines.append("connectivity-test \(test.rawValue)") }
        return lines
    }

    /// An input, with the state it arrives in (before it is applied).
    public func input(_ event: TerminalEvent, in state: AppState) {
        switch event {
        case .key(.character(let c)) where c != " " || focusedField(state) != nil:
            if let entry = codeEntry(state) {
                if !codeWritten { step(otpStep(entry)) }
                codeWritten = true
            } else {
                settleExpectation()
                typed.append(c)
            }
        case .key(.function(let n)) where state.trainer && AppState.trainerSteps[n] != nil:
            step("advance \(Int(AppState.trainerSteps[n]!.0))s")
        case .key(.redraw), .clockMoved, .endOfInput, .signal, .submitForm:
            return
        case .key(let key):
            // Leaving or clearing a code field ends its `otp` step.
            if key == .clearField || key == .tab || key == .backTab || key == .enter || key == .escape { codeWritten = false }
            if key == .backspace || key == .delete, codeEntry(state) != nil { return }
            step("key \(key.name)")
        case .paste(let text):
            if let entry = codeEntry(state) {
                if !codeWritten { step(otpStep(entry)) }
                codeWritten = true
            } else {
                step("paste \(text)")
            }
        case .resize(let size):
            step("size \(size.columns)x\(size.rows)")
        }
    }

    /// A frame was drawn: a new message is what the next step expects; a device to register is
    /// scanned by the replay's phone.
    public func frame(_ state: AppState) {
        if let text = state.message?.text, text != lastMessage { expected = text }
        lastMessage = state.message?.text
        if case .registerDevice(let register) = state.screen, register.step == .scan,
           !scanned.contains(register.registration.uri) {
            scanned.insert(register.registration.uri)
            step("scan")
        }
    }

    /// Writes what is still pending (the last typed text and message).
    public func finish() {
        flushTyped()
        settleExpectation()
    }

    private func step(_ line: String) {
        flushTyped()
        settleExpectation()
        write(line)
    }

    private func flushTyped() {
        guard !typed.isEmpty else { return }
        write("type \(typed)")
        typed = ""
    }

    private func settleExpectation() {
        guard let text = expected else { return }
        flushTyped()
        expected = nil
        write("expect \"\(text.replacingOccurrences(of: "\"", with: "\\\""))\"")
    }

    private func focusedField(_ state: AppState) -> TextField? {
        if case .field(let field)? = state.currentForm?.focusedItem { return field }
        return nil
    }

    /// The code entry in front, when the focus is in its digits field.
    private func codeEntry(_ state: AppState) -> CodeEntry? {
        guard let field = focusedField(state), case .digits = field.kind else { return nil }
        return state.active.codeEntry
    }

    private func otpStep(_ entry: CodeEntry) -> String {
        switch entry.source {
        case .app: "otp app \(entry.userID)"
        case .email: "otp email \(emailOf(entry.userID) ?? entry.userID)"
        }
    }
}
