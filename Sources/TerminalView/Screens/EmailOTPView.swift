import AuthDomain
import Foundation
import TerminalCore

extension EmailOTPScreen: Drawable {
    public func draw(_ canvas: inout Canvas, _ state: AppState, _ content: Rect) {
        Renderer.panel(&canvas, content, title: Texts.enterOTPOrRequest, width: 72, state: state) { w in
            w.paragraph(notice.delivered
                ? "The OTP was sent to \(notice.sentTo). It is valid for \(notice.validMinutes) minutes and can be used once."
                : "No OTP could be sent to \(notice.sentTo). Select REQUEST A NEW OTP.", role: .subtle)
            w.gap()
            if let form { w.form(form, labelWidth: 6, fieldWidth: 12) }
            EmailOTPScreen.resendLine(&w, notice, now: state.now)
        }
    }

    /// The one countdown on screen: when a new code may be requested.
    static func resendLine(_ w: inout Writer, _ notice: EmailOTPNotice, now: Date) {
        let wait = notice.secondsUntilNextRequest(at: now)
        w.gap()
        w.line(wait > 0 ? "A new OTP can be requested in \(String(format: "%d:%02d", wait / 60, wait % 60))." : "A new OTP can be requested now.",
               role: .subtle)
    }
}
