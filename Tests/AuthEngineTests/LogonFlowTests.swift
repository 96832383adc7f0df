import AuthDomain
import AuthEngine
import Foundation
import XCTest

/// The flows of s4 and Appendix C through the engine, against the virtual clock.
final class LogonFlowTests: XCTestCase {
    func testFirstTimeLogonSetsPasswordByEmailThenRegistersTheApp() throws {
        let env = try TestEnvironment()
        let address = "first.logon@demo-securities.example"
        // Before a password exists, LOG IN fails like any wrong password.
        XCTAssertEqual(try env.engine.logon(userID: "B0123401", password: TestEnvironment.password), .invalid)

        guard case .emailOTPSent(let reset, let notice) = try env.engine.startPasswordReset(userID: "b0123401") else {
            return XCTFail("a not-initialised account gets an email code")
        }
        XCTAssertTrue(notice.newlySent)
        XCTAssertEqual(notice.sentTo, "f*********n@demo-securities.example")
        XCTAssertEqual(notice.expiresAt.timeIntervalSince(notice.sentAt), 300)
        let mail = try String(contentsOf: XCTUnwrap(env.mailer.messages(for: address).first), encoding: .utf8)
        XCTAssertFalse(mail.contains("B0123401"), "no user ID in the email")
        XCTAssertFalse(mail.contains("http"), "no URL in the email")
        XCTAssertTrue(mail.contains("\r\nSubject: One Time Password (OTP)\r\n"))
        let code = try TestEnvironment.code(inMessage: mail)

        // Each flow's screens submit through its own entry: another flow's entry refuses the
        // session before the code is looked at, and the code still works where it belongs.
        XCTAssertThrowsError(try env.engine.submitLogonOTP(reset, code: code)) { XCTAssertEqual($0 as? EngineError, .wrongStep(.noOTPExpected)) }
        XCTAssertThrowsError(try env.engine.submitSettingsOTP(reset, code: code)) { XCTAssertEqual($0 as? EngineError, .wrongStep(.noOTPExpected)) }
        XCTAssertEqual(try env.engine.submitResetOTP(reset, code: code), .accepted(.choosePassword(reset)))
        XCTAssertEqual(try env.engine.completePasswordReset(reset, newPassword: "short", confirmation: "short"),
                       .rejected(PasswordPolicy.hkex2023.failures("short")))
        XCTAssertEqual(try env.engine.completePasswordReset(reset, newPassword: .strongPassword, confirmation: .otherStrongPassword), .mismatch)
        XCTAssertEqual(try env.engine.completePasswordReset(reset, newPassword: .strongPassword, confirmation: .strongPassword), .changed)
        XCTAssertThrowsError(try env.engine.completePasswordReset(reset, newPassword: .strongPassword, confirmation: .strongPassword),
                             "the flow is over")

        guard case .setUpOTPChannel(let logon) = try env.engine.logon(userID: "B0123401", password: .strongPassword) else {
            return XCTFail("first logon after the password: set up the OTP channel")
        }
        let registration = try env.engine.beginDeviceRegistration(logon)
        XCTAssertEqual(registration.uri.prefix(36), "otpauth://totp/HKEX:B0123401?secret=")
        XCTAssertEqual(registration.manualKey.split(separator: " ").count, 8, "32 characters in groups of four")
        XCTAssertEqual(registration.keyType, "Time-based, SHA1, 6 digits, every 30 s")
        XCTAssertEqual(try env.account("B0123401").state, .passwordSet, "not confirmed yet")
        let appCode = try env.appCode(registration)
        guard case .accepted(.loggedOn(let success)) = try env.engine.submitOTP(logon, code: appCode) else {
            return XCTFail("the first valid code confirms the device and logs on")
        }
        XCTAssertEqual(success.method, .appOTP)
        XCTAssertNil(success.previousLogonAt)
        let account = try env.account("B0123401")
        XCTAssertEqual(account.state, .app)
        XCTAssertNil(account.pendingSeed)
        XCTAssertEqual(try env.events("B0123401").suffix(2), [.deviceRegistered, .logonSucceeded])

        // Ongoing logon by app in a later time step; the last logon time is reported.
        env.clock.advance(by: 60)
        guard case .enterAppOTP(let next, _) = try env.engine.logon(userID: "B0123401", password: .strongPassword) else {
            return XCTFail("ongoing logon asks for the app code")
        }
        guard case .accepted(.loggedOn(let again)) = try env.engine.submitOTP(next, code: env.appCode(registration)) else {
            return XCTFail("current code accepted")
        }
        XCTAssertEqual(again.previousLogonAt, success.loggedOnAt)
    }

    func testSkippingRegistrationNeedsTheRiskAcceptedThenUsesEmail() throws {
        let env = try TestEnvironment()
        guard case .setUpOTPChannel(let session) = try env.engine.logon(userID: "B0123408", password: TestEnvironment.password) else {
            return XCTFail("password set, channel not chosen")
        }
        let notice = try env.engine.skipDeviceRegistration(session)
        XCTAssertTrue(notice.newlySent)
        XCTAssertNotNil(try env.account("B0123408").riskAcceptedAt)
        let code = try env.newestEmailCode("no.channel@demo-securities.example")
        guard case .accepted(.loggedOn(let success)) = try env.engine.submitOTP(session, code: code) else {
            return XCTFail("email code accepted")
        }
        XCTAssertEqual(success.method, .emailOTP)
        XCTAssertEqual(try env.account("B0123408").state, .email)
        XCTAssertTrue(try env.events("B0123408").contains(.riskAccepted))
    }

    func testEmailCodeExpiresAfterFiveMinutesAndIsSingleUse() throws {
        let env = try TestEnvironment()
        let address = "email.user@demo-securities.example"
        guard case .enterEmailOTP(let session, _) = try env.engine.logon(userID: "B0123403", password: TestEnvironment.password) else {
            return XCTFail("email account gets an email code")
        }
        let code = try env.newestEmailCode(address)
        env.clock.advance(by: 300)
        XCTAssertEqual(try env.engine.submitOTP(session, code: code), .expired(remaining: 2), "valid 5 minutes, not more; counted like a wrong code")
        // Five minutes after the previous one, a new code may be requested.
        guard case .sent = try env.engine.requestEmailOTP(session) else { return XCTFail("resend allowed after 5 min") }
        let fresh = try env.newestEmailCode(address)
        env.clock.advance(by: 299)
        guard case .accepted(.loggedOn) = try env.engine.submitOTP(session, code: fresh) else {
            return XCTFail("a code is valid until just before 5 minutes")
        }
        // A new logon after the code was used gets a new code at once (point 4 of the issue:
        // the resend wait only holds back a code while an unused one is still valid).
        guard case .enterEmailOTP(let second, let notice) = try env.engine.logon(userID: "B0123403", password: TestEnvironment.password) else {
            return XCTFail("logon")
        }
        XCTAssertTrue(notice.newlySent, "the previous code was used: a new one is sent")
        XCTAssertEqual(try env.messageCount(address), 3)
        XCTAssertEqual(try env.engine.submitOTP(second, code: fresh), .wrong(remaining: 2), "an older code no longer counts")
        let third = try env.newestEmailCode(address)
        guard case .accepted(.loggedOn) = try env.engine.submitOTP(second, code: third) else { return XCTFail("the new code logs on") }
        // Two terminals: the second logon points to the unused code (no new one is sent); once
        // the first terminal uses it, the second gets "already used", counted like a wrong code.
        env.clock.advance(by: 1)
        guard case .enterEmailOTP(let first, let sent) = try env.engine.logon(userID: "B0123403", password: TestEnvironment.password),
              case .enterEmailOTP(let other, let pointed) = try env.engine.logon(userID: "B0123403", password: TestEnvironment.password) else {
            return XCTFail("two logons")
        }
        XCTAssertTrue(sent.newlySent)
        XCTAssertFalse(pointed.newlySent, "the code just sent is unused and valid: it is the one to use")
        let shared = try env.newestEmailCode(address)
        guard case .accepted(.loggedOn) = try env.engine.submitOTP(first, code: shared) else { return XCTFail("first terminal") }
        XCTAssertEqual(try env.engine.submitOTP(other, code: shared), .replayed(remaining: 2))
        XCTAssertTrue(try env.events("B0123403").contains(.otpReplayRefused))
    }

    func testResendIsThrottledAndOnlyTheNewestCodeCounts() throws {
        let env = try TestEnvironment()
        let address = "email.user@demo-securities.example"
        guard case .enterEmailOTP(let session, let first) = try env.engine.logon(userID: "B0123403", password: TestEnvironment.password) else {
            return XCTFail("logon")
        }
        XCTAssertTrue(first.newlySent)
        let oldCode = try env.newestEmailCode(address)
        env.clock.advance(by: 100)
        guard case .throttled(_, let seconds) = try env.engine.requestEmailOTP(session) else {
            return XCTFail("a second code within 5 minutes is refused")
        }
        XCTAssertEqual(seconds, 200, "the engine says how long to wait")
        XCTAssertEqual(try env.messageCount(address), 1)
        env.clock.advance(by: 200)
        guard case .sent = try env.engine.requestEmailOTP(session) else { return XCTFail("allowed at 5 minutes") }
        XCTAssertEqual(try env.messageCount(address), 2)
        let newCode = try env.newestEmailCode(address)
        if oldCode != newCode {
            XCTAssertEqual(try env.engine.submitOTP(session, code: oldCode), .wrong(remaining: 2), "an older code no longer counts")
        }
        guard case .accepted(.loggedOn) = try env.engine.submitOTP(session, code: newCode) else { return XCTFail("newest code") }
    }

    func testAppCodeWindowIsOneStepEitherSideAndReplaysAreRefused() throws {
        let env = try TestEnvironment()
        let uri = try XCTUnwrap(env.uri("B0123402"))
        func logon() throws -> FlowSession {
            guard case .enterAppOTP(let session, _) = try env.engine.logon(userID: "B0123402", password: TestEnvironment.password) else {
                throw NSError(domain: "test", code: 0)
            }
            return session
        }
        var session = try logon()
        XCTAssertEqual(try env.engine.submitOTP(session, code: env.appCode(uri, offsetSteps: -2)), .wrong(remaining: 2), "T-2 refused")
        XCTAssertEqual(try env.engine.submitOTP(session, code: env.appCode(uri, offsetSteps: 2)), .wrong(remaining: 1), "T+2 refused")
        guard case .accepted = try env.engine.submitOTP(session, code: env.appCode(uri, offsetSteps: -1)) else { return XCTFail("T-1 accepted") }
        session = try logon()
        guard case .accepted = try env.engine.submitOTP(session, code: env.appCode(uri, offsetSteps: 1)) else { return XCTFail("T+1 accepted") }
        // T+1 was accepted, so the current step (before it) is now a replay.
        session = try logon()
        XCTAssertEqual(try env.engine.submitOTP(session, code: env.appCode(uri)), .replayed(remaining: 2))
        XCTAssertEqual(try env.events("B0123402").filter { $0 == .otpReplayRefused }.count, 1)
        XCTAssertEqual(try env.engine.submitOTP(session, code: "12ab56"), .malformed(expectedDigits: 6))
        env.clock.advance(by: 60)
        guard case .accepted = try env.engine.submitOTP(session, code: env.appCode(uri)) else { return XCTFail("a later step is fine") }
    }

    func testPasswordExpiresAfterNinetyDaysAndTheChangeContinuesTheLogon() throws {
        let env = try TestEnvironment()
        guard case .passwordExpired(let session) = try env.engine.logon(userID: "B0123405", password: TestEnvironment.password) else {
            return XCTFail("95-day-old password")
        }
        XCTAssertEqual(try env.engine.changeExpiredPassword(session, newPassword: TestEnvironment.password, confirmation: TestEnvironment.password),
                       .notChanged(.sameAsCurrent))
        guard case .changed(next: .enterAppOTP) = try env.engine.changeExpiredPassword(session, newPassword: .strongPassword, confirmation: .strongPassword) else {
            return XCTFail("changed, then the OTP step")
        }
        // 89 days later the new password still works; at 90 days it has expired.
        env.clock.advance(by: 89 * 86_400)
        guard case .enterAppOTP = try env.engine.logon(userID: "B0123405", password: .strongPassword) else { return XCTFail("day 89") }
        env.clock.advance(by: 86_400)
        guard case .passwordExpired = try env.engine.logon(userID: "B0123405", password: .strongPassword) else { return XCTFail("day 90") }
    }

    func testNISTProfileHasNoExpiry() throws {
        let env = try TestEnvironment(policy: .nist80063b4)
        guard case .enterAppOTP = try env.engine.logon(userID: "B0123405", password: TestEnvironment.password) else {
            return XCTFail("no periodic expiry under nist-800-63b-4")
        }
    }

    func testChangePasswordNeedsTheCurrentOne() throws {
        let env = try TestEnvironment()
        XCTAssertEqual(try env.engine.changePassword(userID: "B0123402", currentPassword: "wrong", newPassword: .strongPassword,
                                                     confirmation: .strongPassword), .invalidCredentials)
        XCTAssertEqual(try env.account("B0123402").failedLogons.count, 1, "a wrong current password is a failed logon")
        XCTAssertEqual(try env.engine.changePassword(userID: "B0123402", currentPassword: TestEnvironment.password,
                                                     newPassword: "Tooshort#1", confirmation: "Tooshort#1"),
                       .rejected([PasswordPolicy.hkex2023.rules[0]]))
        XCTAssertEqual(try env.engine.changePassword(userID: "B0123402", currentPassword: TestEnvironment.password,
                                                     newPassword: .strongPassword, confirmation: .strongPassword), .changed)
        XCTAssertEqual(try env.engine.logon(userID: "B0123402", password: TestEnvironment.password), .invalid)
        guard case .enterAppOTP = try env.engine.logon(userID: "B0123402", password: .strongPassword) else { return XCTFail("new password") }
    }

    func testSelfServiceResetByAppAndRefusalForEmailAccounts() throws {
        let env = try TestEnvironment()
        let uri = try XCTUnwrap(env.uri("B0123402"))
        guard case .enterAppOTP(let reset, _) = try env.engine.startPasswordReset(userID: "B0123402") else {
            return XCTFail("app accounts reset with an app code")
        }
        guard case .accepted(.choosePassword) = try env.engine.submitOTP(reset, code: env.appCode(uri)) else { return XCTFail("code") }
        XCTAssertEqual(try env.engine.completePasswordReset(reset, newPassword: .strongPassword, confirmation: .strongPassword), .changed)
        guard case .enterAppOTP = try env.engine.logon(userID: "B0123402", password: .strongPassword) else { return XCTFail("logon") }

        XCTAssertEqual(try env.engine.startPasswordReset(userID: "B0123403"), .askDelegatedAdministrator(.user))
        XCTAssertEqual(try env.engine.startPasswordReset(userID: "B01234Z1"), .askDelegatedAdministrator(.delegatedAdministrator))
        XCTAssertEqual(try env.engine.startPasswordReset(userID: "B0123406"), .noEmailRegistered(.user))
        XCTAssertEqual(try env.engine.startPasswordReset(userID: "B0123404"), .locked)
        XCTAssertTrue(try env.events("B0123403").contains(.passwordResetRefused))
    }

    func testUnknownUserResetLooksLikeAnEmailWasSent() throws {
        let env = try TestEnvironment()
        guard case .emailOTPSent(let session, let notice) = try env.engine.startPasswordReset(userID: "B0123499") else {
            return XCTFail("no hint that the ID does not exist")
        }
        XCTAssertEqual(notice.sentTo, "your registered email address")
        XCTAssertEqual(try env.engine.submitOTP(session, code: "12345678"), .wrong(remaining: 2))
        XCTAssertEqual(try env.engine.submitOTP(session, code: "12345679"), .wrong(remaining: 1))
        XCTAssertEqual(try env.engine.submitOTP(session, code: "12345670"), .countedAsFailedLogon(lockedNow: false))
        XCTAssertThrowsError(try env.engine.submitOTP(session, code: "12345678"))
    }

    func testAuthenticationSettingsDeleteDeviceAndSwitchToEmail() throws {
        let env = try TestEnvironment()
        let uri = try XCTUnwrap(env.uri("B0123402"))
        guard case .enterAppOTP(let settings, _) = try env.engine.startAuthenticationSettings(userID: "B0123402", password: TestEnvironment.password) else {
            return XCTFail("settings need the app code")
        }
        guard case .accepted(.authenticationSettings(let open)) = try env.engine.submitOTP(settings, code: env.appCode(uri)) else {
            return XCTFail("open")
        }
        try env.engine.changeAuthenticationSettings(open, .deviceDeleted)
        XCTAssertEqual(try env.account("B0123402").state, .passwordSet, "the password stays; the channel is set up again")
        guard case .setUpOTPChannel = try env.engine.logon(userID: "B0123402", password: TestEnvironment.password) else {
            return XCTFail("next logon sets up the channel again")
        }

        let uri1 = try XCTUnwrap(env.uri("HKABC101"))
        guard case .enterAppOTP(let s2, _) = try env.engine.startAuthenticationSettings(userID: "HKABC101", password: TestEnvironment.password),
              case .accepted(.authenticationSettings(let open2)) = try env.engine.submitOTP(s2, code: env.appCode(uri1)) else {
            return XCTFail("open settings")
        }
        try env.engine.changeAuthenticationSettings(open2, .oathDisabled)
        XCTAssertEqual(try env.account("HKABC101").state, .email)
        XCTAssertNil(try env.account("HKABC101").sealedSeed, "the seed is gone")
        env.clock.advance(by: 30)
        guard case .enterEmailOTP = try env.engine.logon(userID: "HKABC101", password: TestEnvironment.password) else {
            return XCTFail("codes by email now")
        }
        XCTAssertEqual(try env.engine.startAuthenticationSettings(userID: "B0123403", password: TestEnvironment.password),
                       .askDelegatedAdministrator(.user))
        XCTAssertEqual(try env.events("HKABC101").filter { $0 == .oathDisabled }.count, 1)
    }

    func testRehashAtLogonWhenTheStoredCostIsBelowPolicy() throws {
        let env = try TestEnvironment(iterations: 1_000)
        // The same store read by an engine whose policy cost is higher.
        let stronger = AuthEngine(store: env.engine.store, clock: env.clock,
                                  configuration: EngineConfiguration(hasher: try PasswordHasher(iterations: 2_000, allowReducedCost: true)))
        XCTAssertEqual(PasswordHash(encoded: try env.account("B0123402").passwordHash!)?.iterations, 1_000)
        guard case .enterAppOTP = try stronger.logon(userID: "B0123402", password: TestEnvironment.password) else { return XCTFail("logon") }
        XCTAssertEqual(PasswordHash(encoded: try env.account("B0123402").passwordHash!)?.iterations, 2_000)
        XCTAssertTrue(try env.events("B0123402").contains(.passwordRehashed))
        guard case .enterAppOTP = try stronger.logon(userID: "B0123402", password: TestEnvironment.password) else { return XCTFail("still works") }
    }

    func testResetOTPRegistrationMakesTheNextLogonAFirstLogon() throws {
        let env = try TestEnvironment()
        try env.engine.resetOTPRegistration(userID: "B0123404", actor: "B01234X1")
        let account = try env.account("B0123404")
        XCTAssertFalse(account.locked)
        XCTAssertEqual(account.state, .notInitialised)
        XCTAssertNil(account.passwordHash)
        guard case .emailOTPSent = try env.engine.startPasswordReset(userID: "B0123404") else { return XCTFail("set up password again") }
    }

    func testTwoFactorIsNotInServiceBeforeLaunch() throws {
        let env = try TestEnvironment(start: HongKongTime.date(2023, 6, 9, 10, 0))
        XCTAssertEqual(env.engine.phase, .smartcardOnly)
        XCTAssertThrowsError(try env.engine.logon(userID: "B0123402", password: TestEnvironment.password)) { error in
            XCTAssertEqual(error as? EngineError, .unavailable(.twoFactorNotLaunched))
        }
        XCTAssertEqual(ServicePhase.at(HongKongTime.date(2023, 6, 12)), .transition)
        XCTAssertEqual(ServicePhase.at(HongKongTime.date(2023, 9, 3, 23, 59)), .transition)
        XCTAssertEqual(ServicePhase.at(HongKongTime.date(2023, 9, 4)), .twoFactorOnly)
    }
}
