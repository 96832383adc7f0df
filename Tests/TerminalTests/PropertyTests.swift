import AuthEngine
import Foundation
@testable import TerminalApp
@testable import TerminalCore
import TerminalView
import TestSupport
import XCTest

/// Random key sequences through the real state machine, view and engine: nothing crashes, and
/// no sequence reaches a logged-on screen by 2FA without a valid password and a valid OTP.
final class PropertyTests: XCTestCase {
    static let keys: [Key] = [.tab, .backTab, .enter, .enter, .escape, .up, .down, .left, .right, .home, .end, .backspace,
                              .delete, .pageUp, .pageDown, .function(5), .character("1"), .character("3"), .character("a"),
                              .character("Z"), .character("#"), .character(" "), .character("é"), .character("😀")]
    static let ids = ["B0123402", "B0123403", "B0123401", "B0123408", "B01234X1", "B0123499"]
    static let passwords = ["Training#2023Pass", "Training#2023Pass", "wrong"]
    /// Words that lead deeper into the flows: real user IDs and the demo password.
    static let words = ["B0123402", "B0123403", "B0123401", "B01234X1", "Training#2023Pass", "Brand-New#Pass2023",
                        "12345678", "123456", "first.logon@demo-securities.example"]

    func testRandomKeySequencesNeverCrashAndNeverLogOnWithoutBothFactors() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ccass-property-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let clock = VirtualClock(HongKongTime.date(2023, 6, 12, 10, 0))
        var configuration = EngineConfiguration(hasher: try PasswordHasher(iterations: 1, allowReducedCost: true), terminal: "property")
        configuration.random = .deterministic(seed: "property")
        let engine = AuthEngine(store: try AccountStore(location: StoreLocation(directory: directory)), clock: clock, configuration: configuration)
        try DemoData.shipped().install(into: engine)

        // How many walks reached each screen: a walk that never gets past the logon page
        // proves nothing about the OTP screens.
        var reached: [String: Int] = [:]
        for seed in UInt64(1)...40 {
            var random = SeededGenerator(seed: seed)
            for console in [Console.terminal, .dms] {
                let session = HeadlessSession(engine: engine, console: console, size: Size(columns: 80, rows: 24))
                var seen: Set<String> = [session.state.screen.name]
                defer { for name in seen { reached[name, default: 0] += 1 } }
                for _ in 0..<250 {
                    switch random.next() % 12 {
                    case 0: session.type(random.pick(Self.words))
                    case 10, 11:
                        // A whole logon attempt, as an operator types it: deeper into the flows.
                        session.type(random.pick(Self.ids))
                        session.press(.tab)
                        session.type(random.pick(Self.passwords))
                        session.press(.enter)
                    case 1: session.send(.paste(random.pick(Self.words)))
                    case 2: session.send(.resize(random.pick([Size(columns: 80, rows: 24), Size(columns: 60, rows: 20), Size(columns: 120, rows: 40)])))
                    default: session.press(random.pick(Self.keys))
                    }
                    _ = session.canvas  // the view must render every state
                    seen.insert(session.state.screen.name)
                    if let popup = session.state.popup { seen.insert(popup.name) }
                    if let screen = session.state.screen.as(LoggedOnScreen.self) {
                        XCTAssertEqual(screen.success.method, .smartcard,
                                       "seed \(seed): logged on by \(screen.success.method) without a one-time password")
                    }
                    if session.quit { break }
                }
            }
        }
        // Every 2FA logon in the audit log came with a verified OTP (none can: no code was typed).
        XCTAssertFalse(try engine.auditLog().contains { $0.event == .logonSucceeded })
        // The walks went deep: past the password to the OTP screens and the pop-ups.
        XCTAssertEqual(reached[Screen.Kind.landing.rawValue], 80, "\(reached)")
        XCTAssertGreaterThanOrEqual(reached[Screen.Kind.logon.rawValue] ?? 0, 60, "\(reached)")
        XCTAssertGreaterThanOrEqual((reached[Screen.Kind.appOTP.rawValue] ?? 0) + (reached[Screen.Kind.emailOTP.rawValue] ?? 0), 5, "\(reached)")
        // (Keys typed in a window too small wait for it to grow, and characters typed on a button
        // go to the field before it: fewer random walks stumble onto Forgot/Reset than before.)
        XCTAssertGreaterThanOrEqual(reached[Screen.Kind.forgotResetPassword.rawValue] ?? 0, 3, "\(reached)")
    }
}
