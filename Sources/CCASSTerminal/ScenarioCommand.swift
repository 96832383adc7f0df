import ArgumentParser
import CCASSResources
import Foundation
import SafeIO
import TerminalApp

/// `ccass-terminal scenario FILE...`: screen flows headless, for QA and CI.
struct ScenarioCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scenario",
        abstract: "Run screen flows headless through the real state machine and view, on a fresh demo store and a virtual clock.",
        discussion: """
        One step a line: size 80x24, clock 2023-06-12T09:00+08:00, phase transition, console dms, ignore-hours, connectivity-test primary, \
        type TEXT, key Tab, paste TEXT, expect "TEXT", expect-not "TEXT", otp app ACCOUNT, \
        otp email ADDRESS, scan, advance 5m, snapshot NAME. Snapshots live in snapshots/ beside \
        the file. Exit 0 when every expectation holds. With --coverage (and no files: the shipped \
        suite), also which screens, buttons and engine outcomes the runs reached, and which not.
        """
    )

    @Argument(help: "Scenario files (with --coverage and none given: the shipped suite).") var files: [String] = []

    @Flag(help: "Report the screens and pop-ups shown, the buttons pressed and the engine outcomes and refusals reached, and what was not.")
    var coverage = false

    @Option(help: ArgumentHelp("With --coverage: write the report as JSON here.", valueName: "file")) var coverageJson: String?

    @Option(help: ArgumentHelp("With --coverage: write the report as Cobertura XML here (for CI tools).", valueName: "file"))
    var coverageXml: String?

    @Option(help: ArgumentHelp("Write a JUnit XML report here.", valueName: "file")) var junit: String?

    @Flag(help: "Rewrite the snapshots instead of comparing with them.") var updateSnapshots = false

    func validate() throws {
        if files.isEmpty, !coverage { throw CommandFailure("give at least one scenario file (or --coverage for the shipped suite)") }
        if (coverageJson != nil || coverageXml != nil), !coverage { throw CommandFailure("--coverage-json and --coverage-xml go with --coverage") }
    }

    /// The files given, or with --coverage and none, the shipped suite.
    private func scenarioPaths() throws -> [String] {
        guard files.isEmpty else { return files }
        let directory = try ResourceFiles.url("scenarios")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix(".scenario") }.sorted().map { directory.appendingPathComponent($0).path }
    }

    func run() throws {
        // Parse everything first: a bad file stops the run before anything runs.
        var scenarios: [(Scenario, URL)] = []
        for path in try scenarioPaths() {
            let url = URL(fileURLWithPath: path)
            guard let text = try? String(contentsOf: url, encoding: .utf8) else { throw CommandFailure("cannot read \(path.safe())") }
            do {
                scenarios.append((try Scenario(name: path, text: text), url))
            } catch {
                throw CommandFailure("\(error)")
            }
        }
        var results: [ScenarioRunner.Result] = []
        for (scenario, url) in scenarios {
            let runner = ScenarioRunner(snapshotDirectory: url.deletingLastPathComponent().appendingPathComponent("snapshots"),
                                        updateSnapshots: updateSnapshots)
            let result = runner.run(scenario)
            results.append(result)
            if let failure = result.failure {
                try StandardStream.error.line("FAIL \(scenario.name): \(failure)")
            } else {
                try StandardStream.output.line("ok   \(scenario.name) (\(result.steps) steps, \(String(format: "%.2f", result.seconds)) s)")
            }
            for path in result.written { try StandardStream.output.line("     wrote snapshot \(path)") }
        }
        if let junit { try Self.writeReport(ScenarioRunner.junit(results), to: junit) }
        let failed = results.filter { !$0.passed }.count
        try StandardStream.output.line("scenarios: \(results.count - failed) passed, \(failed) failed")
        if coverage { try report(results.reduce(into: Coverage()) { $0.merge($1.coverage) }) }
        if failed > 0 { throw ExitCode(1) }
    }

    private func report(_ reached: Coverage) throws {
        try StandardStream.output.line()
        try StandardStream.output.line(reached.table(except: Coverage.notFromATerminal))
        for (path, text) in [(coverageJson, reached.json(except: Coverage.notFromATerminal)), (coverageXml, reached.cobertura())] {
            guard let path else { continue }
            try Self.writeReport(text, to: path)
        }
    }

    /// A report for CI tools: replaces the file of a previous run (through the files door: a
    /// link or another user's file there is refused).
    private static func writeReport(_ text: String, to path: String) throws {
        do {
            try PrivateFiles.replace(URL(fileURLWithPath: path), with: text)
        } catch {
            throw CommandFailure("cannot write \(path.safe()): \(error)")
        }
    }
}
