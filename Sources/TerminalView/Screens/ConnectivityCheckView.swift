import TerminalCore

/// The SSO server's page as the browser shows it during the connectivity verification.
enum ConnectivityCheckView {
    static func draw(_ canvas: inout Canvas, _ state: AppState, _ content: Rect) {
        guard case .connectivityCheck(let s) = state.screen else { return }
        let inner = Renderer.panel(&canvas, content, title: Texts.ssoAddress, width: 72, height: 12)
        canvas.text("HKEX Post Trade - Single Sign-On", row: inner.row, column: inner.column, role: .heading, width: inner.width)
        var y = Widgets.paragraph(&canvas, "This page comes from the new 2FA server: the connection from this terminal works. No logon is needed; close the window without logging on.",
                                  row: inner.row + 2, column: inner.column, width: inner.width)
        y = Widgets.paragraph(&canvas, "Primary Data Centre 10.243.2.15, Secondary Data Centre 10.243.66.15 (sso.hkexposttrade.com.hk).",
                              row: y + 1, column: inner.column, width: inner.width, role: .subtle)
        Widgets.form(&canvas, s.form, row: y + 1, column: inner.column, width: inner.width, redact: state.redactSecrets)
    }
}
