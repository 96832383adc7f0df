@testable import AuthEngine
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
    static let registration = DeviceRegistration(uri: OTPAuthURI(issuer: "HKEX", account: "B0123401",
                                                                 secret: Array("12345678901234567890".utf8)))
    static let notice = EmailOTPNotice(sentTo: "f*********n@demo-securities.example", sentAt: now,
                                       expiresAt: now.addingTimeInterval(300), nextRequestAt: now.addingTimeInterval(300),
                                       newlySent: true)
    static let success = LogonSuccess(userID: "B0123401", kind: .user, isMaker: false, isChecker: false,
                                      clearingHouse: .hksccParticipant, participantID: "B01234", loggedOnAt: now,
                                      previousLogonAt: now.addingTimeInterval(-86_400), method: .appOTP)

    static func state(_ console: Console = .terminal, phase: ServicePhase = .transition, size: Size = small) -> AppState {
        AppState(console: console, phase: phase, now: now, size: size)
    }
}

/// Applies events and keeps the effects, like the runtime does but without running them.
struct Driver {
    var state: AppState
    var effects: [Effect] = []

    init(_ state: AppState = Fixtures.state()) { self.state = state }

    @discardableResult
    mutating func send(_ events: Event...) -> [Effect] {
        var produced: [Effect] = []
        for event in events { produced += Update.update(&state, event) }
        effects += produced
        return produced
    }

    mutating func press(_ keys: Key...) { for key in keys { send(.key(key)) } }

    mutating func type(_ text: String) { for c in text { send(.key(.character(c))) } }

    /// Answers the pending engine call with `result`.
    mutating func answer(_ result: EngineResult) {
        guard let pending = state.pending else { return XCTFail("no engine call is pending") }
        send(.engine(id: pending.id, result))
    }

    var screenText: String { Renderer.render(state).text }
}

/// Golden screens: Tests/TerminalTests/Golden/NAME-COLSxROWS.txt. Set UPDATE_GOLDEN=1 to write them.
enum Golden {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    static func check(_ state: AppState, _ name: String, file: StaticString = #filePath, line: UInt = #line) {
        let text = Renderer.render(state).text
        let url = directory.appendingPathComponent("\(name)-\(state.size.columns)x\(state.size.rows).txt")
        if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] != nil {
            try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try? Data(text.utf8).write(to: url)
            return
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            return XCTFail("no golden file \(url.lastPathComponent); run with UPDATE_GOLDEN=1 and review it", file: file, line: line)
        }
        if text != expected {
            XCTFail("screen differs from \(url.lastPathComponent):\n\(text)", file: file, line: line)
        }
    }
}
