import AuthEngine
import Foundation
import Synchronization
import XCTest

/// 32 sessions at once on one store, each with its own connections, doing full logons, wrong
/// passwords and OTP resends. CCASS_LOAD_SECONDS sets how long (5 s in `make test`; 60 for the
/// minute the evidence asks for).
final class LoadTests: XCTestCase {
    func testThirtyTwoSessionsKeepExactCountsAndACompleteAuditLog() throws {
        let seconds = Double(ProcessInfo.processInfo.environment["CCASS_LOAD_SECONDS"] ?? "") ?? 5
        let env = try TestEnvironment()
        let sessions = 32
        try env.engine.createParticipant(Participant(clearingHouse: .hksccParticipant, participantID: "B09999", name: "Load", maxUsers: 40), by: .hkex(operatorName: "test"))
        // Each session's own email-OTP user, set up through the real first-time flow.
        var users: [String] = []
        for i in 0..<sessions {
            let id = String(format: "B09999%02d", i)
            let address = "load\(i)@load.example"
            try env.engine.createAccount(userID: id, clearingHouse: .hksccParticipant, participantID: "B09999", role: .user, email: address, actor: "test")
            guard case .emailOTPSent(let reset, _) = try env.engine.startPasswordReset(userID: id) else { return XCTFail() }
            _ = try env.engine.submitOTP(reset, code: env.newestEmailCode(address))
            _ = try env.engine.completePasswordReset(reset, newPassword: .strongPassword, confirmation: .strongPassword)
            guard case .setUpOTPChannel(let logon) = try env.engine.logon(userID: id, password: .strongPassword) else { return XCTFail() }
            _ = try env.engine.skipDeviceRegistration(logon)
            guard case .accepted(.loggedOn) = try env.engine.submitOTP(logon, code: env.newestEmailCode(address)) else { return XCTFail() }
            users.append(id)
        }
        let before = try env.engine.auditLog()
        struct Tally { var logons = 0, invalid = 0, locked = 0, throttled = 0, errors: [String] = [] }
        let tally = Mutex(Tally())
        let deadline = Date().addingTimeInterval(seconds)
        let location = env.engine.store.location, configuration = env.engine.configuration
        let start = env.clock.now().addingTimeInterval(600)
        let userIDs = users
        DispatchQueue.concurrentPerform(iterations: sessions) { index in
            do {
                // A terminal of its own: its own store connections and its own clock.
                let clock = VirtualClock(start)
                let engine = AuthEngine(store: try AccountStore(location: location), clock: clock, configuration: configuration)
                let mailbox = Mailbox(root: location.mailURL)
                let address = "load\(index)@load.example"
                while Date() < deadline {
                    clock.advance(by: 301)
                    guard case .enterEmailOTP(let session, _) = try engine.logon(userID: userIDs[index], password: .strongPassword) else {
                        throw NSError(domain: "load", code: 1, userInfo: [NSLocalizedDescriptionKey: "no email OTP step"])
                    }
                    guard case .throttled = try engine.requestEmailOTP(session) else {
                        throw NSError(domain: "load", code: 2, userInfo: [NSLocalizedDescriptionKey: "resend not throttled"])
                    }
                    let code = try mailbox.messages(for: address).first?.otp ?? ""
                    guard case .accepted(.loggedOn) = try engine.submitOTP(session, code: code) else {
                        throw NSError(domain: "load", code: 3, userInfo: [NSLocalizedDescriptionKey: "code refused"])
                    }
                    let wrong = try engine.logon(userID: "B0123402", password: "wrong \(index)")
                    tally.withLock { t in
                        t.logons += 1
                        t.throttled += 1
                        if wrong == .invalid { t.invalid += 1 } else if wrong == .locked { t.locked += 1 }
                    }
                }
            } catch {
                tally.withLock { $0.errors.append("session \(index): \(error)") }
            }
        }
        let result = tally.withLock { $0 }
        XCTAssertEqual(result.errors, [], "zero errors")
        XCTAssertGreaterThan(result.logons, sessions, "every session made progress")
        XCTAssertEqual(result.invalid, 5, "the shared account locked after exactly five failures")
        XCTAssertEqual(result.invalid + result.locked, result.logons)
        let after = try env.engine.auditLog()
        let added = after.dropFirst(before.count).map(\.event)
        XCTAssertEqual(added.filter { $0 == .logonSucceeded }.count, result.logons, "every logon audited")
        XCTAssertEqual(added.filter { $0 == .emailOTPThrottled }.count, result.throttled, "every throttled resend audited")
        XCTAssertEqual(added.filter { $0 == .emailOTPIssued }.count, result.logons, "every code audited")
        XCTAssertEqual(added.filter { $0 == .logonFailed }.count, 5)
        XCTAssertEqual(added.filter { $0 == .logonRefusedLocked }.count, result.locked)
        XCTAssertEqual(added.filter { $0 == .accountLocked }.count, 1)
        XCTAssertEqual(try env.engine.store.integrityCheck(), "ok")
    }
}
