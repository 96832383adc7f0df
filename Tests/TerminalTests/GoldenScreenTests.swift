import AuthEngine
import Authenticator
import Foundation
import TerminalApp
import TerminalCore
import TerminalProgram
import TerminalView
import XCTest

/// Golden screens: Tests/TerminalTests/Golden/NAME-COLSxROWS.txt. They record what is right;
/// a missing or different file fails. UPDATE_GOLDEN=1 rewrites them, to be read before they
/// are committed.
enum Golden {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    static func check(_ canvas: Canvas, _ name: String, file: StaticString = #filePath, line: UInt = #line) {
        let text = canvas.text
        let url = directory.appendingPathComponent("\(name)-\(canvas.columns)x\(canvas.rows).txt")
        if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] != nil {
            try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try? Data(text.utf8).write(to: url)
            return
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            return XCTFail("no golden file \(url.lastPathComponent); run with UPDATE_GOLDEN=1 and read it before committing", file: file, line: line)
        }
        if text != expected {
            XCTFail("screen differs from \(url.lastPathComponent):\n\(text)", file: file, line: line)
        }
    }
}

/// A session on a fresh demo store, driven through the real engine, update and view, with a
/// deterministic stream for keys and codes so every run shows the same screens.
final class DrivenSession {
    let session: HeadlessSession
    let directory: URL
    static let small = Size(columns: 80, rows: 24)
    static let large = Size(columns: 120, rows: 40)

    init(console: Console = .terminal, start: Date = HongKongTime.date(2023, 6, 12, 10, 0), phase: ServicePhase? = nil,
         hours: ServiceHours? = nil, trainer: Bool = false, connectivityTest: ConnectivitySession? = nil, seed: String = "golden") throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("ccass-driven-\(UUID().uuidString)")
        var header = ScenarioHeader()
        header.console = console
        header.start = start
        header.phase = phase
        header.hours = hours
        header.connectivityTest = connectivityTest
        world = try ScenarioWorld(header: header, directory: directory, seed: seed, terminal: "golden")
        session = HeadlessSession(world: world, trainer: trainer)
    }

    let world: ScenarioWorld

    deinit { try? FileManager.default.removeItem(at: directory) }

    var state: AppState { session.state }
    var text: String { session.screenText }

    func keys(_ keys: Key...) { for key in keys { session.press(key) } }
    func type(_ text: String) { session.type(text) }
    func submit(_ fields: [FieldID: String], _ action: String) { session.submit(fields: fields, button: action) }
    func submit(_ action: String) { session.submit(fields: [:], button: action) }

    /// The newest code in an inbox, read from the Maildir as a trainer would.
    func emailCode(_ address: String, file: StaticString = #filePath, line: UInt = #line) -> String {
        do {
            return try world.emailCode(address)
        } catch {
            XCTFail("\(error)", file: file, line: line)
            return ""
        }
    }

    /// The phone's current code for an account.
    func appCode(_ account: String, file: StaticString = #filePath, line: UInt = #line) -> String {
        do {
            return try world.appCode(account)
        } catch {
            XCTFail("the phone has no code for \(account): \(error)", file: file, line: line)
            return ""
        }
    }

    /// Compares the screen at 80x24 and 120x40 with its golden files.
    func check(_ name: String, sizes: [Size] = [small, large], file: StaticString = #filePath, line: UInt = #line) {
        for size in sizes {
            session.send(.resize(size))
            Golden.check(session.canvas, name, file: file, line: line)
        }
        session.send(.resize(Self.small))
    }

    func logon(_ userID: String, _ password: String = "Training#2023Pass") {
        submit([.userID: userID, .password: password], "login")
    }
}

/// Every screen and pop-up, reached the way an operator reaches it, at 80x24 and 120x40.
final class GoldenScreenTests: XCTestCase {
    func testLandingPagesOfEachConsoleAndPhase() throws {
        try DrivenSession().check("landing-terminal-transition")
        try DrivenSession(start: HongKongTime.date(2023, 6, 9, 10, 0)).check("landing-terminal-smartcard-only")
        try DrivenSession(start: HongKongTime.date(2023, 9, 5, 10, 0)).check("landing-terminal-2fa-only")
        try DrivenSession(console: .dms).check("landing-dms-transition")
        try DrivenSession(console: .dms, start: HongKongTime.date(2023, 9, 5, 10, 0)).check("landing-dms-2fa-only")
        let closed = try DrivenSession(start: HongKongTime.date(2023, 6, 11, 10, 0), hours: .shipped)
        closed.keys(.character("1"))
        closed.check("landing-closed-sunday")
        let verification = try DrivenSession()
        verification.keys(.character("v"))
        verification.check("connectivity-verification")
    }

    func testLogonAndItsRefusals() throws {
        let s = try DrivenSession()
        s.keys(.character("1"))
        s.check("logon")
        s.logon("B0123401", "Wrong#Password2023x")
        s.check("logon-invalid")
        s.logon("B0123404")
        s.check("logon-locked")
        let dms = try DrivenSession(console: .dms)
        dms.keys(.character("1"))
        dms.check("logon-dms")
    }

    func testFirstTimeLogonScreens() throws {
        let s = try DrivenSession()
        s.keys(.character("1"))
        s.submit([.userID: "B0123401"], "forgot")
        s.check("reset-user-id")
        s.submit([.userID: "B0123401"], "submit")
        s.check("reset-email-otp")
        s.submit([.otp: s.emailCode("first.logon@demo-securities.example")], "submit")
        s.type("Brand-New#Pass2023")
        s.keys(.tab)
        s.type("Brand")
        s.check("reset-new-password")
        s.submit([.newPassword: "Brand-New#Pass2023", .confirmPassword: "Brand-New#Pass2023"], "submit")
        s.check("reset-done")
        s.keys(.escape)
        s.logon("B0123401", "Brand-New#Pass2023")
        s.check("channel-setup")
        s.submit("register")
        s.check("register-device-scan")
        s.submit("code")
        s.check("register-device-code")
        s.keys(.escape, .escape)
        s.submit("skip")
        s.check("potential-risk")
        s.submit("accept")
        s.check("email-otp")
        s.submit([.otp: s.emailCode("first.logon@demo-securities.example")], "submit")
        s.check("logged-on-online")
    }

    func testOngoingLogonScreens() throws {
        let s = try DrivenSession()
        s.keys(.character("2"))
        s.logon("B0123402")
        s.check("app-otp")
        s.submit([.otp: s.appCode("HKEX:B0123402")], "submit")
        s.check("logged-on-reports")
        let expired = try DrivenSession()
        expired.keys(.character("1"))
        expired.logon("B0123405")
        expired.type("abcdefgh12")
        expired.check("password-expired")
        let smartcard = try DrivenSession()
        smartcard.keys(.character("3"))
        smartcard.check("smartcard")
        let dmsCard = try DrivenSession(console: .dms)
        dmsCard.keys(.character("2"))
        dmsCard.check("smartcard-dms")
    }

    func testResetRefusalsAndTheAppCode() throws {
        let s = try DrivenSession()
        s.keys(.character("1"))
        s.submit([.userID: "B0123403"], "forgot")
        s.submit([.userID: "B0123403"], "submit")
        s.check("reset-refused")
        s.keys(.escape)
        s.submit([.userID: "B0123402"], "forgot")
        s.submit([.userID: "B0123402"], "submit")
        s.check("reset-app-otp")
    }

    func testChangePasswordAndAuthenticationSettings() throws {
        let s = try DrivenSession()
        s.keys(.character("1"))
        s.submit([.userID: "B0123402"], "change")
        s.type("Brand-New#Pass")
        s.check("change-password-new")
        s.submit([.newPassword: "Brand-New#Pass2023", .confirmPassword: "Brand-New#Pass2023"], "update")
        s.check("change-password-current")
        s.submit([.currentPassword: "Training#2023Pass"], "update")
        s.check("change-password-done")
        s.keys(.escape)
        s.submit([.userID: "HKABC101"], "change")
        s.submit("settings")
        s.check("settings-credentials")
        s.submit([.password: "Training#2023Pass"], "submit")
        s.submit([.otp: s.appCode("HKEX:HKABC101")], "submit")
        s.check("settings-device")
        s.submit("delete")
        s.check("settings-confirm-delete")
        s.keys(.escape)
        s.submit("oath")
        s.keys(.character(" "))
        s.check("settings-oath")
    }

    func testDMSScreens() throws {
        let s = try DrivenSession(console: .dms)
        s.keys(.character("1"))
        s.logon("B01234X1")
        s.submit([.otp: s.appCode("HKEX:B01234X1")], "submit")
        s.check("logged-on-dms")
        s.submit("maintainUserProfile")
        s.check("dms-maintain-user-profile")
        s.submit("create")
        s.check("dms-create-user-profile")
        s.keys(.escape)
        for function in ["change", "delete", "enquire"] {
            s.submit(function)
            s.submit([.userID: "B0123404"], "submit")
            s.check("dms-\(function)-user-profile-found")
            s.keys(.escape, .escape)
        }
        s.submit("change")
        s.submit([.userID: "B01234Z1"], "submit")
        s.check("dms-change-da-profile-eservice-da3")
        s.keys(.escape)
        s.submit([.userID: "B0123404"], "submit")
        s.submit("reset")
        s.submit("change")
        s.submit([.checkerID: "B01234X1", .authorizationCode: "Training#2023Pass"], "confirm")
        s.check("dms-checker-confirms")
        s.submit([.checkerID: "B01234Y1", .authorizationCode: "Training#2023Pass"], "confirm")
        s.check("dms-checker-confirmed")
        s.keys(.escape)
        XCTAssertNotNil(s.state.screen.as(MaintainUserProfileScreen.self), "back on the menu")
        s.submit("listing")
        XCTAssertNotNil(s.state.screen.as(ProfileListingScreen.self))
        s.keys(.down, .down)
        s.check("dms-user-profile-listing")
    }

    func testAfterDecommissioningDMSAssignsBusinessGroupsNotTheDARole() throws {
        let s = try DrivenSession(console: .dms, start: HongKongTime.date(2023, 9, 5, 10, 0))
        s.keys(.character("1"))
        s.logon("B01234X1")
        s.submit([.otp: s.appCode("HKEX:B01234X1")], "submit")
        s.submit("maintainUserProfile")
        s.submit("change")
        s.submit([.userID: "B01234Z1"], "submit")
        s.check("dms-change-da-profile-decommissioned")
    }

    func testTheConnectivityTestAndTheTrainersPanel() throws {
        let test = try DrivenSession(start: HongKongTime.date(2023, 6, 10, 18, 30), phase: .transition, connectivityTest: .primary)
        test.keys(.character("2"))
        test.logon("B0123402")
        test.submit([.otp: test.appCode("HKEX:B0123402")], "submit")
        test.check("connectivity-test-logged-on")
        let trainer = try DrivenSession(trainer: true)
        trainer.keys(.character("1"))
        trainer.logon("B0123403")
        trainer.check("trainer-email-otp")
    }

    func testTooSmallWindow() throws {
        let s = try DrivenSession()
        s.check("too-small", sizes: [Size(columns: 60, rows: 20)])
    }

    func testTheCursorSitsInTheFocusedField() throws {
        let s = try DrivenSession()
        s.keys(.character("1"))
        s.type("B01")
        let canvas = s.session.canvas
        guard let cursor = canvas.cursor else { return XCTFail("a focused field shows the cursor") }
        XCTAssertEqual(canvas.lines[cursor.row].dropFirst(cursor.column - 3).prefix(3), "B01")
    }

    func testPasswordsAreNeverDrawn() throws {
        let s = try DrivenSession()
        s.keys(.character("1"))
        s.type("B0123401")
        s.keys(.tab)
        s.type("Training#2023Pass")
        XCTAssertFalse(s.text.contains("Training"))
        XCTAssertTrue(s.text.contains("*****************"))
    }

    /// Every kind of screen is a case of `Screen` under its own name (a screen without a view
    /// does not compile: `Renderer.view(of:)` switches over every case).
    func testEveryScreenKindNamesItsType() {
        XCTAssertEqual(Set(Screen.Kind.allCases.map { String(describing: $0.model) }).count, Screen.Kind.allCases.count)
    }
}
