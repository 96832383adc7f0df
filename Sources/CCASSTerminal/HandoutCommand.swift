import ArgumentParser
import Foundation
import SafeIO
import TerminalApp

/// `ccass-terminal handout FILE.scenario... -o DIR [--pdf]`: illustrated, printable guides.
struct HandoutCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "handout",
        abstract: "Turn scenarios into illustrated, printable step-by-step guides (one self-contained HTML file each).",
        discussion: """
        Each scenario is run as `scenario` runs it: a flow that no longer works (an expect that fails) makes no handout \
        and names its line. The file's leading comments give the title and introduction; each later comment starts a \
        lettered step, with what is typed and pressed in words (passwords and codes never written) and the screen at \
        the end of the step. A4, two steps to a page, page numbers; --pdf prints it through headless Chromium.
        """
    )

    @Argument(help: "Scenario files.") var files: [String]
    @Option(name: [.short, .customLong("output")], help: ArgumentHelp("The folder to write the handouts in (made if missing).", valueName: "dir"))
    var output: String
    @Flag(help: "Also print each handout to PDF through headless Chromium (apt install chromium).") var pdf = false

    func validate() throws {
        if files.isEmpty { throw CommandFailure("give at least one scenario file") }
        if pdf, Chromium.executable == nil { throw CommandFailure(Chromium.missing) }
    }

    func run() throws {
        // Parse everything first: a bad file stops the run before anything is written.
        var scenarios: [Scenario] = []
        for path in files {
            guard let text = try? String(contentsOf: URL(fileURLWithPath: path), encoding: .utf8) else { throw CommandFailure("cannot read \(path.safe())") }
            do {
                scenarios.append(try Scenario(name: path, text: text))
            } catch {
                throw CommandFailure("\(error)")
            }
        }
        let folder = URL(fileURLWithPath: output)
        try PrivateFiles.folder(folder)
        var failed = 0
        var written: [(file: String, title: String)] = []
        for scenario in scenarios {
            let name = URL(fileURLWithPath: scenario.name).deletingPathExtension().lastPathComponent
            let snapshots = URL(fileURLWithPath: scenario.name).deletingLastPathComponent().appendingPathComponent("snapshots")
            let handout: Handout
            do {
                handout = try Handout.make(scenario, runner: ScenarioRunner(snapshotDirectory: snapshots))
            } catch {
                failed += 1
                try StandardStream.error.line("FAIL \(error): no handout written")
                continue
            }
            let html = folder.appendingPathComponent(name + ".html")
            try PrivateFiles.replace(html, with: PrintPage.handout(handout))
            try StandardStream.output.line("wrote \(html.path) (\(handout.steps.count == 1 ? "1 step" : "\(handout.steps.count) steps"))")
            written.append((html.lastPathComponent, handout.title))
            if pdf {
                let file = folder.appendingPathComponent(name + ".pdf")
                try Chromium.pdf(of: html, to: file)
                try StandardStream.output.line("wrote \(file.path)")
            }
        }
        if written.count > 1 {
            let index = folder.appendingPathComponent("index.html")
            try PrivateFiles.replace(index, with: PrintPage.index(written))
            try StandardStream.output.line("wrote \(index.path)")
        }
        if failed > 0 { throw ExitCode(1) }
    }
}
