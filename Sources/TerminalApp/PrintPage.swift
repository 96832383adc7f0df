import Foundation
import SafeIO
import TerminalView

/// A printable, self-contained HTML document (no external assets: it opens offline): A4
/// portrait, page numbers at the foot, a step or a card never split across pages. The one
/// page of the handouts and the class cards.
public enum PrintPage {
    static let style = """
    @page { size: A4 portrait; margin: 14mm 14mm 16mm 14mm;
            @bottom-center { content: "Page " counter(page) " of " counter(pages); font: 9pt sans-serif; color: #555; } }
    html { font: 11pt/1.45 "DejaVu Sans", "Liberation Sans", sans-serif; color: #111; }
    body { margin: 0 auto; max-width: 182mm; padding: 0; }
    h1 { font-size: 18pt; margin: 0 0 3mm; }
    .intro { margin: 0 0 6mm; }
    .meta { color: #555; font-size: 9pt; margin: 0 0 8mm; }
    /* Every step the same height, its picture scaled into what the words leave: two steps
       always fit a page, so a handout's page count follows from its number of steps. */
    .step { break-inside: avoid; page-break-inside: avoid; margin: 0 0 6mm; height: 124mm; display: flex; flex-direction: column;
            overflow: hidden; }
    .step svg.screen { flex: 1 1 0; min-height: 0; }
    .step:last-child { margin-bottom: 0; }
    .step h2 { font-size: 12pt; margin: 0 0 1.5mm; }
    .step h2 .letter { display: inline-block; min-width: 7mm; }
    .step p { margin: 0 0 1.5mm; }
    .step ol { margin: 0 0 2.5mm; padding-left: 7mm; }
    svg.screen { display: block; width: 100%; max-width: 150mm; margin: 0 auto; }
    .card { break-inside: avoid; page-break-inside: avoid; break-after: page; page-break-after: always; }
    .card:last-child { break-after: auto; page-break-after: auto; }
    .card table { border-collapse: collapse; margin: 2mm 0 4mm; width: 100%; }
    .card td, .card th { border: 1px solid #bbb; padding: 1.2mm 2mm; text-align: left; vertical-align: top; font-size: 10pt; }
    .card code { font: 10pt "DejaVu Sans Mono", monospace; }
    @media print { .step.pair { break-before: page; page-break-before: always; } }
    """

    /// The whole document around a body already escaped.
    public static func document(title: String, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <title>\(XMLText.escaped(title))</title>
        <style>
        \(style)
        </style>
        </head>
        <body>
        \(body)
        </body>
        </html>

        """
    }

    /// A handout: the title and introduction, then each lettered step with what to do and the
    /// screen at its end. Printed with step a under the title, then two steps to a page: a
    /// handout of n steps has 1 + (n - 1 + 1) / 2 pages.
    public static func handout(_ handout: Handout) -> String {
        var body = "<h1>\(XMLText.escaped(handout.title))</h1>\n"
        if !handout.introduction.isEmpty { body += "<p class=\"intro\">\(XMLText.escaped(handout.introduction))</p>\n" }
        body += "<p class=\"meta\">Made from \(XMLText.escaped(URL(fileURLWithPath: handout.name).lastPathComponent)) by ccass-terminal handout: "
            + "every step was run and checked. Passwords and codes are never written here.</p>\n"
        for (index, step) in handout.steps.enumerated() {
            // Step a under the title on page 1, then b and c on page 2, d and e on page 3...
            body += "<section class=\"step\(index % 2 == 1 ? " pair" : "")\" id=\"step-\(step.letter)\">\n"
            body += "<h2><span class=\"letter\">\(step.letter))</span>\(XMLText.escaped(step.text.isEmpty ? "Begin" : step.text))</h2>\n"
            if !step.actions.isEmpty {
                body += "<ol>" + step.actions.map { "<li>\(XMLText.escaped($0))</li>" }.joined() + "</ol>\n"
            }
            body += ScreenPicture.svg(step.screen, label: "The screen at the end of step \(step.letter)") + "\n</section>\n"
        }
        return document(title: handout.title, body: body)
    }

    /// The list of the handouts of a folder (`make handouts`), each linked by its file name.
    public static func index(_ handouts: [(file: String, title: String)]) -> String {
        let items = handouts.map { "<li><a href=\"\(XMLText.escaped($0.file))\">\(XMLText.escaped($0.title))</a> "
            + "<span class=\"meta\">(\(XMLText.escaped($0.file)))</span></li>" }
        return document(title: "Handouts", body: "<h1>Handouts</h1>\n<p class=\"intro\">Each made from a shipped scenario, every step run and checked.</p>\n<ul>"
                        + items.joined(separator: "\n") + "</ul>")
    }

    /// One trainee's card: how to connect, the seat's accounts and what each is for, and the
    /// first screen they will see.
    public struct SeatCard: Sendable {
        public var title: String
        /// What to type or use to connect, as label and value ("Connect with", "ssh -i ...").
        public var connect: [(label: String, value: String)]
        /// User ID, role, what it is for.
        public var accounts: [(userID: String, role: String, purpose: String)]
        public var firstScreen: Canvas
        public var note: String

        public init(title: String, connect: [(label: String, value: String)], accounts: [(userID: String, role: String, purpose: String)],
                    firstScreen: Canvas, note: String) {
            self.title = title
            self.connect = connect
            self.accounts = accounts
            self.firstScreen = firstScreen
            self.note = note
        }
    }

    /// The class's cards, one a page, for the trainer to print and hand out.
    public static func cards(_ title: String, _ cards: [SeatCard]) -> String {
        var body = ""
        for card in cards {
            body += "<section class=\"card\">\n<h1>\(XMLText.escaped(card.title))</h1>\n<table>"
            for row in card.connect {
                body += "<tr><th>\(XMLText.escaped(row.label))</th><td><code>\(XMLText.escaped(row.value))</code></td></tr>"
            }
            body += "</table>\n<table><tr><th>User ID</th><th>Role</th><th>For</th></tr>"
            for account in card.accounts {
                body += "<tr><td><code>\(XMLText.escaped(account.userID))</code></td><td>\(XMLText.escaped(account.role))</td>"
                    + "<td>\(XMLText.escaped(account.purpose))</td></tr>"
            }
            body += "</table>\n<p>\(XMLText.escaped(card.note))</p>\n<p>The first screen you will see:</p>\n"
            body += ScreenPicture.svg(card.firstScreen, label: "The first screen of the seat") + "\n</section>\n"
        }
        return document(title: title, body: body)
    }
}
