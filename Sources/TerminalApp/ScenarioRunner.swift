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
    public static let defaultStart = HongKongTime.date(2023, 6, 12, 9, 0)

    public init(snapshotDirectory: URL, updateSnapshots: Bool = false) {
        self.snapshotDirectory = snapshotDirectory
        self.updateSnapshots = updateSnapshots
    }

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

        // Setup steps before the first interaction shape the session.
        var size = Size.minimum, console = Console.terminal, phase: ServicePhase?, hours: ServiceHours? = .shipped
        var connectivity: ConnectivitySession?
        var start = Self.defaultStart
        setup: for line in scenario.lines {
            switch line.step {
            case .size(let s): size = s
            case .console(let c): console = c
            case .phase(let p): phase = p
            case .clock(let date): start = date
            case .ignoreHours: hours = nil
            case .connectivityTest(let session): connectivity = session
            default: break setup
            }
        }
        let session: HeadlessSession
        do {
            // The seed is the file's own name, wherever it is run from.
            let seed = URL(fileURLWithPath: scenario.name).lastPathComponent
            // As on 10 June 2023, the connectivity test offers 2FA before its launch.
            session = try makeSession(directory: directory, seed: seed, start: start,
                                      phase: phase ?? (connectivity != nil ? .transition : nil), console: console, size: size, hours: hours,
                                      connectivityTest: connectivity)
        } catch {
            return result("setting up the demo store failed: \(error)")
        }
        live = session
        let mailbox = Mailbox(root: directory.appendingPathComponent("mail"))
        for line in scenario.lines {
            steps += 1
            func fail(_ message: String) -> Result {
                result("line \(line.number): \(line.text)\n  \(message)\n  the screen was:\n\(session.screenText)")
            }
            switch line.step {
            case .size(let s): session.send(.resize(s))
            case .clock(let date): session.setClock(date)
            case .phase, .console, .ignoreHours, .connectivityTest: break
            case .type(let text): session.type(text)
            case .paste(let text): session.send(.paste(text))
            case .key(let key): session.press(key)
            case .advance(let interval): session.advance(by: interval)
            case .expect(let text):
                if !Self.shows(session.screenText, text) { return fail("expected \"\(text)\" on the screen") }
            case .expectNot(let text):
                if Self.shows(session.screenText, text) { return fail("expected \"\(text)\" not to be on the screen") }
            case .otpApp(let account):
                do {
                    session.type(try Phone.code(for: account, directory: directory, at: session.clock.now()).code)
                } catch {
                    return fail("the phone has no code for \(account): \(error)")
                }
            case .otpEmail(let address):
                guard let code = (try? mailbox.messages(for: address))?.first?.otp else {
                    return fail("no OTP email for \(address)")
                }
                session.type(code)
            case .scan:
                guard case .registerDevice(let screen) = session.state.screen else {
                    return fail("there is no QR code on the screen to scan")
                }
                do {
                    try Phone.add(screen.registration.uri, directory: directory, at: session.clock.now())
                } catch {
                    return fail("the phone could not enrol the QR code: \(error)")
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
        }
        return result(nil)
    }

    private func makeSession(directory: URL, seed: String, start: Date, phase: ServicePhase?, console: Console, size: Size,
                             hours: ServiceHours?, connectivityTest: ConnectivitySession?) throws -> HeadlessSession {
        let clock = VirtualClock(start)
        var configuration = EngineConfiguration(hasher: try PasswordHasher(iterations: kdfIterations, allowReducedCost: true),
                                                terminal: "scenario")
        configuration.phaseOverride = phase
        configuration.hours = hours
        configuration.connectivityTest = connectivityTest
        configuration.random = .deterministic(seed: seed)
        let engine = AuthEngine(store: try AccountStore(location: StoreLocation(directory: directory)), clock: clock,
                                configuration: configuration)
        try DemoSetup.install(into: engine, directory: directory)
        return HeadlessSession(engine: engine, console: console, size: size, hours: hours, connectivityTest: connectivityTest)
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
