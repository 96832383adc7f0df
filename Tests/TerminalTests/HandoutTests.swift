import Foundation
@testable import TerminalApp
@testable import TerminalCore
import TerminalView
import TestSupport
import XCTest

/// `ccass-terminal handout`, checked from outside: the shipped first-time logon scenario's
/// handout rendered by headless Chromium (PDF and PNG), every step in order with the screen the
/// scenario engine shows at its end, and no password, code or key anywhere in the file.
final class HandoutTests: XCTestCase {
    /// A step's Enter reads as what Enter does there: in the first field of the logon page it
    /// moves on to the password; in the last it presses LOG IN.
    func testEnterIsDescribedAsTheFormTakesIt() {
        var state = AppState(console: .terminal, phase: .transition, now: Date(), size: .minimum)
        state.show(LogonScreen(function: .onlineFunctions))
        XCTAssertEqual(Handout.describe(.key(.enter), before: state), "Press Enter to go on to \(Texts.password)")
        state.screen.form?.focus(on: .password)
        XCTAssertEqual(Handout.describe(.key(.enter), before: state), "Press Enter (\(Texts.logIn))")
    }

    static let scenarios = ScenarioTests.directory

    private func scratch() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("ccass-handout-\(UUID().uuidString)")
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url
    }

    /// The steps as the file defines them (each comment after the leading ones starts one; a
    /// stretch with no comment and no input is none), each with the scenario engine's screen at
    /// its end, drawn as a recording draws it (secrets hidden), from a run of our own.
    private func expectedSteps(_ scenario: Scenario) throws -> [(text: String, screen: String)] {
        var screens: [String] = []
        var runner = ScenarioRunner(snapshotDirectory: Self.scenarios.appendingPathComponent("snapshots"))
        runner.observe = { state, _ in
            var hidden = state
            hidden.redactSecrets = true
            screens.append(Renderer.render(hidden).text)
        }
        XCTAssertNil(runner.run(scenario).failure)
        XCTAssertEqual(screens.count, scenario.lines.count)
        var steps: [(text: String, screen: String, inputs: Bool)] = []
        for (index, line) in scenario.lines.enumerated() {
            if index == 0 || (index > 0 && scenario.comments[index] != nil) {
                steps.append(((index == 0 ? [] : scenario.comments[index] ?? []).joined(separator: " "), "", false))
            }
            switch line.step {
            case .type, .key, .paste, .otpApp, .otpEmail, .scan, .advance: steps[steps.count - 1].inputs = true
            default: break
            }
            steps[steps.count - 1].screen = screens[index]
        }
        return steps.filter { !$0.text.isEmpty || $0.inputs }.map { ($0.text, $0.screen) }
    }

    /// The steps of a handout file: each section's heading and the text of its picture's rows.
    private func handoutSteps(_ html: String) throws -> [(letter: String, text: String, screen: String)] {
        let sections = html.matches(of: /<section class="step[^"]*" id="step-([a-z]+)">(.*?)<\/section>/.dotMatchesNewlines())
        return try sections.map { section in
            let body = String(section.output.2)
            let heading = try XCTUnwrap(body.firstMatch(of: /<h2><span class="letter">[a-z]+\)<\/span>(.*?)<\/h2>/)).output.1
            let svg = try XCTUnwrap(body.firstMatch(of: /<svg .*?viewBox="0 0 ([0-9.]+) ([0-9.]+)".*?<\/svg>/.dotMatchesNewlines()))
            let rowCount = Int((Double(svg.output.2)! / 19.2).rounded())
            var rows = Array(repeating: "", count: rowCount)
            for row in String(svg.output.0).matches(of: /<text class="row" y="([0-9.]+)"[^>]*>(.*?)<\/text>/) {
                let index = Int(Double(row.output.1)! / 19.2)
                rows[index] = row.output.2.matches(of: /<tspan[^>]*>(.*?)<\/tspan>/).map { Self.unescaped(String($0.output.1)) }.joined()
            }
            return (String(section.output.1), Self.unescaped(String(heading)), rows.joined(separator: "\n") + "\n")
        }
    }

    static func unescaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&apos;", with: "'")
            .replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&amp;", with: "&")
    }

    func testTheFirstLogonHandoutHasEveryStepInOrderWithTheEnginesScreenAndNoSecret() throws {
        let chromium = try requireTool("chromium")
        let pdfinfo = try requireTool("pdfinfo")
        let file = Self.scenarios.appendingPathComponent("first-logon-register-app.scenario")
        let out = try scratch()
        let made = try Programs.run(Programs.ccassTerminal, ["handout", file.path, "-o", out.path, "--pdf"])
        XCTAssertEqual(made.status, 0, made.err)
        let html = try String(contentsOf: out.appendingPathComponent("first-logon-register-app.html"), encoding: .utf8)

        // Self-contained: nothing fetched from anywhere.
        XCTAssertNil(html.firstMatch(of: /(src|href)=|@import|url\(/), "an external asset")
        // Every step, in order, with the screen the scenario engine shows at its end.
        let scenario = try Scenario(name: file.path, text: String(contentsOf: file, encoding: .utf8))
        let expected = try expectedSteps(scenario)
        let found = try handoutSteps(html)
        XCTAssertEqual(found.count, expected.count, "steps")
        XCTAssertGreaterThanOrEqual(found.count, 8)
        for (index, (step, wanted)) in zip(found, expected).enumerated() {
            XCTAssertEqual(step.letter, String(Array("abcdefghijklmnopqrstuvwxyz")[index]))
            XCTAssertEqual(step.text, wanted.text, "step \(step.letter)")
            XCTAssertEqual(step.screen, wanted.screen, "step \(step.letter): the picture's text is not the engine's screen")
        }
        XCTAssertTrue(found.contains { $0.screen.contains("REGISTER DEVICE") && $0.screen.contains("Key:") }, "REGISTER DEVICE is pictured")
        XCTAssertTrue(found.last?.screen.contains("Logged on as B0123401 by 2FA (authenticator app).") == true)

        // No password, code or key anywhere: the words say "the password", the pictures mask them.
        let words = html.replacingOccurrences(of: #"<[^>]+>"#, with: " ", options: .regularExpression)
        for secret in ["Brand-New#Pass2023", "Training#2023Pass"] { XCTAssertFalse(html.contains(secret), secret) }
        XCTAssertNil(words.firstMatch(of: /\b[0-9]{6}\b|\b[0-9]{8}\b|\b[0-9]{3} [0-9]{3}\b/), "a code in the handout")
        XCTAssertNil(words.firstMatch(of: /[A-Z2-7]{4}( [A-Z2-7]{4}){7}|[A-Z2-7]{32}/), "a key in the handout")
        XCTAssertTrue(words.contains("Type the new password (not shown here)"), "the password said, not written")

        // Printed: step a under the title, then two steps a page.
        let info = try Programs.run(pdfinfo, [out.appendingPathComponent("first-logon-register-app.pdf").path]).out
        let pages = try XCTUnwrap(info.firstMatch(of: /Pages:\s+([0-9]+)/)).output.1
        XCTAssertEqual(Int(pages), 1 + expected.count / 2, info)
        // And drawn: Chromium's screenshot of the page is a picture.
        let png = out.appendingPathComponent("first-logon.png")
        var arguments = ["--headless", "--disable-gpu", "--no-first-run", "--user-data-dir=\(out.appendingPathComponent("profile").path)",
                         "--window-size=900,1300", "--screenshot=\(png.path)"]
        if geteuid() == 0 { arguments.append("--no-sandbox") }
        _ = try Programs.run(chromium, arguments + [out.appendingPathComponent("first-logon-register-app.html").absoluteString])
        let bytes = try Data(contentsOf: png)
        XCTAssertEqual(Array(bytes.prefix(8)), [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], "a PNG")
        XCTAssertGreaterThan(bytes.count, 20_000, "a page with pictures on it")
    }

    func testAFlowThatNoLongerWorksMakesNoHandoutAndNamesTheLine() throws {
        let out = try scratch()
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let file = out.appendingPathComponent("broken.scenario")
        try "# A flow whose screen changed.\nkey Enter\n# The logon page.\nexpect \"A text that is not there\"\n".write(to: file, atomically: true, encoding: .utf8)
        let made = try Programs.run(Programs.ccassTerminal, ["handout", file.path, "-o", out.appendingPathComponent("out").path])
        XCTAssertEqual(made.status, 1)
        XCTAssertTrue(made.err.contains("line 4: expect \"A text that is not there\""), made.err)
        XCTAssertTrue(made.err.contains("no handout written"), made.err)
        XCTAssertFalse(FileManager.default.fileExists(atPath: out.appendingPathComponent("out/broken.html").path))
    }

    /// `class cards`: a card a seat, with how to connect, the seat's user IDs and its first
    /// screen, and never the training password (that is the roster's).
    func testClassCardsHaveACardPerSeatWithItsKeyAccountsAndFirstScreen() throws {
        let dir = try scratch()
        func run(_ arguments: String...) throws -> (out: String, err: String, status: Int32) {
            try Programs.run(Programs.ccassTerminal, arguments + ["--data-dir", dir.path])
        }
        XCTAssertEqual(try run("demo", "--training-kdf-iterations", "1000", "--clock", "2023-06-12T09:00+08:00").status, 0)
        XCTAssertEqual(try run("class", "create", "mon", "--trainees", "3", "--console", "dms").status, 0)
        let file = dir.appendingPathComponent("cards.html")
        let made = try run("class", "cards", "mon", "-o", file.path, "--host", "training.example", "--user", "ccass")
        XCTAssertEqual(made.status, 0, made.err)
        let html = try String(contentsOf: file, encoding: .utf8)
        let cards = html.components(separatedBy: "<section class=\"card\">").dropFirst()
        XCTAssertEqual(cards.count, 3)
        for (index, card) in cards.enumerated() {
            let seat = index + 1
            XCTAssertTrue(card.contains("Class mon, seat \(seat) (T0010\(seat))"), card)
            XCTAssertTrue(card.contains(String(format: "seat-%02d/id_ed25519", seat)), "the key file to hand out")
            XCTAssertTrue(card.contains("ssh -i id_ed25519 ccass@training.example"))
            for suffix in ["01", "02", "03", "04", "X1", "Y1", "Z1"] { XCTAssertTrue(card.contains("T0010\(seat)\(suffix)"), suffix) }
            // The first screen: the class's console (DMS), with the seat's greeting.
            XCTAssertTrue(card.contains("<svg") && card.contains("Login with OTP - Security Management Function"), "DMS landing")
            XCTAssertTrue(card.contains("Seat \(seat) of class mon"), card)
        }
        XCTAssertFalse(html.contains("Training#2023Pass"), "the training password is the roster's")
    }
}
