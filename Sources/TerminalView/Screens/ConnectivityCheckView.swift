import TerminalCore

extension ConnectivityCheckScreen: Drawable {
    public func draw(_ canvas: inout Canvas, _ state: AppState, _ content: Rect) {
        Renderer.panel(&canvas, content, title: Texts.ssoAddress, width: 72, state: state) { w in
            w.line("HKEX Post Trade - Single Sign-On", role: .heading)
            w.gap()
            w.paragraph("This page of the 2FA server was reached: the connection works. No login is required; close the window without logging on.")
            w.gap()
            if let form { w.form(form) }
        }
    }
}
