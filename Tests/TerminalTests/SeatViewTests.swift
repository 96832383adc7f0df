import AuthDomain
import AuthEngine
import Authenticator
import Foundation
import Synchronization
import TerminalApp
import TerminalCore
import TerminalProgram
import TerminalView
import XCTest

/// A class seat's window and the trainer's dashboard, without a terminal.
final class SeatViewTests: XCTestCase {
    static let now = HongKongTime.date(2023, 6, 12, 9, 0)

    private func seat(columns: Int, rows: Int = 24) -> TerminalModel {
        let size = Size(columns: columns, rows: rows)
        var model = TerminalModel(state: AppState(console: .terminal, phase: .transition, now: Self.now, size: size), window: size, flipping: true,
                                  panelTitle: "Your phone and inbox")
        _ = model.receive(.panels(phone: [PhoneView.Row(label: "HKEX:T0010102", code: "123456", secondsLeft: 20, period: 30, detail: "TOTP")],
                                  inbox: [InboxView.Row(sent: Self.now, address: "first.logon@seat01.monday.training.example",
                                                        summary: "OTP 12345678, valid until 09:05")]))
        return model
    }

    func testAtEightyColumnsThePhoneAndInboxAreAKeyAway() {
        var model = seat(columns: 80)
        var text = model.frame(size: model.window).canvas.text
        XCTAssertTrue(text.contains("F2 phone  F3 inbox"), text)
        XCTAssertTrue(text.contains("Please select the login method"))
        _ = model.input(.key(.function(2)))
        text = model.frame(size: model.window).canvas.text
        XCTAssertTrue(text.contains("Authenticator (virtual phone)") && text.contains("HKEX:T0010102") && text.contains("123 456"), text)
        XCTAssertFalse(text.contains("Please select the login method"))
        _ = model.input(.key(.function(3)))
        text = model.frame(size: model.window).canvas.text
        XCTAssertTrue(text.contains("first.logon@seat01.monday.training.example"), text)
        // Keys meant for the terminal wait while a panel is up; Esc goes back to it as it was.
        _ = model.input(.key(.character("2")))
        _ = model.input(.key(.escape))
        text = model.frame(size: model.window).canvas.text
        XCTAssertTrue(text.contains("1. Login with OTP - Online Functions"), text)
        XCTAssertNotNil(model.state.screen.as(LandingScreen.self), "the 2 typed over the phone did not open a logon page")
        _ = model.input(.key(.function(3)))
        _ = model.input(.key(.function(3)))
        XCTAssertTrue(model.frame(size: model.window).canvas.text.contains("Please select the login method"), "F3 twice is back")
    }

    /// F4 on REGISTER DEVICE: the phone beside the terminal scans the QR code, and the account
    /// comes into view with its code.
    func testF4ScansTheQRCodeIntoThePhoneBesideTheTerminal() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ccass-scan-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: directory) }
        let engine = AuthEngine(store: try AccountStore(location: StoreLocation(directory: directory)), clock: FixedClock(Self.now),
                                configuration: EngineConfiguration(hasher: try PasswordHasher(iterations: 1_000, allowReducedCost: true)))
        let runner = TerminalRunner(engine: engine, threaded: false, panels: PanelSource.reading(directory: directory))
        var model = seat(columns: 80)
        XCTAssertTrue(model.input(.key(.function(4))).isEmpty, "nothing to scan on the landing page")
        model.state.show(RegisterDeviceScreen(session: FlowSession(token: "t", userID: "B0123401"), function: .onlineFunctions,
                                              registration: Fixtures.registration))
        XCTAssertTrue(model.frame(size: model.window).canvas.text.contains("F4 scan with the phone"))
        let posted = Mutex<[TerminalModel.Message]>([])
        for command in model.input(.key(.function(4))) { runner.run(command) { message in posted.withLock { $0.append(message) } } }
        for message in posted.withLock({ $0 }) { _ = model.receive(message) }
        XCTAssertEqual(model.state.message?.kind, .success, String(describing: model.state.message))
        XCTAssertEqual(try Phone.load(directory: directory).entries.map { try $0.parsed.label }, ["HKEX:B0123401"])
        _ = model.input(.key(.function(2)))
        let phone = model.frame(size: model.window).canvas.text
        XCTAssertTrue(phone.contains("HKEX:B0123401") && phone.contains("433 878"), "oathtool: RFC 6238 secret at 2023-06-12 01:00 UTC:\n\(phone)")
    }

    func testAtOneHundredTwentyColumnsTheyAreBesideTheTerminal() {
        var model = seat(columns: 120, rows: 30)
        let text = model.frame(size: model.window).canvas.text
        XCTAssertTrue(text.contains("HKEX:T0010102") && text.contains("Please select the login method"), text)
        XCTAssertFalse(text.contains("F2 phone"), "no flip keys when both fit")
        XCTAssertTrue(text.contains("Your phone and inbox") && !text.contains("Trainer's view"), "a trainee's own panels")
        // Narrowed: the keys come back.
        _ = model.input(.resize(Size(columns: 80, rows: 24)))
        XCTAssertTrue(model.frame(size: model.window).canvas.text.contains("F2 phone  F3 inbox"))
    }

    func testTheDashboardShowsEachSeatsExercisesAndTheTotals() {
        let done: [SeatProgress.Milestone: Date] = [.passwordSet: Self.now.addingTimeInterval(120), .deviceOrRisk: Self.now.addingTimeInterval(180),
                                                   .appLogon: Self.now.addingTimeInterval(240)]
        let all = Dictionary(uniqueKeysWithValues: SeatProgress.Milestone.allCases.map { ($0, Self.now.addingTimeInterval(600)) })
        let seats = [SeatProgress(seat: 1, participantID: "T00101", done: done), SeatProgress(seat: 2, participantID: "T00102", done: [:]),
                     SeatProgress(seat: 10, participantID: "T00110", done: all)]
        XCTAssertEqual(DashboardView.header(), "Seat  Password Device   App      Email    Locked   Unlocked Reset    Done")
        XCTAssertEqual(DashboardView.row(seats[0]), "   1  09:02    09:03    09:04    -        -        -        -        3/7")
        XCTAssertEqual(DashboardView.row(seats[2]), "  10  09:10    09:10    09:10    09:10    09:10    09:10    09:10    7/7")
        XCTAssertEqual(DashboardView.totals(seats), "All   2        2        2        1        1        1        1        1/3")
        XCTAssertTrue(DashboardView.csv(seats).contains("\n1,T00101,2023-06-12 09:02:00 HKT,2023-06-12 09:03:00 HKT,2023-06-12 09:04:00 HKT,,,,,3,\n"))
        var model = DashboardModel(name: "monday", now: Self.now)
        _ = model.receive(.loaded(seats, now: Self.now, settings: "hours always (open at any hour), policy the store's, console terminal"))
        let text = model.frame(size: Size(columns: 80, rows: 24)).canvas.text
        XCTAssertTrue(text.contains("Class monday: 3 seats") && text.contains("2023-06-12 09:00:00 HKT"), text)
        XCTAssertTrue(text.contains(" Hours always (open at any hour), policy the store's, console terminal"), "the class's settings:\n\(text)")
        XCTAssertTrue(text.contains("   2  -        -"), text)
        XCTAssertTrue(text.contains(" All   2        2        2        1"), "the totals under the table:\n\(text)")
        _ = model.input(.key(.character("q")))
        XCTAssertTrue(model.isFinished)
    }
}
