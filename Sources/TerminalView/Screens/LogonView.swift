import TerminalCore

extension LogonScreen: Drawable {
    public func draw(_ canvas: inout Canvas, _ state: AppState, _ content: Rect) {
        Renderer.panel(&canvas, content, title: "Login with OTP - \(function?.title ?? "")", state: state, active: state.popup == nil) { w in
            w.line("Enter your User ID and Password, then select LOG IN.", role: .subtle)
            w.gap()
            if let form { w.form(form) }
        }
    }
}
