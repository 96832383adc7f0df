import AuthDomain
import Foundation
@testable import TerminalCore
import TerminalView
import XCTest

/// Deterministic states for the pure tests: fixed time, fixed sessions, fixed secret.
enum Fixtures {
    static let now = HongKongTime.date(2023, 6, 12, 10, 0)
    static let small = Size(columns: 80, rows: 24)
    static let large = Size(columns: 120, rows: 40)
    static let session = FlowSession(token: "t1", userID: "B0123401")
    /// An authenticator app's 6-digit code.
    static let appPrompt = OTPPrompt(source: .app, digits: 6)
    /// The enrolment of secret "12345678901234567890" (RFC 6238's), as the engine describes it.
    static let registration = DeviceRegistration(
        uri: "otpauth://totp/HKEX:B0123401?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=HKEX&algorithm=SHA1&digits=6&period=30",
        issuer: "HKEX", accountName: "B0123401", manualKey: "GEZD GNBV GY3T QOJQ GEZD GNBV GY3T QOJQ",
        digits: 6, period: 30, algorithm: "SHA1")
    /// An 8-digit email code just sent; a new one may be asked for in five minutes.
    static let notice = EmailOTPNotice(sentTo: "f*********n@demo-securities.example", sentAt: now,
                                       expiresAt: now.addingTimeInterval(300), nextRequestAt: now.addingTimeInterval(300),
                                       newlySent: true, digits: 8)
    static let actorSession = ActorSession(token: "a1")
    static let success = LogonSuccess(session: actorSession, userID: "B0123401", role: AccountRole(kind: .user),
                                      clearingHouse: .hksccParticipant, participantID: "B01234", loggedOnAt: now,
                                      previousLogonAt: now.addingTimeInterval(-86_400), method: .appOTP)
    /// A DA maker logged on to DMS.
    static let daSession = ActorSession(token: "da1")
    static let da = LogonSuccess(session: daSession, userID: "B01234X1", role: AccountRole(kind: .delegatedAdministrator, isMaker: true),
                                 clearingHouse: .hksccParticipant, participantID: "B01234", loggedOnAt: now,
                                 previousLogonAt: nil, method: .appOTP)

    static func state(_ console: Console = .terminal, phase: ServicePhase = .transition, size: Size = small) -> AppState {
        AppState(console: console, phase: phase, now: now, size: size)
    }

    /// A starting state showing `screen`.
    static func state(_ console: Console = .terminal, showing screen: some ScreenModel) -> AppState {
        var result = Self.state(console)
        result.show(screen)
        return result
    }
}

/// Applies events and keeps the effects, like the runtime does but without running them.
///
/// Two ways to step: `press`/`type`/`send`/`answer` move on without checking (to reach a
/// starting point), while `key`/`keys`/`typing`/`event`/`reply` are exhaustive, in the manner
/// of TCA's TestStore: the state after the event must equal the state before it with exactly
/// the changes `change` makes, and the effects must be exactly `effects`.
struct Driver {
    var state: AppState
    var effects: [Effect] = []

    init(_ state: AppState = Fixtures.state()) { self.state = state }

    init(_ console: Console = .terminal, showing screen: some ScreenModel) { self.init(Fixtures.state(console, showing: screen)) }

    // MARK: Unchecked steps

    @discardableResult
    mutating func send(_ events: Event...) -> [Effect] { run(events) }

    @discardableResult
    mutating func press(_ keys: Key...) -> [Effect] { run(keys.map(Event.key)) }

    @discardableResult
    mutating func type(_ text: String) -> [Effect] { run(text.map { .key(.character($0)) }) }

    /// Answers the pending engine call.
    @discardableResult
    mutating func answer(_ answer: Answer, file: StaticString = #filePath, line: UInt = #line) -> [Effect] {
        guard let pending = state.pending, let answer = answer.engineAnswer(to: pending.call, file: file, line: line) else {
            if state.pending == nil { XCTFail("no engine call is pending", file: file, line: line) }
            return []
        }
        return run([.engine(id: pending.id, answer)])
    }

    private mutating func run(_ events: [Event]) -> [Effect] {
        var produced: [Effect] = []
        for event in events { produced += Update.update(&state, event) }
        effects += produced
        return produced
    }

    // MARK: Exhaustive steps

    /// Sends `events`; the state must become the previous one changed by `change`, and the
    /// effects must be `expectedEffects`.
    mutating func step(_ events: [Event], effects expectedEffects: [Effect] = [], _ note: String = "",
                       file: StaticString = #filePath, line: UInt = #line, _ change: (inout AppState) -> Void = { _ in }) {
        var expected = state
        change(&expected)
        let produced = run(events)
        XCTAssertEqual(produced, expectedEffects, "effects \(note)", file: file, line: line)
        assertSame(state, expected, note, file: file, line: line)
    }

    mutating func key(_ key: Key, effects: [Effect] = [], _ note: String = "", file: StaticString = #filePath, line: UInt = #line,
                      _ change: (inout AppState) -> Void = { _ in }) {
        step([.key(key)], effects: effects, note, file: file, line: line, change)
    }

    mutating func keys(_ keys: Key..., effects: [Effect] = [], note: String = "", file: StaticString = #filePath, line: UInt = #line,
                       _ change: (inout AppState) -> Void = { _ in }) {
        step(keys.map(Event.key), effects: effects, note, file: file, line: line, change)
    }

    mutating func typing(_ text: String, effects: [Effect] = [], _ note: String = "", file: StaticString = #filePath, line: UInt = #line,
                         _ change: (inout AppState) -> Void = { _ in }) {
        step(text.map { .key(.character($0)) }, effects: effects, note, file: file, line: line, change)
    }

    mutating func event(_ event: Event, effects: [Effect] = [], _ note: String = "", file: StaticString = #filePath, line: UInt = #line,
                        _ change: (inout AppState) -> Void = { _ in }) {
        step([event], effects: effects, note, file: file, line: line, change)
    }

    /// Answers the pending call (the test fails if there is none, or if the call does not
    /// answer with that type).
    mutating func reply(_ answer: Answer, effects: [Effect] = [], _ note: String = "", file: StaticString = #filePath, line: UInt = #line,
                        _ change: (inout AppState) -> Void = { _ in }) {
        guard let pending = state.pending else { return XCTFail("no engine call is pending", file: file, line: line) }
        guard let answer = answer.engineAnswer(to: pending.call, file: file, line: line) else { return }
        step([.engine(id: pending.id, answer)], effects: effects, note, file: file, line: line, change)
    }

    var screenText: String { Renderer.render(state).text }
}

/// Fails with the lines of the two states that differ (the whole dump of each is long).
func assertSame(_ actual: AppState, _ expected: AppState, _ note: String = "", file: StaticString = #filePath, line: UInt = #line) {
    guard actual != expected else { return }
    func lines(_ state: AppState) -> [Substring] {
        var text = ""
        dump(state, to: &text)
        // Instance numbers only route answers; they are not part of what is compared.
        return text.split(separator: "\n").filter { !$0.contains("instance") && !$0.contains("owner") }
    }
    let a = lines(actual), e = lines(expected)
    var prefix = 0
    while prefix < min(a.count, e.count), a[prefix] == e[prefix] { prefix += 1 }
    var suffix = 0
    while suffix < min(a.count, e.count) - prefix, a[a.count - 1 - suffix] == e[e.count - 1 - suffix] { suffix += 1 }
    let context = e[max(0, prefix - 6)..<prefix].joined(separator: "\n")
    XCTFail("""
        state differs \(note)
        ...
        \(context)
        --- expected
        \(e[prefix..<(e.count - suffix)].joined(separator: "\n"))
        +++ actual
        \(a[prefix..<(a.count - suffix)].joined(separator: "\n"))
        """, file: file, line: line)
}

/// Tests look a screen up by its type; the program matches its case (`Screen`).
extension Screen {
    func `as`<S: ScreenModel>(_ type: S.Type) -> S? { model as? S }
}

extension ScreenModel {
    /// The screen as the program holds it.
    var any: Screen { screen }
}

/// Building expected states.
extension AppState {
    /// The screen now shown is `screen` (a pop-up closes, as with `.show`).
    mutating func expectScreen(_ screen: some ScreenModel) {
        self.screen = screen.any
        popup = nil
    }

    /// The current screen, changed.
    mutating func modifyScreen<S: ScreenModel>(_ type: S.Type, file: StaticString = #filePath, line: UInt = #line, _ change: (inout S) -> Void) {
        guard var model = screen.as(S.self) else { return XCTFail("the screen is \(screen.name), not \(S.self)", file: file, line: line) }
        change(&model)
        screen = model.any
    }

    /// The pop-up now open is `popup`.
    mutating func expectPopup(_ popup: some ScreenModel) { self.popup = popup.any }

    /// The open pop-up, changed.
    mutating func modifyPopup<S: ScreenModel>(_ type: S.Type, file: StaticString = #filePath, line: UInt = #line, _ change: (inout S) -> Void) {
        guard var model = popup?.as(S.self) else { return XCTFail("the pop-up is \(popup?.name ?? "none"), not \(S.self)", file: file, line: line) }
        change(&model)
        popup = model.any
    }

    /// Engine call `id` is pending (and the next one will be `id + 1`).
    mutating func expectCall(_ id: Int, _ request: EngineRequest, _ label: String) {
        pending = PendingCall(id: id, call: AnyEngineCall(comparing: request), label: label)
        nextRequestID = id + 1
    }
}

extension ScreenModel {
    /// This screen with its form's focus on the item with this label or id.
    func focused(on key: String) -> Self {
        var copy = self
        copy.form?.focus(on: key)
        return copy
    }

    /// This screen with a field's text set as typing would leave it.
    func filled(_ field: FieldID, _ text: String) -> Self {
        var copy = self
        copy.form?.set(field, text)
        return copy
    }

    func with(_ change: (inout Self) -> Void) -> Self {
        var copy = self
        change(&copy)
        return copy
    }
}

/// Effects as tests write them: the request an engine call asks.
extension Effect {
    static func engine(id: Int, _ request: EngineRequest) -> Effect { .engine(id: id, AnyEngineCall(comparing: request)) }
}

/// An engine answer as a test writes it, by what it answers; the pending call says which type
/// the screen takes (a code's outcome has one type per flow).
enum Answer {
    case logon(LogonOutcome)
    case otp(OTPOutcome)
    case emailOTP(EmailOTPRequestOutcome)
    case registration(DeviceRegistration)
    case skipped(EmailOTPNotice)
    case resetStart(ResetStart)
    case passwordChange(PasswordChangeOutcome)
    case expiredChange(ExpiredPasswordChange)
    case settingsStart(SettingsStart)
    case settingsSaved(SettingsChange)
    case smartcard(SmartcardOutcome)
    case availability(DMSFunction, Unavailability?)
    case profile(UserProfile)
    case changeSubmitted(PendingChange)
    case authorisation(AuthorisationOutcome)
    case listing(UserProfileListing)
    case exported(path: String)
    case done
    case failure(EngineError)

    /// The answer as the engine gives it to `call`; nil (and the test fails) when the call
    /// does not answer with it.
    func engineAnswer(to call: AnyEngineCall, file: StaticString, line: UInt) -> EngineAnswer? {
        let answer: EngineAnswer
        switch self {
        case .logon(let outcome): answer = EngineAnswer(outcome)
        case .otp(let outcome):
            // The code's outcome in the flow the call submits to.
            do {
                switch call.request {
                case .submitResetOTP:
                    answer = EngineAnswer(try outcome.map { next -> ResetStep in
                        guard case .choosePassword(let s) = next else { throw EngineError.wrongStep(.noOTPExpected) }
                        return .choosePassword(s)
                    })
                case .submitSettingsOTP:
                    answer = EngineAnswer(try outcome.map { next -> SettingsStep in
                        guard case .authenticationSettings(let s) = next else { throw EngineError.wrongStep(.noOTPExpected) }
                        return .authenticationSettings(s)
                    })
                default:
                    answer = EngineAnswer(try outcome.map { next -> LogonStep in
                        switch next {
                        case .loggedOn(let success): return .loggedOn(success)
                        case .refused(let refusal): return .refused(refusal)
                        case .choosePassword, .authenticationSettings: throw EngineError.wrongStep(.noOTPExpected)
                        }
                    })
                }
            } catch {
                XCTFail("\(outcome) is not an answer to \(call.request)", file: file, line: line)
                return nil
            }
        case .emailOTP(let outcome): answer = EngineAnswer(outcome)
        case .registration(let registration): answer = EngineAnswer(registration)
        case .skipped(let notice): answer = EngineAnswer(notice)
        case .resetStart(let start): answer = EngineAnswer(start)
        case .passwordChange(let outcome): answer = EngineAnswer(outcome)
        case .expiredChange(let outcome): answer = EngineAnswer(outcome)
        case .settingsStart(let start): answer = EngineAnswer(start)
        case .settingsSaved(let change): answer = EngineAnswer(change)
        case .smartcard(let outcome): answer = EngineAnswer(outcome)
        case .availability(let function, let why): answer = EngineAnswer(Availability(function: function, unavailable: why))
        case .profile(let profile): answer = EngineAnswer(profile)
        case .changeSubmitted(let pending): answer = EngineAnswer(pending)
        case .authorisation(let outcome): answer = EngineAnswer(outcome)
        case .listing(let listing): answer = EngineAnswer(listing)
        case .exported(let path): answer = EngineAnswer(ExportedFile(path: path))
        case .done: answer = EngineAnswer(Done())
        case .failure(let error): answer = EngineAnswer(failure: error)
        }
        guard call.takes(answer) else {
            XCTFail("\(call.request) does not answer \(self)", file: file, line: line)
            return nil
        }
        return answer
    }
}
