import TerminalCore

enum RiskWarningView {
    static func draw(_ canvas: inout Canvas, _ s: RiskWarningScreen, _ state: AppState, _ content: Rect) {
        let inner = Renderer.panel(&canvas, content, title: Texts.potentialRisk, width: 64, height: 11)
        let y = Widgets.paragraph(&canvas, Texts.potentialRiskText, row: inner.row + 1, column: inner.column, width: inner.width)
        Widgets.form(&canvas, s.form, row: y + 1, column: inner.column, width: inner.width, redact: state.redactSecrets)
    }
}
