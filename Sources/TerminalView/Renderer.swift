import AuthEngine
import Foundation
import TerminalCore

/// `render(state)`: the frame for the state at its size. Pure.
public enum Renderer {
    public static func render(_ state: AppState) -> Canvas {
        var canvas = Canvas(columns: state.size.columns, rows: state.size.rows)
        guard state.size.isLargeEnough else {
            tooSmall(&canvas, state.size)
            return canvas
        }
        frame(&canvas, state)
        let content = Rect(row: 2, column: 0, width: state.size.columns, height: state.size.rows - 4)
        switch state.screen {
        case .landing(let s): LandingView.draw(&canvas, s, state, content)
        case .logon(let s): LogonView.draw(&canvas, s, state, content)
        case .channelSetup(let s): ChannelSetupView.draw(&canvas, s, state, content)
        case .registerDevice(let s): RegisterDeviceView.draw(&canvas, s, state, content)
        case .riskWarning(let s): RiskWarningView.draw(&canvas, s, state, content)
        case .emailOTP(let s): EmailOTPView.draw(&canvas, s, state, content)
        case .appOTP(let s): AppOTPView.draw(&canvas, s, state, content)
        case .passwordExpired(let s): PasswordExpiredView.draw(&canvas, s, state, content)
        case .smartcard(let s): SmartcardView.draw(&canvas, s, state, content)
        case .loggedOn(let s): LoggedOnView.draw(&canvas, s, state, content)
        case .connectivityCheck: ConnectivityCheckView.draw(&canvas, state, content)
        case .maintainUserProfile(let s): MaintainUserProfileView.draw(&canvas, s, state, content)
        case .profile(let s): ProfileView.draw(&canvas, s, state, content)
        case .profileListing(let s): ProfileListingView.draw(&canvas, s, state, content)
        }
        if let popup = state.popup {
            canvas.cursor = nil
            switch popup {
            case .reset(let p): ResetPopupView.draw(&canvas, p, state, content)
            case .changePassword(let p): ChangePasswordPopupView.draw(&canvas, p, state, content)
            case .authenticationSettings(let p): AuthenticationSettingsPopupView.draw(&canvas, p, state, content)
            }
        }
        statusLines(&canvas, state)
        return canvas
    }

    static func tooSmall(_ canvas: inout Canvas, _ size: Size) {
        let text = "Please enlarge the window to at least \(Size.minimum.columns) x \(Size.minimum.rows) (it is \(size.columns) x \(size.rows) now)."
        let lines = Widgets.wrap(text, width: max(1, size.columns - 2))
        let top = max(0, (size.rows - lines.count) / 2)
        for (i, line) in lines.enumerated() {
            canvas.text(line, row: top + i, column: max(0, (size.columns - line.count) / 2), role: .error)
        }
    }

    /// Title bar with the address and the Hong Kong time, and the phase line.
    static func frame(_ canvas: inout Canvas, _ state: AppState) {
        let width = state.size.columns
        canvas.fill(row: 0, column: 0, width: width, role: .title)
        let address = state.console == .dms ? Texts.dmsAddress : Texts.terminalAddress
        canvas.text(" \(state.title)  \(address)", row: 0, column: 0, role: .title)
        let time = HongKongTime.format(state.now)
        canvas.text(time + " ", row: 0, column: width - time.count - 1, role: .title)
        if state.trainer {
            // The trainer's panel takes the phase line and the blank line under it.
            let lines = state.trainerNotes.isEmpty ? ["Trainer: enter a User ID to see its counters."] : state.trainerNotes
            for (i, line) in lines.prefix(2).enumerated() {
                canvas.fill(row: 1 + i, column: 0, width: width, role: .info)
                canvas.text(" " + line, row: 1 + i, column: 0, role: .info, width: width)
            }
        } else if let session = state.connectivityTest {
            canvas.text(" " + session.title, row: 1, column: 0, role: .heading, width: width)
        } else {
            canvas.text(" " + phaseText(state.phase), row: 1, column: 0, role: .subtle)
        }
    }

    static func phaseText(_ phase: ServicePhase) -> String {
        switch phase {
        case .smartcardOnly: "Smartcard logon only. Two-factor authentication launches on 12 June 2023."
        case .transition: "Two-factor authentication in service; smartcard logon until 4 September 2023."
        case .twoFactorOnly: "Two-factor authentication is the only logon method."
        }
    }

    /// The message line and the key hints.
    static func statusLines(_ canvas: inout Canvas, _ state: AppState) {
        let width = state.size.columns
        let messageRow = state.size.rows - 2
        if let pending = state.pending {
            canvas.text(" " + pending.label, row: messageRow, column: 0, role: .info, width: width)
        } else if let message = state.message {
            let role: Role = switch message.kind {
            case .error: .error
            case .info: .info
            case .success: .success
            }
            // Long messages use the line above too; the start of a message is what matters, so
            // one that needs more than two lines keeps its beginning and ends with "...".
            var lines = Widgets.wrap(message.text, width: width - 2)
            if lines.count > 2 {
                lines = Array(lines.prefix(2))
                lines[1] = String(lines[1].prefix(width - 5)) + "..."
            }
            for (i, line) in lines.enumerated() {
                canvas.text(" " + line, row: messageRow - (lines.count - 1) + i, column: 0, role: role, width: width)
            }
        }
        var hints = state.popup != nil
            ? "Tab/Shift-Tab move  Enter select  Esc close  Ctrl-C quit"
            : "Tab/Shift-Tab move  Enter select  Esc back  Ctrl-C quit"
        if state.trainer { hints = "F5 +1m F6 +5m F7 +30m F8 +90d  " + hints.replacingOccurrences(of: "Tab/Shift-Tab move  ", with: "") }
        canvas.fill(row: state.size.rows - 1, column: 0, width: width, role: .hint)
        canvas.text(" " + hints, row: state.size.rows - 1, column: 0, role: .hint, width: width)
    }

    /// A pop-up: a centred box with a blank margin, so it stands clear of the screen beneath.
    static func popup(_ canvas: inout Canvas, _ content: Rect, title: String, width: Int, height: Int) -> Rect {
        let rect = content.centred(width: width, height: height)
        let top = max(content.row, rect.row - 1), bottom = min(content.row + content.height, rect.row + rect.height + 1)
        canvas.fill(row: top, column: max(0, rect.column - 2), width: min(content.width, rect.width + 4), height: bottom - top, role: .normal)
        Widgets.box(&canvas, rect, title: title)
        return Rect(row: rect.row + 1, column: rect.column + 2, width: rect.width - 4, height: rect.height - 2)
    }

    /// The panel a screen draws in: a centred box.
    static func panel(_ canvas: inout Canvas, _ content: Rect, title: String, width: Int = 70, height: Int) -> Rect {
        let rect = content.centred(width: width, height: height)
        Widgets.box(&canvas, rect, title: title)
        return Rect(row: rect.row + 1, column: rect.column + 2, width: rect.width - 4, height: rect.height - 2)
    }
}
