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
}
