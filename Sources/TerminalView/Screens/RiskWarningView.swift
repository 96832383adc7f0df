import TerminalCore

extension RiskWarningScreen: Drawable {
    public func draw(_ canvas: inout Canvas, _ state: AppState, _ content: Rect) {
        Renderer.panel(&canvas, content, title: Texts.potentialRisk, width: 72, state: state) { w in
            w.paragraph(Texts.potentialRiskText)
            w.gap()
            if let form { w.form(form) }
        }
    }
}
