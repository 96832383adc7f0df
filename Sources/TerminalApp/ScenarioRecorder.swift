import AuthDomain
import AuthEngine
import Authenticator
import Foundation
import TerminalCore
import TerminalProgram

/// Writes a live session as a scenario file while it runs (`--record-scenario FILE`): the exact
/// inverse of `ScenarioWorld.action`, writing only steps a replay carries out the same way.
///
/// - The header (`ScenarioHeader.lines`) from the session; keys as `key`, text typed into a
///   field as `type`, pastes as `paste`, window changes as `size`.
/// - A code typed into a code field is `otp app USER` or `otp email ADDRESS` only when it is the
///   code the phone or the inbox gives (the replay has its own seeds and codes, never the
///   digits); any other code is typed as it was, so a wrong code stays wrong.
/// - Time that passed (the operator's pace, the trainer's F5-F8) is `advance`, to the
///   millisecond, so the replay's clock is the session's: expiries, countdowns and the times
///   messages quote come out the same.
/// - REGISTER DEVICE is `scan` (the replay's phone learns its own key).
/// - The emulated system's messages are `expect`; the program's own remarks (asides: the
///   trainer's clock, the phone beside the terminal) are not, since a replay has neither.
/// - Keys the session's loop drops (Enter or Esc typed ahead again), the trainer's and the
///   panels' keys and Ctrl-L are not steps.
public final class ScenarioRecorder {
    /// What the recorder asks of the world to tell a right code from a wrong one.
    public struct Oracle: Sendable {
        /// The codes the phone gives an account now (one step either side, as the engine allows).
        public var appCodes: @Sendable (_ userID: String, _ at: Date) -> [String]
        /// The address of a user and the newest code in its inbox.
        public var email: @Sendable (_ userID: String) -> (address: String, code: String?)?

        public init(appCodes: @escaping @Sendable (String, Date) -> [String],
                    email: @escaping @Sendable (String) -> (address: String, code: String?)?) {
            self.appCodes = appCodes
            self.email = email
        }

        /// The world of a scenario run, or of a session on a data directory (its phone and Maildirs).
        public static func reading(directory: URL, engine: @escaping @Sendable () -> AuthEngine?) -> Oracle {
            Oracle(
                appCodes: { userID, at in
                    (try? ScenarioRecorder.phoneCodes(directory: directory, account: userID, at: at)) ?? []
                },
                email: { userID in
                    guard let address = (try? engine()?.account(userID))??.email else { return nil }
                    let code = (try? Mailbox(root: directory.appendingPathComponent("mail")).messages(for: address))?.first?.otp
                    return (address, code)
                })
        }
    }

    private let write: (String) -> Void
    private let oracle: Oracle
    private let now: () -> Date
    /// The session's time the file has reached: its header's clock plus every `advance` written.
    private var written: Date
    private var typed = ""
    private var expected: String?
    private var lastMessage: StatusMessage?
    private var lastSize: Size
    /// What was typed into a code field, kept until the field is left: its keys, and the code
    /// entry it was for.
    private var code: (entry: CodeEntry, keys: [Input], text: String)?
    /// The last applied input written.
    private var lastSequence = 0
    /// The enrolments REGISTER DEVICE showed: a code typed from them is `otp app`.
    private var registrations: [String: OTPAuthURI] = [:]

    public init(header: ScenarioHeader, write: @escaping (String) -> Void, oracle: Oracle, now: @escaping () -> Date) {
        self.write = write
        self.oracle = oracle
        self.now = now
        // The file's clock is the header's, to the second; the rest is the first `advance`.
        written = HongKongTime.parse(ScenarioHeader.clockText(header.start)) ?? header.start
        lastSize = header.size
        write("# Recorded by ccass-terminal --record-scenario; replay with: ccass-terminal scenario FILE")
        header.lines.forEach(write)
    }

    /// An input as it arrives, with the state it arrives in. Only the trainer's clock keys
    /// matter here (the clock is about to move: what came before is written first); every other
    /// input is written as the screens were given it (`frame`).
    public func input(_ event: TerminalEvent, in state: AppState) {
        guard case .key(let key) = event, SessionKeys.table(state).action(for: key) == .trainerClock else { return }
        drain(state)
        closeCode()
        flushTyped()
        settleExpectation()
        writeElapsed()
    }

    /// A frame was drawn: the inputs the screens were given since the last one, the terminal's
    /// new size, a new message of the system to expect at the next step, a new enrolment on
    /// REGISTER DEVICE to scan.
    public func frame(_ state: AppState) {
        drain(state)
        if state.size != lastSize {
            lastSize = state.size
            step("size \(state.size.columns)x\(state.size.rows)")
        }
        if let message = state.message, message != lastMessage, !message.isAside { expected = message.text }
        if state.message == nil || state.message != lastMessage { lastMessage = state.message }
        if case .registerDevice(let register) = state.screen, registrations[register.registration.uri] == nil,
           let uri = try? OTPAuthURI(parsing: register.registration.uri) {
            registrations[register.registration.uri] = uri
            step("scan")
        }
    }

    /// The inputs applied since the last look, in the order the screens got them: keys typed
    /// ahead come after the answer they waited for, and the repeats the loop dropped not at all.
    private func drain(_ state: AppState) {
        for applied in state.appliedInputs.value where applied.sequence > lastSequence {
            lastSequence = applied.sequence
            write(applied)
        }
    }

    private func write(_ applied: AppliedInput) {
        let inCodeField: Bool = if let field = applied.field, case .digits = field.kind, applied.codeEntry != nil { true } else { false }
        switch applied.input {
        case .key(let key) where inCodeField && isCodeKey(key):
            keep(applied)
        case .paste where inCodeField:
            keep(applied)
        case .key(.character(let c)) where c != " " || applied.field != nil:
            closeCode()
            settleExpectation()
            // The time before the typing began; the time it took goes before the next step.
            if typed.isEmpty { writeElapsed() }
            typed.append(c)
        case .key(let key):
            step("key \(key.name)")
        case .paste(let text):
            step("paste \(Self.argument(text))")
        }
    }

    /// Writes what is still pending (the code or text being typed, the last message, the time
    /// that passed since the last step).
    public func finish() {
        closeCode()
        flushTyped()
        settleExpectation()
        writeElapsed()
    }

    // MARK: Steps

    private func step(_ line: String) {
        closeCode()
        flushTyped()
        settleExpectation()
        writeElapsed()
        write(line)
    }

    private func flushTyped() {
        guard !typed.isEmpty else { return }
        write("type \(Self.argument(typed))")
        typed = ""
    }

    /// Text as a step's argument: quoted when the line would lose or misread it (blanks at
    /// either end, a quote at the start), as `Scenario` reads it back.
    static func argument(_ text: String) -> String {
        guard text.first == " " || text.last == " " || text.first == "\"" || text.first == "\t" || text.last == "\t" else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    private func settleExpectation() {
        guard let text = expected else { return }
        flushTyped()
        expected = nil
        write("expect \"\(text.replacingOccurrences(of: "\"", with: "\\\""))\"")
    }

    /// Time the session's clock moved since the file last caught up, as `advance` in whole
    /// seconds: the replay's clock is the session's to the second at every step (the header's
    /// clock is to the second too), so the times on screen and in messages come out the same.
    private func writeElapsed() {
        let elapsed = (now().timeIntervalSince1970.rounded(.down) - written.timeIntervalSince1970).rounded(.down)
        guard elapsed >= 1 else { return }
        written = written.addingTimeInterval(elapsed)
        write("advance \(Int(elapsed))s")
    }

    // MARK: Codes

    /// Keys that stay in a code field (digits and its editing keys); any other ends the code.
    private func isCodeKey(_ key: Key) -> Bool {
        switch key {
        case .character(let c): c.isNumber
        case .backspace, .delete, .left, .right, .home, .end, .clearField: true
        default: false
        }
    }

    /// An input into a code field: kept (with the text the field will hold) until the field is
    /// left.
    private func keep(_ applied: AppliedInput) {
        guard let entry = applied.codeEntry, var field = applied.field else { return }
        if code == nil {
            flushTyped()
            settleExpectation()
            writeElapsed()
            code = (entry, [], field.text)
        }
        code?.keys.append(applied.input)
        switch applied.input {
        case .key(let key):
            if !field.edit(key), case .character(let c) = key { _ = field.insert(String(c)) }
        case .paste(let text):
            _ = field.insert(text)
        }
        code?.text = field.text
    }

    /// The code field was left: the code the world gives is `otp`; anything else is typed as it
    /// was, key by key.
    private func closeCode() {
        guard let (entry, keys, text) = code else { return }
        code = nil
        // Digits typed or pasted as they are (no editing): the code the world gives is `otp`.
        let plainDigits = keys.allSatisfy {
            switch $0 {
            case .key(.character(let c)): c.isNumber
            case .paste(let text): text.allSatisfy(\.isNumber)
            case .key: false
            }
        }
        if plainDigits, let step = otpStep(entry, text) {
            write(step)
            return
        }
        var digits = ""
        for input in keys {
            switch input {
            case .key(.character(let c)): digits.append(c)
            case .key(let key):
                if !digits.isEmpty { write("type \(digits)"); digits = "" }
                write("key \(key.name)")
            case .paste(let pasted):
                if !digits.isEmpty { write("type \(digits)"); digits = "" }
                write("paste \(Self.argument(pasted))")
            }
        }
        if !digits.isEmpty { write("type \(digits)") }
    }

    /// `otp app USER` or `otp email ADDRESS` when `text` is the code the phone or the inbox gives.
    private func otpStep(_ entry: CodeEntry, _ text: String) -> String? {
        guard !text.isEmpty else { return nil }
        switch entry.source {
        case .app:
            let at = now()
            let fromScreen = registrations.values.filter { $0.account == entry.userID }.flatMap { uri in
                [-1, 0, 1].compactMap { try? uri.generator.totp(secret: uri.secret, at: at.addingTimeInterval(Double($0 * uri.period))) }
            }
            return (fromScreen + oracle.appCodes(entry.userID, at)).contains(text) ? "otp app \(entry.userID)" : nil
        case .email:
            guard let (address, newest) = oracle.email(entry.userID), newest == text else { return nil }
            return "otp email \(address)"
        }
    }

    /// The phone's codes for an account at a moment and one step either side.
    static func phoneCodes(directory: URL, account: String, at date: Date) throws -> [String] {
        let phone = try Phone.load(directory: directory)
        let uri = try phone.entries[phone.index(of: account)].parsed
        guard uri.kind == .totp else { return [] }
        return try [-1, 0, 1].map { try uri.generator.totp(secret: uri.secret, at: date.addingTimeInterval(Double($0 * uri.period))) }
    }
}
