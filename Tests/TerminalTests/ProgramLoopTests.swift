import AuthDomain
import Foundation
import Synchronization
import TerminalApp
import TerminalCore
import TerminalProgram
import TerminalView
import XCTest

/// The one program loop on the TestBackend: input, timers, engine answers and rendering,
/// without a terminal.
final class ProgramLoopTests: XCTestCase {
    static let start = HongKongTime.date(2023, 6, 12, 10, 0, 10)

    /// A runner that keeps the engine calls until the test answers them.
    final class HeldRunner: @unchecked Sendable {
        private let held = Mutex<[(request: EngineRequest, id: Int, post: @Sendable (TerminalModel.Message) -> Void)]>([])
        var requests: [EngineRequest] { held.withLock { $0.map(\.request) } }

        func run(_ command: TerminalModel.Command, post: @escaping @Sendable (TerminalModel.Message) -> Void) {
            guard case .engine(let id, let call) = command, id != 0 else { return }
            held.withLock { $0.append((call.request, id, post)) }
        }

        func answer(_ answer: EngineAnswer) {
            let call = held.withLock { $0.removeFirst() }
            call.post(.event(.engine(id: call.id, answer)))
        }
    }

    private func program(_ script: [TestBackend.Step], clock: TestClock, runner: HeldRunner = HeldRunner(),
                         setUp: (inout AppState) -> Void = { _ in }) -> (Program<TerminalModel>, TestBackend) {
        let backend = TestBackend(script: script, clock: clock)
        var state = AppState(console: .terminal, phase: .transition, now: clock.now(), size: backend.size)
        setUp(&state)
        let program = Program(model: TerminalModel(state: state, window: backend.size), backend: backend, clock: { clock.now() },
                              run: runner.run)
        return (program, backend)
    }

    func testItDrawsOnlyWhenSomethingChangedAndSleepsUntilTheNextMinute() {
        let clock = TestClock(Self.start)
        let (program, backend) = program([.events([.key(.character("1"))]), .events([.key(.left)]), .events([.key(.left)])], clock: clock)
        XCTAssertEqual(program.run(), .endOfInput)
        XCTAssertEqual(backend.frames.count, 2, "the landing page, then the logon page; Left in an empty field changes nothing")
        XCTAssertTrue(backend.frames[1].canvas.text.contains("Enter your User ID and Password"))
        // Idle: the loop sleeps until the minute on the title bar changes, not every second.
        XCTAssertEqual(backend.waits.first ?? nil, 50)
    }

    func testAResizeRedrawsAtTheNewSize() {
        let clock = TestClock(Self.start)
        var backendRef: TestBackend?
        let (program, backend) = program([.run { backendRef?.size = Size(columns: 100, rows: 30) },
                                          .events([.resize(Size(columns: 100, rows: 30))])], clock: clock)
        backendRef = backend
        _ = program.run()
        XCTAssertEqual(backend.frames.last?.canvas.columns, 100)
        XCTAssertEqual(program.model.state.size, Size(columns: 100, rows: 30))
    }

    func testACountdownTicksEverySecondAndShowsOneValue() throws {
        let clock = TestClock(Self.start)
        let notice = EmailOTPNotice(sentTo: "e********r@demo-securities.example", sentAt: Self.start, expiresAt: Self.start.addingTimeInterval(300),
                                    nextRequestAt: Self.start.addingTimeInterval(300), newlySent: true, digits: 8)
        let (program, backend) = program([.sleep(1), .sleep(1), .sleep(1)], clock: clock) { state in
            state.show(EmailOTPScreen(session: FlowSession(token: "t", userID: "B0123403"), function: .onlineFunctions, notice: notice))
        }
        _ = program.run()
        XCTAssertEqual(backend.waits.prefix(3).map { $0 ?? -1 }, [1, 1, 1], "a countdown on screen wakes the loop each second")
        let texts = backend.frames.map(\.canvas.text)
        XCTAssertTrue(texts[0].contains("A new OTP can be requested in 5:00."), texts[0])
        XCTAssertTrue(texts.last!.contains("A new OTP can be requested in 4:57."), texts.last!)
        XCTAssertEqual(texts.last!.components(separatedBy: "4:5").count - 1, 1, "one countdown value on the screen")
    }

    func testAnAnswerArrivingLateMeetsTheKeysTypedMeanwhile() throws {
        let clock = TestClock(Self.start)
        let runner = HeldRunner()
        let session = FlowSession(token: "t", userID: "B0123402")
        let (program, backend) = program([
            .events([.key(.character("1"))]),
            .events([.paste("B0123402"), .key(.tab), .paste("Training#2023Pass"), .key(.enter)]),
            // Typed while "Verifying ...": a repeated Enter, then the code.
            .events([.key(.enter), .paste("123456")]),
            .run { runner.answer(EngineAnswer(LogonOutcome.enterAppOTP(session, OTPPrompt(source: .app, digits: 6)))) },
            .events([]),
        ], clock: clock, runner: runner)
        _ = program.run()
        XCTAssertEqual(runner.requests, [], "one logon call, answered; the repeated Enter submitted nothing")
        let screen = try XCTUnwrap(program.model.state.screen.as(AppOTPScreen.self))
        XCTAssertEqual(screen.form?.text(.otp), "123456", "the code typed ahead landed in the OTP field")
        XCTAssertTrue(backend.frames.contains { $0.canvas.text.contains("Verifying your User ID and Password...") })
    }

    func testCtrlCEndsTheProgramAndItsFlows() {
        let clock = TestClock(Self.start)
        let session = FlowSession(token: "t", userID: "B0123403")
        let ended = Mutex<[EngineRequest]>([])
        let backend = TestBackend(script: [.events([.key(.interrupt)])], clock: clock)
        var state = AppState(console: .terminal, phase: .transition, now: clock.now(), size: backend.size)
        state.show(AppOTPScreen(session: session, function: .onlineFunctions, prompt: OTPPrompt(source: .app, digits: 6)))
        let program = Program(model: TerminalModel(state: state, window: backend.size), backend: backend, clock: { clock.now() }) { command, _ in
            if case .engine(_, let call) = command { ended.withLock { $0.append(call.request) } }
        }
        XCTAssertEqual(program.run(), .finished)
        XCTAssertEqual(ended.withLock { $0 }, [.cancel(session)])
    }

    func testASignalEndsTheLoopLikeCtrlC() {
        let clock = TestClock(Self.start)
        let (program, _) = program([.events([.signal(15)])], clock: clock)
        XCTAssertEqual(program.run(), .signal(15))
        XCTAssertTrue(program.model.isFinished)
    }
}

/// The phone, the inbox and the presenter's split view.
final class ProgramViewsTests: XCTestCase {
    static let rows = (1...7).map { PhoneView.Row(label: "HKEX:B012340\($0)", code: "28708\($0)", secondsLeft: 12, period: 30, detail: "TOTP SHA1, 6 digits") }

    func testThePhoneScrollsToEveryAccountAt80x24() {
        var phone = PhoneModel(now: HongKongTime.date(2023, 6, 12, 10, 0))
        _ = phone.receive(.loaded(Self.rows))
        let first = phone.frame(size: Size(columns: 80, rows: 24)).canvas.text
        XCTAssertTrue(first.contains("HKEX:B0123401"))
        XCTAssertFalse(first.contains("HKEX:B0123407"), first)
        XCTAssertTrue(first.contains("more below"), first)
        for _ in 0..<6 { _ = phone.input(.key(.down)) }
        let last = phone.frame(size: Size(columns: 80, rows: 24)).canvas.text
        XCTAssertTrue(last.contains("HKEX:B0123407"), last)
        XCTAssertTrue(last.contains("more above"), last)
        _ = phone.input(.key(.character("q")))
        XCTAssertTrue(phone.isFinished)
    }

    func testTheInboxHighlightsTheChoiceAndEscGoesBack() {
        var inbox = InboxModel(address: nil)
        _ = inbox.receive(.loaded(.addresses, InboxModel.Listing(lines: ["a@b.example", "c@d.example"])))
        _ = inbox.input(.key(.down))
        let canvas = inbox.frame(size: Size(columns: 80, rows: 10)).canvas
        XCTAssertEqual(canvas[3, 1].role, .buttonFocused, "the chosen address stands out")
        XCTAssertEqual(canvas[2, 1].role, .normal)
        let commands = inbox.input(.key(.enter))
        XCTAssertEqual(inbox.view, .messages(address: "c@d.example"))
        XCTAssertEqual(commands.count, 1)
        _ = inbox.input(.key(.escape))
        XCTAssertEqual(inbox.view, .addresses)
    }

    func testTheSplitViewShowsTerminalPhoneAndInbox() {
        let window = Size(columns: 130, rows: 36)
        var state = AppState(console: .terminal, phase: .transition, now: HongKongTime.date(2023, 6, 12, 10, 0), size: window)
        state.show(LogonScreen(function: .onlineFunctions))
        var model = TerminalModel(state: state, window: window, presenting: true)
        _ = model.receive(.panels(phone: Array(Self.rows.prefix(2)), inbox: [InboxView.Row(sent: state.now, address: "email.user@demo-securities.example",
                                                                                        summary: "OTP 12345678 valid until 10:05:00")]))
        let text = model.frame(size: window).canvas.text
        XCTAssertEqual(model.state.size, Size(columns: 90, rows: 36), "the terminal gets the left part")
        XCTAssertTrue(text.contains("287 081"), text)
        XCTAssertTrue(text.contains("OTP 12345678 valid until 10:05:00"), text)
        XCTAssertTrue(text.contains("Enter your User ID and Password"))
        XCTAssertFalse(model.redactedCanvas.text.contains("287 081"), "a recording hides the codes")
    }
}
