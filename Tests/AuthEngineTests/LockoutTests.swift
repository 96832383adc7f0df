import AuthEngine
import Foundation
import XCTest

/// s4.1.2 / s4.2.2: five failures in 30 minutes lock; three wrong OTPs are one failure.
final class LockoutTests: XCTestCase {
    func testFiveConsecutiveFailuresWithinThirtyMinutesLock() throws {
        let env = try TestEnvironment()
        for attempt in 1...5 {
            XCTAssertEqual(try env.engine.logon(userID: "B0123402", password: "wrong \(attempt)"), .invalid,
                           "the failure that locks still says invalid; the locked message starts with the next attempt")
            env.clock.advance(by: 60)
        }
        XCTAssertTrue(try env.account("B0123402").locked)
        XCTAssertEqual(try env.engine.logon(userID: "B0123402", password: TestEnvironment.password), .locked,
                       "even the right password is refused")
        let events = try env.events("B0123402")
        XCTAssertEqual(events.filter { $0 == .logonFailed }.count, 5)
        XCTAssertEqual(events.filter { $0 == .accountLocked }.count, 1)
        XCTAssertEqual(events.last, .logonRefusedLocked)
    }

    func testFailuresOlderThanThirtyMinutesDoNotCount() throws {
        let env = try TestEnvironment()
        for _ in 1...4 { _ = try env.engine.logon(userID: "B0123402", password: "wrong") }
        env.clock.advance(by: 30 * 60)
        XCTAssertEqual(try env.engine.logon(userID: "B0123402", password: "wrong"), .invalid)
        XCTAssertFalse(try env.account("B0123402").locked, "the first four are outside the 30-minute window")
        XCTAssertEqual(try env.account("B0123402").failedLogons.count, 1)
    }

    func testSuccessStartsTheCountAfresh() throws {
        let env = try TestEnvironment()
        let uri = try XCTUnwrap(env.uri("B0123402"))
        for _ in 1...4 { _ = try env.engine.logon(userID: "B0123402", password: "wrong") }
        guard case .enterAppOTP(let session, _) = try env.engine.logon(userID: "B0123402", password: TestEnvironment.password),
              case .accepted(.loggedOn) = try env.engine.submitOTP(session, code: env.appCode(uri)) else {
            return XCTFail("logon")
        }
        XCTAssertEqual(try env.account("B0123402").failedLogons, [])
        for _ in 1...4 { _ = try env.engine.logon(userID: "B0123402", password: "wrong") }
        XCTAssertFalse(try env.account("B0123402").locked)
    }

    func testThreeWrongOTPsCountAsOneFailedLogon() throws {
        let env = try TestEnvironment()
        var lockedBy: Int?
        for round in 1...5 {
            guard case .enterAppOTP(let session, _) = try env.engine.logon(userID: "HKABC101", password: TestEnvironment.password) else {
                return XCTFail("round \(round)")
            }
            XCTAssertEqual(try env.engine.submitOTP(session, code: "000000"), .wrong(remaining: 2))
            XCTAssertEqual(try env.engine.submitOTP(session, code: "000001"), .wrong(remaining: 1))
            let third = try env.engine.submitOTP(session, code: "000002")
            XCTAssertEqual(try env.account("HKABC101").otpFailures, 0)
            if case .countedAsFailedLogon(let lockedNow) = third, lockedNow { lockedBy = round }
            XCTAssertThrowsError(try env.engine.submitOTP(session, code: "000003"), "the flow ends after the third")
        }
        XCTAssertEqual(lockedBy, 5, "15 wrong OTPs = 5 failed logons = locked")
        XCTAssertEqual(try env.account("HKABC101").failedLogons.count, 5)
        XCTAssertEqual(try env.events("HKABC101").filter { $0 == .otpFailuresCountedAsLogonFailure }.count, 5)
    }

    func testLockedAccountCannotUseTheSmartcardUntilUnlocked() throws {
        let env = try TestEnvironment()
        XCTAssertEqual(try env.engine.smartcardLogon(userID: "B0123404", smartcardPassword: "12345678"), .locked)
        try env.engine.unlock(userID: "B0123404", actor: "B01234X1")
        guard case .loggedOn(let success) = try env.engine.smartcardLogon(userID: "B0123404", smartcardPassword: "12345678") else {
            return XCTFail("unlocked")
        }
        XCTAssertEqual(success.method, .smartcard)
        XCTAssertTrue(try env.events("B0123404").contains(.accountUnlocked))
    }

    func testSmartcardFailuresCountAndDecommissioningEndsTheSmartcard() throws {
        let env = try TestEnvironment()
        for _ in 1...5 { XCTAssertEqual(try env.engine.smartcardLogon(userID: "B0123401", smartcardPassword: "000000"), .invalid) }
        XCTAssertEqual(try env.engine.smartcardLogon(userID: "B0123401", smartcardPassword: "12345678"), .locked)
        XCTAssertEqual(try env.engine.smartcardLogon(userID: "B0123409", smartcardPassword: "12345678"), .invalid,
                       "created after launch: no smartcard")
        env.clock.set(HongKongTime.date(2023, 9, 4, 9, 0))
        XCTAssertThrowsError(try env.engine.smartcardLogon(userID: "B0123402", smartcardPassword: "12345678")) {
            XCTAssertEqual($0 as? EngineError, .unavailable(.smartcardDecommissioned))
        }
        XCTAssertTrue(SmartcardPassword.isValid("123456"))
        XCTAssertFalse(SmartcardPassword.isValid("12345"))
        XCTAssertFalse(SmartcardPassword.isValid("123456789"))
    }

    func testUnknownUserAndWrongPasswordLookTheSame() throws {
        let env = try TestEnvironment()
        XCTAssertEqual(try env.engine.logon(userID: "B0123499", password: "whatever"), .invalid)
        XCTAssertEqual(try env.engine.logon(userID: "B0123402", password: "whatever"), .invalid)
        XCTAssertEqual(try env.engine.auditLog().last?.detail, "logon: wrong password (1 of 5 in 30 min)")
        XCTAssertEqual(try env.engine.auditLog(userID: "B0123499").last?.detail, "logon: unknown user ID")
    }
}

final class TrainerNotesTests: XCTestCase {
    func testTheNotesExplainCountersCodesAndExpiry() throws {
        let env = try TestEnvironment()
        _ = try env.engine.logon(userID: "B0123403", password: "wrong")
        _ = try env.engine.logon(userID: "B0123403", password: TestEnvironment.password)
        env.clock.advance(by: 61)
        let notes = try env.engine.trainerNotes(userID: "b0123403")
        XCTAssertEqual(notes, [
            "B0123403 2fa-email | failed logons 1/5 in 30 min | wrong OTPs 0/3",
            "email code 3:59 left | password expires in 83 d | transition",
        ])
        XCTAssertEqual(try env.engine.trainerNotes(userID: "B0123499"), ["B0123499: no such account"])
        XCTAssertTrue(try env.engine.trainerNotes(userID: "B0123404")[0].hasPrefix("B0123404 2fa-app, locked"), "the same words as `users`")
    }
}
