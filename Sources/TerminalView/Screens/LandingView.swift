import AuthDomain
import TerminalCore

extension LandingScreen: Drawable {
    public func draw(_ canvas: inout Canvas, _ state: AppState, _ content: Rect) {
        let title = state.console == .dms ? "DMS" : "CCASS/CCMS Terminal"
        Renderer.panel(&canvas, content, title: title, width: 78, state: state) { w in
            w.line(Texts.selectLogin, role: .label)
            w.gap()
            if options.isEmpty { w.line("No logon method is in service.", role: .error) }
            for (i, option) in options.enumerated() {
                w.line("\(i + 1). \(Texts.label(option))", role: i == focus ? .buttonFocused : .button)
                w.gap()
            }
            if let closed = state.closedNotice {
                w.paragraph(closed, role: triedWhileClosed ? .error : .warning)
            }
        }
    }
}
