import AuthDomain
import Foundation
import TerminalCore

/// A screen's or pop-up's view, an extension of its state type in Screens/. Its keys, and so
/// its part of the key-hint line, are the screen's own key table (TerminalCore).
public protocol Drawable {
    /// Draws into the content area (between the title lines and the status lines).
    func draw(_ canvas: inout Canvas, _ state: AppState, _ content: Rect)
}

/// `render(state)`: the frame for the state at its size. Pure.
public enum Renderer {
    public static func render(_ state: AppState) -> Canvas {
        var canvas = Canvas(columns: state.size.columns, rows: state.size.rows)
        guard state.size.isLargeEnough else {
            tooSmall(&canvas, state.size)
            return canvas
        }
        let top = frame(&canvas, state)
        let status = statusLines(state)
        let content = Rect(row: top, column: 0, width: state.size.columns, height: state.size.rows - 1 - status.count - top)
        draw(state.screen, &canvas, state, content)
        if let popup = state.popup {
            canvas.cursor = nil
            draw(popup, &canvas, state, content)
        }
        for (i, line) in status.enumerated() {
            canvas.text(" " + line.text, row: content.bottom + i, column: 0, role: line.role, width: state.size.columns)
        }
        hintLine(&canvas, state)
        return canvas
    }

    private static func draw(_ screen: Screen, _ canvas: inout Canvas, _ state: AppState, _ content: Rect) {
        view(of: screen).draw(&canvas, state, content)
    }

    /// Each screen's view: a screen without one does not compile.
    public static func view(of screen: Screen) -> any Drawable {
        switch screen {
        case .landing(let screen): screen
        case .logon(let screen): screen
        case .channelSetup(let screen): screen
        case .registerDevice(let screen): screen
        case .potentialRisk(let screen): screen
        case .emailOTP(let screen): screen
        case .appOTP(let screen): screen
        case .passwordExpired(let screen): screen
        case .smartcard(let screen): screen
        case .loggedOn(let screen): screen
        case .connectivityVerification(let screen): screen
        case .maintainUserProfile(let screen): screen
        case .userProfile(let screen): screen
        case .userProfileListing(let screen): screen
        case .forgotResetPassword(let screen): screen
        case .changePassword(let screen): screen
        case .authenticationSettings(let screen): screen
        }
    }

    static func tooSmall(_ canvas: inout Canvas, _ size: Size) {
        // A size is never split over two lines: its parts are joined by no-break spaces.
        func shown(_ size: Size) -> String { "\(size.columns)\u{00A0}x\u{00A0}\(size.rows)" }
        let text = "Please enlarge the window to at least \(shown(Size.minimum)) (it is \(shown(size)) now)."
        let lines = Widgets.wrap(text, width: max(1, size.columns - 2))
        let top = max(0, (size.rows - lines.count) / 2)
        for (i, line) in lines.enumerated() {
            canvas.text(line, row: top + i, column: max(0, (size.columns - DisplayWidth.of(line)) / 2), role: .error)
        }
    }

    /// Title bar with the address and the Hong Kong time, and the phase line (or the trainer's
    /// panel). Returns the first row of the content.
    static func frame(_ canvas: inout Canvas, _ state: AppState) -> Int {
        let width = state.size.columns
        canvas.fill(row: 0, column: 0, width: width, role: .title)
        let address = state.console == .dms ? Texts.dmsAddress : Texts.terminalAddress
        canvas.text(" \(state.title)  \(address)", row: 0, column: 0, role: .title)
        let time = String(HongKongTime.format(state.now).prefix(16)) + " HKT"
        canvas.text(time + " ", row: 0, column: width - time.count - 1, role: .title)
        if state.trainer {
            // The trainer's panel takes two lines under the title.
            var lines = state.trainerNotes.isEmpty ? ["Trainer: enter a User ID to see its counters."] : state.trainerNotes
            if let note = state.trainerClockNote { lines = [lines[0], note] }
            for i in 0..<2 {
                canvas.fill(row: 1 + i, column: 0, width: width, role: .info)
                if i < lines.count { canvas.text(" " + lines[i], row: 1 + i, column: 0, role: .info, width: width) }
            }
            return 4
        }
        if let session = state.connectivityTest {
            canvas.text(" " + session.title, row: 1, column: 0, role: .heading, width: width)
        } else {
            canvas.text(" " + phaseText(state.phase), row: 1, column: 0, role: .subtle)
        }
        return 2
    }

    static func phaseText(_ phase: ServicePhase) -> String {
        switch phase {
        case .smartcardOnly: "Smartcard logon only. Two-factor authentication launches on 12 June 2023."
        case .transition: "Two-factor authentication in service; smartcard logon ends on 4 September 2023."
        case .twoFactorOnly: "Two-factor authentication is the only logon method."
        }
    }

    /// The message (or the engine call in flight), wrapped whole above the key-hint line. The
    /// content area ends above it, so no box is ever drawn over it.
    static func statusLines(_ state: AppState) -> [(text: String, role: Role)] {
        let caption = captionLines(state)
        return caption + messageLines(state)
    }

    /// `play`'s caption, wrapped, with a rule above it: at most a third of the window.
    static func captionLines(_ state: AppState) -> [(text: String, role: Role)] {
        guard let caption = state.caption else { return [] }
        let width = state.size.columns - 2
        let lines = Widgets.wrap(caption, width: width).prefix(max(1, (state.size.rows - 4) / 3))
        return [(String(repeating: "─", count: width), .frame)] + lines.map { ($0, Role.heading) }
    }

    static func messageLines(_ state: AppState) -> [(text: String, role: Role)] {
        let width = state.size.columns - 2
        if let pending = state.pending { return [(pending.label, .info)] }
        guard let message = state.message else { return [] }
        let role: Role = switch message.kind {
        case .error: .error
        case .info: .info
        case .success: .success
        case .warning: .warning
        }
        let lines = Widgets.wrap(message.text, width: width)
        // A message longer than a third of the window is cut at that, with a mark (at 80x24
        // that is six lines: every message of the program fits).
        let limit = max(3, (state.size.rows - 4) / 3)
        guard lines.count > limit else { return lines.map { ($0, role) } }
        var kept = Array(lines.prefix(limit))
        kept[limit - 1] = DisplayWidth.prefix(kept[limit - 1], width: width - 1) + "…"
        return kept.map { ($0, role) }
    }

    /// The keys that work here, from the tables that dispatch them: the session's (panels, the
    /// trainer's clock) first, then the screen's, and Ctrl-C quit always, at the end.
    static func hintLine(_ canvas: inout Canvas, _ state: AppState) {
        canvas.fill(row: state.size.rows - 1, column: 0, width: state.size.columns, role: .hint)
        canvas.text(hintText(state), row: state.size.rows - 1, column: 0, role: .hint, width: state.size.columns)
    }

    /// The hint line's text: as many hints as fit, "Ctrl-C quit" kept in any case.
    public static func hintText(_ state: AppState) -> String {
        let session = SessionKeys.table(state).bindings
        let quit = session.filter { $0.action == .quit }.compactMap(\.hint)
        let parts = session.filter { $0.action != .quit }.compactMap(\.hint) + state.active.keys(state.context).hints
        let room = state.size.columns - 1 - quit.reduce(0) { $0 + DisplayWidth.of($1) + 2 }
        var line = ""
        for part in parts where DisplayWidth.of(line) + 2 + DisplayWidth.of(part) <= room {
            line += (line.isEmpty ? " " : "  ") + part
        }
        for part in quit { line += (line.isEmpty ? " " : "  ") + part }
        return line
    }

    /// A box sized to its content (measured first), centred in the content area, with a
    /// title. What does not fit is cut inside the box, never drawn over its border.
    public static func panel(_ canvas: inout Canvas, _ content: Rect, title: String, width: Int = 70, state: AppState,
                             active: Bool = true, popup: Bool = false, _ body: (inout Writer) -> Void) {
        let boxWidth = min(width, content.width)
        var measure = Writer(measuring: boxWidth - 4)
        body(&measure)
        let rect = content.centred(width: boxWidth, height: min(measure.used + 2, content.height))
        // A pop-up's box lies over the screen beneath, as a window does. Where its top or bottom
        // border falls on a border of the box beneath, that border gives way on the row (it would
        // run into the pop-up's: "┌─┌─ Forgot/Reset ─┐─┐"); the rest of the box beneath stays.
        if popup {
            let horizontal: Set<Character> = ["─", "┌", "┐", "└", "┘"]
            let right = rect.column + rect.width
            for row in [rect.row, rect.bottom - 1] where horizontal.contains(canvas[row, rect.column - 1].character)
                || horizontal.contains(canvas[row, right].character) {
                canvas.fill(row: row, column: content.column, width: rect.column - content.column, role: .normal)
                canvas.fill(row: row, column: right, width: content.column + content.width - right, role: .normal)
            }
        }
        Widgets.box(&canvas, rect, title: title)
        var writer = Writer(canvas, Rect(row: rect.row + 1, column: rect.column + 2, width: rect.width - 4, height: rect.height - 2))
        writer.active = active
        writer.redact = state.redactSecrets
        body(&writer)
        canvas = writer.canvas
    }

    /// A pop-up over the screen.
    public static func popup(_ canvas: inout Canvas, _ content: Rect, title: String, width: Int = 66, state: AppState,
                             _ body: (inout Writer) -> Void) {
        panel(&canvas, content, title: title, width: width, state: state, popup: true, body)
    }
}
