import AuthDomain
import TerminalCore

extension RegisterDeviceScreen: Drawable {
    /// Columns beside the QR code: the widest button fits whole, and the key and its type wrap at
    /// a group (never cut).
    static let detailsWidth = 34

    /// The window REGISTER DEVICE needs to show the QR code beside the key (README quotes it
    /// for the demo's enrolment URIs): the code, the details, margins, the title and status
    /// lines, and the trainer's panel when it is on.
    public static func neededSize(_ registration: DeviceRegistration, trainer: Bool) -> Size? {
        guard let qr = QRCode.cached(registration.uri) else { return nil }
        let drawn = qr.drawnSize
        return Size(columns: drawn.columns + detailsWidth + 7, rows: drawn.rows + (trainer ? 4 : 2) + 3)
    }

    public func draw(_ canvas: inout Canvas, _ state: AppState, _ content: Rect) {
        // A recording never shows the seed: no QR code, and the key masked.
        let qr = state.redactSecrets ? nil : QRCode.cached(registration.uri)
        if let qr, let needed = Self.neededSize(registration, trainer: state.trainer),
           state.size.columns >= needed.columns, state.size.rows >= needed.rows {
            let drawn = qr.drawnSize
            let top = content.row + max(0, (content.height - drawn.rows) / 2)
            qr.draw(&canvas, row: top, column: content.column + 2)
            let x = content.column + drawn.columns + 5
            var w = Writer(canvas, Rect(row: content.row + 1, column: x, width: content.width - drawn.columns - 7, height: content.height - 1))
            w.redact = state.redactSecrets
            details(&w, state, codeShown: true)
            canvas = w.canvas
            return
        }
        Renderer.panel(&canvas, content, title: Texts.forgeRock, width: 76, state: state) { w in
            details(&w, state, codeShown: false)
            if qr != nil, let needed = Self.neededSize(registration, trainer: state.trainer) {
                w.gap()
                w.paragraph("The QR code needs a window of at least \(needed.columns) x \(needed.rows); enlarge it to scan, or type the key into the app.",
                            role: .subtle)
            }
        }
    }

    /// The account, the key in groups of four with its type, the steps and the form.
    private func details(_ w: inout Writer, _ state: AppState, codeShown: Bool) {
        if codeShown { w.line(Texts.forgeRock, role: .heading) }
        w.line(Texts.registerDevice, role: codeShown ? .label : .heading)
        w.gap()
        w.pairs([("Account:", "\(registration.issuer):\(registration.accountName)"),
                 ("Key:", w.redact ? String(registration.manualKey.map { $0 == " " ? " " : "*" as Character }) : registration.manualKey),
                 ("Type:", registration.keyType)], labelWidth: 9)
        w.gap()
        switch step {
        case .scan:
            if registration.shownBefore {
                w.paragraph("The same key as before: an app that scanned it already shows its codes.", role: .info)
                w.gap()
            }
            w.paragraph(Texts.getTheApp, role: .subtle)
            w.gap()
            w.paragraph(codeShown ? Texts.scanInstructions : Texts.typeKeyInstructions)
            w.gap()
        case .code:
            w.paragraph(Texts.enterAppOTP(registration.digits))
            w.gap()
        }
        if let form { w.form(form, labelWidth: 6, fieldWidth: 10) }
    }
}
