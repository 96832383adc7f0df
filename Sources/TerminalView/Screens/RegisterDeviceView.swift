import TerminalCore

enum RegisterDeviceView {
    static func draw(_ canvas: inout Canvas, _ s: RegisterDeviceScreen, _ state: AppState, _ content: Rect) {
        let registration = s.registration
        // A recording never shows the seed: no QR code, and the key masked.
        let qr = state.redactSecrets ? nil : QRCode(registration.uri.string)
        let qrSize = qr?.drawnSize ?? (columns: 0, rows: 0)
        let sideBySide = qr != nil && content.height >= qrSize.rows && content.width >= qrSize.columns + 44
        if sideBySide, let qr {
            // QR code on the left, the key and the steps on the right.
            let top = content.row + max(0, (content.height - qrSize.rows) / 2)
            qr.draw(&canvas, row: top, column: content.column + 2)
            let x = content.column + qrSize.columns + 5
            let width = content.width - qrSize.columns - 7
            let rect = Rect(row: content.row + 1, column: x, width: width, height: content.height - 1)
            details(&canvas, s, rect, redact: state.redactSecrets)
        } else {
            let inner = Renderer.panel(&canvas, content, title: Texts.forgeRock, width: 76, height: content.height)
            var y = details(&canvas, s, Rect(row: inner.row, column: inner.column, width: inner.width, height: inner.height),
                            redact: state.redactSecrets)
            if qr != nil {
                y += 1
                Widgets.paragraph(&canvas, "The QR code needs a window of at least \(qrSize.columns + 44) x \(qrSize.rows + 4); enlarge it to scan, or type the key above into the app.",
                                  row: min(y, inner.row + inner.height - 1), column: inner.column, width: inner.width, role: .subtle)
            }
        }
    }

    /// The account, the key in groups of four, the steps and the form; returns the next row.
    @discardableResult
    static func details(_ canvas: inout Canvas, _ s: RegisterDeviceScreen, _ rect: Rect, redact: Bool) -> Int {
        var y = rect.row
        canvas.text(Texts.registerDevice, row: y, column: rect.column, role: .heading, width: rect.width)
        y += 2
        canvas.text("Account: \(s.registration.issuer):\(s.registration.accountName)", row: y, column: rect.column, role: .label, width: rect.width)
        y += 1
        let key = redact ? String(s.registration.manualKey.map { $0 == " " ? " " : "*" as Character }) : s.registration.manualKey
        canvas.text("Key:     \(key)", row: y, column: rect.column, role: .label, width: rect.width)
        y += 1
        canvas.text("Type:    time-based, SHA1, 6 digits, 30 seconds", row: y, column: rect.column, role: .subtle, width: rect.width)
        y += 2
        switch s.step {
        case .scan:
            y = Widgets.paragraph(&canvas, Texts.scanInstructions, row: y, column: rect.column, width: rect.width)
            y += 1
            return Widgets.form(&canvas, s.form, row: y, column: rect.column, width: rect.width, redact: redact)
        case .code:
            y = Widgets.paragraph(&canvas, Texts.enterAppOTP, row: y, column: rect.column, width: rect.width)
            y += 1
            return Widgets.form(&canvas, s.form, row: y, column: rect.column, width: rect.width, labelWidth: 6, fieldWidth: 10, redact: redact)
        }
    }
}
