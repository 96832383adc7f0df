import AuthEngine
import Authenticator
import Foundation
import SafeIO
import TerminalCore
import TerminalView

/// Runs scenarios headless on a fresh demo store, under a virtual clock, with a deterministic
/// source for keys and codes so the same file gives the same screens every run.
public struct ScenarioRunner {
    public struct Result: Equatable, Sendable {
        public var name: String
        public var failure: String?
        public var steps: Int
        public var seconds: Double
        public var passed: Bool { failure == nil }
        /// Snapshots written because they were asked to be (--update-snapshots).
        public var written: [String]
        /// What the run reached: screens, buttons, engine outcomes.
        public var coverage = Coverage()
    }

    public var snapshotDirectory: URL
    public var updateSnapshots = false
    /// Training cost for the demo passwords: scenarios are a test setting.
    public var kdfIterations = 1_000
    public static let defaultStart = ScenarioHeader.defaultStart
    /// Sees the state after every step (the tests' checks of what each screen hints).
    public var observe: ((AppState, Scenario.Line) -> Void)?
    /// Sees the state of every frame drawn (the recording round trip compares them).
    public var onFrame: ((AppState) -> Void)?

    public init(snapshotDirectory: URL, updateSnapshots: Bool = false) {
        self.snapshotDirectory = snapshotDirectory
        self.updateSnapshots = updateSnapshots
    }

    /// Runs a scenario step by step, at once (no pacing), on a fresh demo store: in
    /// `dataDirectory`, or in a private temporary folder removed afterwards.
    public func run(_ scenario: Scenario, dataDirectory: URL? = nil) -> Result {
        let started = Date()
        var written: [String] = []
        var steps = 0
        var live: HeadlessSession?
        func result(_ failure: String?) -> Result {
            Result(name: scenario.name, failure: failure, steps: steps, seconds: Date().timeIntervalSince(started), written: written,
                   coverage: live?.coverage ?? Coverage())
        }
        let directory: URL
        do {
            directory = try dataDirectory ?? PrivateFiles.temporaryFolder(prefix: "ccass-scenario-")
        } catch {
            return result("cannot make a folder for the run's store: \(error)")
        }
        defer { if dataDirectory == nil { try? PrivateFiles.remove(directory) } }
        let world: ScenarioWorld
        do {
            // The seed is the file's own name, wherever it is run from.
            world = try ScenarioWorld(header: ScenarioHeader(scenario), directory: directory,
                                      seed: URL(fileURLWithPath: scenario.name).lastPathComponent, kdfIterations: kdfIterations)
        } catch {
            return result("setting up the demo store failed: \(error)")
        }
        let session = HeadlessSession(world: world, onFrame: onFrame)
        live = session
        for line in scenario.lines {
            steps += 1
            func fail(_ message: String) -> Result {
                result("line \(line.number): \(line.text)\n  \(message)\n  the screen was:\n\(session.screenText)")
            }
            let action: ScenarioAction
            do {
                action = try world.action(for: line.step, on: session.state)
            } catch {
                return fail("\(error)")
            }
            switch action {
            case .input(let events): for event in events { session.feed(event) }
            case .type(let text): session.type(text)
            case .moveClock(let interval): session.advance(by: interval)
            case .scanned, .none: break
            case .check(let text, let present):
                if Self.shows(session.screenText, text) != present {
                    return fail(present ? "expected \"\(text)\" on the screen" : "expected \"\(text)\" not to be on the screen")
                }
            case .snapshot(let name):
                let file = snapshotDirectory.appendingPathComponent("\(name).txt")
                let text = session.screenText
                if updateSnapshots {
                    do {
                        try PrivateFiles.folder(snapshotDirectory, loose: .asIs)
                        try PrivateFiles.replace(file, with: text)
                        written.append(file.path)
                    } catch {
                        return fail("cannot write the snapshot \(file.path): \(error)")
                    }
                    continue
                }
                // A snapshot records what is right: missing or unreadable is a failure, and only
                // --update-snapshots writes one.
                guard FileManager.default.fileExists(atPath: file.path) else {
                    return fail("there is no snapshot \(file.path); run with --update-snapshots and read it before committing")
                }
                guard let expected = try? String(contentsOf: file, encoding: .utf8) else {
                    return fail("the snapshot \(file.path) cannot be read")
                }
                if expected != text { return fail("the screen differs from the snapshot \(file.path); expected:\n\(expected)") }
            }
            observe?(session.state, line)
        }
        return result(nil)
    }

    /// Whether a screen shows a text: on one line as it is, or wrapped over several lines of a
    /// box (borders and runs of spaces read as one space), or a long word (a path) cut at the
    /// edge and carried on the next line, so an expectation does not depend on where it wraps.
    public static func shows(_ screen: String, _ text: String) -> Bool {
        if screen.contains(text) { return true }
        func flat(_ s: String) -> String {
            s.map { "│┌┐└┘─\u{00A0}".contains($0) || $0 == "\n" ? " " : $0 }
                .reduce(into: "") { out, c in if c != " " || out.last != " " { out.append(c) } }
        }
        if flat(screen).contains(flat(text)) { return true }
        let joined = screen.split(separator: "\n").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: " │")) }.joined()
        return !text.contains(" ") && joined.contains(text)
    }

    /// A JUnit XML report of results.
    public static func junit(_ results: [Result], suite: String = "ccass-terminal scenarios") -> String {
        // XML 1.0 cannot hold every character a failure may quote from the screen or the file.
        let escape = XMLText.escaped
        let failures = results.filter { !$0.passed }.count
        let total = results.reduce(0) { $0 + $1.seconds }
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        xml += "<testsuites tests=\"\(results.count)\" failures=\"\(failures)\" time=\"\(String(format: "%.3f", total))\">\n"
        xml += "  <testsuite name=\"\(escape(suite))\" tests=\"\(results.count)\" failures=\"\(failures)\" time=\"\(String(format: "%.3f", total))\">\n"
        for result in results {
            xml += "    <testcase classname=\"scenario\" name=\"\(escape(result.name))\" time=\"\(String(format: "%.3f", result.seconds))\""
            if let failure = result.failure {
                let first = failure.split(separator: "\n").first.map(String.init) ?? failure
                xml += ">\n      <failure message=\"\(escape(first))\">\(escape(failure))</failure>\n    </testcase>\n"
            } else {
                xml += "/>\n"
            }
        }
        xml += "  </testsuite>\n</testsuites>\n"
        return xml
    }
}
