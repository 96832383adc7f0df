import AuthDomain
import AuthEngine
import Foundation
@testable import TerminalApp
@testable import TerminalCore
import TerminalProgram
import TerminalView
import TestSupport
import XCTest

/// What a new operator, trainer and tester tripped on at the keyboard (issue 22), each pinned.
final class KeyboardWalkTests: XCTestCase {
    private let s = FlowSession(token: "t1", userID: "B0123401")

    // MARK: Focus and keys

    /// The 8 digits typed while SUBMIT OTP has the focus go into the OTP field (the field before
    /// it), and Enter then submits them; on the logon form a password typed on LOG IN goes into
    /// the password field.
    func testCharactersTypedOnAButtonGoToTheFieldBeforeIt() {
        var d = Driver(showing: EmailOTPScreen(session: s, function: .onlineFunctions, notice: Fixtures.notice))
        d.press(.tab)
        XCTAssertEqual(d.state.currentForm?.focusedItem?.key, "submit")
        d.type("12345678")
        XCTAssertEqual(d.state.currentForm?.text(.otp), "12345678")
        let effects = d.press(.enter)
        XCTAssertEqual(effects, [.engine(id: 1, .submitLogonOTP(s, code: "12345678"))], "Enter in the last field submits the code")

        var logon = Driver(showing: LogonScreen(function: .onlineFunctions, userID: "B0123402", focusOnPassword: true))
        logon.press(.tab)
        XCTAssertEqual(logon.state.currentForm?.focusedItem?.key, "login")
        logon.type("Training#2023Pass")
        XCTAssertEqual(logon.state.currentForm?.text(.password), "Training#2023Pass")
        XCTAssertNil(logon.state.message, "no refusal: the characters went where they were meant to")
    }

    /// The mailbox's address list comes back on the address that was read.
    func testTheMailboxComesBackOnTheAddressRead() {
        var inbox = InboxModel(address: nil)
        _ = inbox.receive(.loaded(.addresses, InboxModel.Listing(lines: ["a@x.example", "b@x.example", "c@x.example"])))
        _ = inbox.input(.key(.down))
        _ = inbox.input(.key(.down))
        XCTAssertEqual(inbox.input(.key(.enter)).count, 1)
        XCTAssertEqual(inbox.view, .messages(address: "c@x.example"))
        _ = inbox.input(.key(.escape))
        _ = inbox.receive(.loaded(.addresses, InboxModel.Listing(lines: ["a@x.example", "b@x.example", "c@x.example"])))
        XCTAssertEqual(inbox.selected, 2, "on the address just read, not the first")
        // Long lines scroll sideways, and the hint line says so.
        _ = inbox.input(.key(.right))
        XCTAssertEqual(inbox.shift, 8)
        XCTAssertTrue(inbox.frame(size: Size(columns: 80, rows: 24)).canvas.text.contains("←→ sideways"))
    }

    // MARK: DMS

    /// The listing enlarged after scrolling shows more rows, not empty ones; scrolled sideways
    /// it keeps the User ID column and the headings, with a `‹` where the rest was cut.
    func testTheListingClampsItsScrollAndKeepsItsFirstColumn() {
        let rows = (1...12).map { n in
            UserProfileListing.Row(userID: String(format: "B01234%02d", n), role: AccountRole(kind: .user), state: .app, locked: false,
                                   disabled: false, email: "user\(n)@demo-securities.example")
        }
        let report = UserProfileListing(participantKey: "HKSCC-CP:B01234", participantName: "DEMO", rows: rows, maxUsers: 20)
        var screen = ProfileListingScreen(success: Fixtures.da)
        screen.listing = report
        var d = Driver(.dms, showing: screen)
        d.press(.pageDown, .pageDown)
        XCTAssertGreaterThan(d.state.screen.as(ProfileListingScreen.self)?.scroll ?? 0, 0)
        d.send(.resize(Size(columns: 120, rows: 40)))
        let large = Renderer.render(d.state).text
        XCTAssertTrue(large.contains("Rows 1-"), large)
        XCTAssertTrue(large.contains("B0123401") && large.contains("B0123412"), "every row fits at 120x40:\n\(large)")
        d.send(.resize(Size(columns: 80, rows: 24)))
        d.press(.home)
        d.press(.right, .right)
        let shifted = Renderer.render(d.state).text
        XCTAssertTrue(shifted.contains("USER ID   ‹"), "the headings keep their first column:\n\(shifted)")
        XCTAssertTrue(shifted.contains("B0123401  ‹"), "each row keeps its User ID:\n\(shifted)")
        XCTAssertTrue(shifted.contains("USER PROFILE LISTING"), "the title stays")
    }

    // MARK: Texts and layout

    /// A pop-up over a screen whose box it overlaps never runs its border into the border beneath.
    func testNestedPopUpsDoNotRunIntoTheBorderBeneath() {
        var state = Fixtures.state(showing: LogonScreen(function: .onlineFunctions))
        let popups: [Screen] = [ResetPopup(userID: "B0123401").screen, ChangePasswordPopup(userID: "B0123401").screen,
                                AuthenticationSettingsPopup(userID: "B0123401").screen]
        for size in [Size(columns: 80, rows: 24), Size(columns: 120, rows: 40)] {
            state.size = size
            for popup in popups {
                state.open(popup)
                let text = Renderer.render(state).text
                XCTAssertFalse(text.contains("┌─┌") || text.contains("┐─┐") || text.contains("└─└") || text.contains("┘─┘"),
                               "\(popup.name) at \(size):\n\(text)")
            }
        }
    }

    /// A countdown of the resend wait never reads more than the wait, however long the line-based
    /// front end waited for its line before the code was sent (a minute's tick not yet due).
    func testTheResendWaitNeverReadsMoreThanFiveMinutes() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ccass-walk-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        XCTAssertEqual(try Programs.run(Programs.ccassTerminal, ["demo", "--data-dir", dir.path, "--training-kdf-iterations", "1000",
                                                                 "--clock", "2023-06-12T09:00+08:00"]).status, 0)
        let session = try PlainSession(Programs.ccassTerminal, ["--plain", "--data-dir", dir.path, "--clock", "2023-06-12T10:00:01+08:00"])
        try session.waitFor("or q to quit: ")
        try session.logOn("B0123403", password: "Training#2023Pass")
        // The operator takes their time: the line comes seconds after the last tick.
        Thread.sleep(forTimeInterval: 4)
        session.send("")
        try session.waitFor("OTP: ")
        let shown = session.transcript
        let wait = try XCTUnwrap(shown.range(of: #"requested in \d+:\d\d"#, options: [.regularExpression, .backwards]).map { String(shown[$0]) })
        XCTAssertTrue(["requested in 5:00", "requested in 4:59"].contains(wait), "\(wait) for a five-minute wait")
        session.send("q")
        _ = try session.finish()
    }

    /// Plain mode's Change User Profile shows what a field holds, and an empty answer keeps it.
    func testPlainModeShowsAndKeepsAFieldsValue() throws {
        let prompt = Prompt(fields: [Prompt.Field(.emailAddress, masked: false, value: "old@demo.example"),
                                     Prompt.Field(.password, masked: true, value: "secret")],
                            actions: [(id: "change", label: "Change")])
        XCTAssertEqual(prompt.fields[1].value, "", "a secret is never shown")
        // Through a pipe: an empty line keeps the email address; the form's fields carry only what was typed.
        let input = Pipe()
        let piped = PlainBackend(input: input.fileHandleForReading)
        piped.draw(Frame(canvas: Canvas(columns: 80, rows: 24), prompt: prompt))
        input.fileHandleForWriting.write(Data("\n\n1\n".utf8))
        let events = piped.wait(timeout: nil)
        XCTAssertEqual(events, [.submitForm(fields: [.password: ""], action: "change")], "the email is kept as it was")
    }

    // MARK: REGISTER DEVICE

    /// Back from REGISTER DEVICE and into it again shows the same key (an app that scanned it
    /// keeps working), and says so; SKIP THIS STEP drops it.
    func testRegisterDeviceShowsTheSameKeyUntilItIsConfirmed() throws {
        var header = ScenarioHeader()
        header.hours = nil
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ccass-walk-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let world = try ScenarioWorld(header: header, directory: dir, seed: "same-key")
        let engine = world.engine
        guard case .setUpOTPChannel(let flow) = try engine.logon(userID: "B0123408", password: "Training#2023Pass", service: .terminal) else {
            return XCTFail("B0123408 has a password and no channel yet")
        }
        let first = try engine.beginDeviceRegistration(flow)
        XCTAssertFalse(first.shownBefore)
        try engine.abandonDeviceRegistration(flow)
        let again = try engine.beginDeviceRegistration(flow)
        XCTAssertEqual(again.uri, first.uri, "the same key")
        XCTAssertTrue(again.shownBefore)
        let state = Fixtures.state(showing: RegisterDeviceScreen(session: flow, function: .onlineFunctions, registration: again))
        XCTAssertTrue(ScenarioRunner.shows(Renderer.render(state).text, "The same key as before: an app that scanned it already shows its codes."))
        // The code from the first key logs on.
        let uri = try OTPAuthURI(parsing: first.uri)
        guard case .accepted(.loggedOn) = try engine.submitOTP(flow, code: uri.generator.totp(secret: uri.secret, at: world.clock.now())) else {
            return XCTFail("the first key's code was refused")
        }
    }

    /// At 120 columns with the phone and the inbox beside the terminal, REGISTER DEVICE gets the
    /// room its QR code needs: the panels step aside while it is shown, and come back after.
    func testThePanelsStepAsideForTheQRCode() {
        let window = Size(columns: 120, rows: 40)
        var state = AppState(console: .terminal, phase: .transition, now: Fixtures.now, size: window)
        state.show(ChannelSetupScreen(session: s, function: .onlineFunctions))
        var model = TerminalModel(state: state, window: window, flipping: true, panelTitle: "Your phone and inbox")
        XCTAssertEqual(model.state.size.columns, 80, "the phone and the inbox take 40 columns")
        model.state.show(RegisterDeviceScreen(session: s, function: .onlineFunctions, registration: Fixtures.registration))
        _ = model.receive(.event(.tick(now: Fixtures.now, phase: .transition)))
        XCTAssertEqual(model.state.size, window, "the QR code gets the whole window")
        let text = model.frame(size: window).canvas.text
        XCTAssertFalse(text.contains("needs a window of at least"), "the QR code is drawn:\n\(text)")
        XCTAssertTrue(text.contains("F4 scan with the phone"), "the phone still scans it")
        model.state.show(ChannelSetupScreen(session: s, function: .onlineFunctions))
        _ = model.receive(.event(.tick(now: Fixtures.now, phase: .transition)))
        XCTAssertEqual(model.state.size.columns, 80, "the panels come back")
    }
}

extension KeyboardWalkTests {
    /// Ctrl-Z suspends the program as in other terminal programs (the terminal given back to
    /// the shell), and `fg` brings it back on the same screen, which still answers keys.
    func testCtrlZSuspendsAndFgResumes() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ccass-walk-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        XCTAssertEqual(try Programs.run(Programs.ccassTerminal, ["demo", "--data-dir", dir.path, "--training-kdf-iterations", "1000"]).status, 0)
        let term = try TmuxTerminal(testCase: self)
        // A shell with job control, as an operator's is.
        try term.start("env PS1='shell$ ' bash --norc --noprofile -i")
        try term.waitFor("shell$")
        term.type("\(Programs.ccassTerminal.path) --data-dir \(dir.path) --ignore-hours")
        term.keys("Enter")
        try term.waitFor("Please select the login method")
        term.keys("Enter")
        try term.waitFor("Enter your User ID and Password")
        term.keys("C-z")
        try term.waitFor("Stopped")
        let stopped = try term.waitFor("shell$")
        XCTAssertFalse(stopped.contains("┌─ Login with OTP"), "the shell has its screen back:\n\(stopped)")
        term.type("fg")
        term.keys("Enter")
        try term.waitFor("Enter your User ID and Password")
        term.type("B0123402")
        try term.waitFor("B0123402")
        term.keys("C-c")
        try term.waitUntil("the shell's prompt after the program") { $0.components(separatedBy: "shell$").count >= 4 }
    }

    /// Without a job-control shell (a seat's terminal started by sshd, a launcher script) nobody
    /// could bring a stopped program back: Ctrl-Z only redraws, and the screen still answers.
    func testCtrlZWithoutJobControlOnlyRedraws() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ccass-walk-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        XCTAssertEqual(try Programs.run(Programs.ccassTerminal, ["demo", "--data-dir", dir.path, "--training-kdf-iterations", "1000"]).status, 0)
        let term = try TmuxTerminal(testCase: self)
        try term.start("\(Programs.ccassTerminal.path) --data-dir \(dir.path) --ignore-hours")
        try term.waitFor("Please select the login method")
        term.keys("Enter")
        try term.waitFor("Enter your User ID and Password")
        term.keys("C-z")
        term.type("B0123402")
        try term.waitFor("B0123402")
        XCTAssertFalse(term.capture().contains("PROGRAM-EXITED"), "the program still runs")
        term.keys("C-c")
        try term.waitForExit()
    }
}
