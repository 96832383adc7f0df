import AuthEngine
import Foundation
import XCTest

/// DMS maker-checker: the maker submits, a checker authorises on the same screen; the engine
/// checks who acts, in which phase, on which profile.
final class MakerCheckerTests: XCTestCase {
    func testAMakerResetsALockedUsersRegistrationAndACheckerAuthorises() throws {
        let env = try TestEnvironment()
        let maker = try env.dmsLogon("B01234X1")
        let pending = try env.engine.submit(.resetOTPRegistration(userID: "B0123404"), by: maker.session)
        XCTAssertNil(pending.belowMinimum)
        XCTAssertTrue(try env.account("B0123404").locked, "nothing happens before the checker")
        XCTAssertEqual(try env.engine.authorise(pending, checkerID: "B01234X1", authorizationCode: TestEnvironment.password),
                       .refused(.notPermitted(.ownRequest)))
        XCTAssertEqual(try env.engine.authorise(pending, checkerID: "B01234Y1", authorizationCode: "wrong"),
                       .refused(.invalidCheckerCredentials(attemptsLeft: 2)))
        XCTAssertEqual(try env.engine.authorise(pending, checkerID: "B0123402", authorizationCode: TestEnvironment.password),
                       .refused(.notPermitted(.notAChecker(userID: "B0123402", participant: "HKSCC-CP:B01234"))))
        XCTAssertEqual(try env.engine.authorise(pending, checkerID: "B01234Y1", authorizationCode: TestEnvironment.password), .applied(pending))
        let account = try env.account("B0123404")
        XCTAssertFalse(account.locked)
        XCTAssertEqual(account.state, .notInitialised, "next logon is a first-time logon")
        XCTAssertThrowsError(try env.engine.authorise(pending, checkerID: "B01234Z1", authorizationCode: TestEnvironment.password),
                             "a request is authorised once") { XCTAssertEqual($0 as? EngineError, .sessionEnded) }
        let events = try env.engine.auditLog().map(\.event)
        XCTAssertEqual(events.filter { $0 == .changeSubmitted }.count, 1)
        XCTAssertEqual(events.filter { $0 == .changeRefused }.count, 2, "refusals are audited too")
        XCTAssertEqual(events.filter { $0 == .authorisationFailed }.count, 1, "a wrong code is audited")
        XCTAssertEqual(events.filter { $0 == .changeAuthorised }.count, 1)
    }

    func testNoCheckerAuthorisesAChangeAboutThemselves() throws {
        // After decommissioning DMS maintains DA profiles too (s5.1).
        let env = try TestEnvironment(start: HongKongTime.date(2023, 9, 4, 10, 0))
        let maker = try env.dmsLogon("B01234X1")
        let pending = try env.engine.submit(.changeEmail(userID: "B01234Y1", email: "new@demo.example"), by: maker.session)
        XCTAssertEqual(try env.engine.authorise(pending, checkerID: "B01234Y1", authorizationCode: TestEnvironment.password),
                       .refused(.notPermitted(.concernsChecker)))
        XCTAssertEqual(try env.engine.authorise(pending, checkerID: "B01234Z1", authorizationCode: TestEnvironment.password), .applied(pending),
                       "another checker may")
        XCTAssertEqual(try env.account("B01234Y1").email, "new@demo.example")
    }

    func testOnlyAChangeThatGoesBelowOneMakerAndTwoCheckersIsRefused() throws {
        let env = try TestEnvironment(start: HongKongTime.date(2023, 9, 4, 10, 0))
        let maker = try env.dmsLogon("B01234X1")
        // The maker hears it at Submit: the engine works out the DAs as they would be after it.
        let below = EngineError.notPermitted(.belowMinimumDAs(participant: "HKSCC-CP:B01234", makers: 1, checkers: 1))
        XCTAssertThrowsError(try env.engine.submit(.delete(userID: "B01234Z1"), by: maker.session)) { XCTAssertEqual($0 as? EngineError, below) }
        XCTAssertTrue(try env.events("B01234X1").contains(.changeRefused), "audited as a refusal")
        // With a third checker (the DA role is HKEX's to give, through eService DA3), the deletion goes through.
        _ = try env.engine.process(.assignDARole(userID: "B0123402", maker: false, checker: true), by: .hkex(operatorName: "HKEX"))
        let again = try env.engine.submit(.delete(userID: "B01234Z1"), by: maker.session)
        // The checker's check stays: another terminal may have changed the DAs meanwhile.
        try env.engine.store.write { tx in
            var promoted = try XCTUnwrap(tx.account("B0123402"))
            promoted.isChecker = false
            try tx.save(promoted)
        }
        XCTAssertEqual(try env.engine.authorise(again, checkerID: "B01234Y1", authorizationCode: TestEnvironment.password), .refused(.notPermitted(.belowMinimumDAs(participant: "HKSCC-CP:B01234", makers: 1, checkers: 1))))
        XCTAssertNotNil(try env.engine.account("B01234Z1"), "rolled back whole")
    }

    func testAParticipantAlreadyBelowTheMinimumStillMakesOtherChangesWithAWarning() throws {
        let env = try TestEnvironment(start: HongKongTime.date(2023, 9, 4, 10, 0))
        // One checker left (set up behind the engine's back, as a migration might leave it).
        try env.engine.store.write { tx in
            var z1 = try XCTUnwrap(tx.account("B01234Z1"))
            z1.isChecker = false
            try tx.save(z1)
        }
        let maker = try env.dmsLogon("B01234X1")
        let change = try env.engine.submit(.changeEmail(userID: "B0123402", email: "app2@demo.example"), by: maker.session)
        XCTAssertEqual(change.belowMinimum?.checkers, 1, "the maker is told")
        XCTAssertEqual(try env.engine.authorise(change, checkerID: "B01234Y1", authorizationCode: TestEnvironment.password), .applied(change))
        // Going further below is still refused: the last maker cannot lose the role (eService DA3).
        XCTAssertThrowsError(try env.engine.process(.assignDARole(userID: "B01234X1", maker: false, checker: false), by: .hkex(operatorName: "HKEX"))) {
            XCTAssertEqual($0 as? EngineError, .notPermitted(.belowMinimumDAs(participant: "HKSCC-CP:B01234", makers: 0, checkers: 1)))
        }
        XCTAssertTrue(try env.account("B01234X1").isMaker)
    }

    func testTheCheckerConfirmsWithTheSmartcardPasswordUntilTheirOwn2FAIsSetUp() throws {
        let env = try TestEnvironment()
        try env.engine.resetOTPRegistration(userID: "B01234Y1", actor: "test")
        XCTAssertEqual(try env.account("B01234Y1").state, .notInitialised)
        let maker = try env.dmsLogon("B01234X1")
        let pending = try env.engine.submit(.changeEmail(userID: "B0123401", email: "first@demo.example"), by: maker.session)
        XCTAssertEqual(try env.engine.authorise(pending, checkerID: "B01234Y1", authorizationCode: TestEnvironment.password),
                       .refused(.invalidCheckerCredentials(attemptsLeft: 2)), "no 2FA password yet")
        XCTAssertEqual(try env.engine.authorise(pending, checkerID: "B01234Y1", authorizationCode: "12345678"), .applied(pending),
                       "the smartcard password (Appendix A)")
    }

    func testWrongCodesWithdrawTheChangeAndSuspendTheCheckerWithoutLockingTheAccount() throws {
        let env = try TestEnvironment()
        let maker = try env.dmsLogon("B01234X1")
        func submit() throws -> PendingChange {
            try env.engine.submit(.changeEmail(userID: "B0123402", email: "x\(Int.random(in: 0...99999))@demo.example"), by: maker.session)
        }
        let first = try submit()
        XCTAssertEqual(try env.engine.authorise(first, checkerID: "B01234Y1", authorizationCode: "guess1"), .refused(.invalidCheckerCredentials(attemptsLeft: 2)))
        XCTAssertEqual(try env.engine.authorise(first, checkerID: "B01234Y1", authorizationCode: "guess2"), .refused(.invalidCheckerCredentials(attemptsLeft: 1)))
        XCTAssertEqual(try env.engine.authorise(first, checkerID: "B01234Y1", authorizationCode: "guess3"), .refused(.changeWithdrawn))
        XCTAssertThrowsError(try env.engine.authorise(first, checkerID: "B01234Y1", authorizationCode: TestEnvironment.password)) {
            XCTAssertEqual($0 as? EngineError, .sessionEnded, "withdrawn: the maker submits again")
        }
        let second = try submit()
        XCTAssertEqual(try env.engine.authorise(second, checkerID: "B01234Y1", authorizationCode: "guess4"), .refused(.invalidCheckerCredentials(attemptsLeft: 2)))
        XCTAssertEqual(try env.engine.authorise(second, checkerID: "B01234Y1", authorizationCode: "guess5"), .refused(.invalidCheckerCredentials(attemptsLeft: 1)))
        // Five wrong codes from this checker in 30 minutes: suspended, even with the right code.
        guard case .refused(.checkerSuspended(let until)) = try env.engine.authorise(second, checkerID: "B01234Y1", authorizationCode: TestEnvironment.password) else {
            return XCTFail("the checker is suspended from confirming")
        }
        XCTAssertEqual(until.timeIntervalSince(env.clock.now()), 30 * 60, accuracy: 1)
        let checker = try env.account("B01234Y1")
        XCTAssertFalse(checker.locked, "a maker cannot lock a checker out")
        XCTAssertTrue(checker.failedLogons.isEmpty, "wrong Authorization Codes are not failed logons")
        XCTAssertEqual(try env.engine.authorise(second, checkerID: "B01234Z1", authorizationCode: TestEnvironment.password), .applied(second),
                       "another checker still can")
        env.clock.advance(by: 30 * 60)
        let third = try submit()
        XCTAssertEqual(try env.engine.authorise(third, checkerID: "B01234Y1", authorizationCode: TestEnvironment.password), .applied(third),
                       "the suspension ends with the window")
        XCTAssertEqual(try env.engine.auditLog(userID: "B01234Y1").filter { $0.event == .authorisationFailed }.count, 5)
    }

    /// Guessing against another participant's DA counts on the change only: a maker cannot stop
    /// another participant's (or another class seat's) checkers from confirming.
    func testWrongCodesForAnotherParticipantsCheckerDoNotSuspendThem() throws {
        let env = try TestEnvironment()
        let maker = try env.dmsLogon("B01234X1")
        for round in 0..<3 {
            let pending = try env.engine.submit(.changeEmail(userID: "B0123402", email: "r\(round)@demo.example"), by: maker.session)
            for _ in 0..<2 { _ = try env.engine.authorise(pending, checkerID: "BNK999X1", authorizationCode: "guess") }
        }
        XCTAssertEqual(try env.engine.auditLog(userID: "BNK999X1").filter { $0.event == .authorisationFailed }.count, 0)
        XCTAssertTrue(try env.engine.auditLog(userID: "B01234X1").contains { $0.detail.contains("BNK999X1 is not a checker of HKSCC-CP:B01234") })
        let bankMaker = try env.dmsLogon("BNK999X1")
        let own = try env.engine.submit(.changeEmail(userID: "BNK99901", email: "bank@demo.example"), by: bankMaker.session)
        XCTAssertNotEqual(try env.engine.authorise(own, checkerID: "BNK999X1", authorizationCode: TestEnvironment.password),
                          .refused(.checkerSuspended(until: env.clock.now().addingTimeInterval(30 * 60))), "the bank's DA is not suspended")
    }

    func testCreateChecksTheFormatTheQuotaAndTheMaker() throws {
        let env = try TestEnvironment()
        let maker = try env.dmsLogon("B01234X1")
        func refusal(_ change: ProfileChange, by session: ActorSession) -> EngineError? {
            do { _ = try env.engine.submit(change, by: session); return nil } catch { return error as? EngineError }
        }
        guard case .invalidUserID = refusal(.create(userID: "B0123X99", email: "a@b.example"), by: maker.session) else { return XCTFail("format") }
        guard case .invalidUserID = refusal(.create(userID: "B01234X5", email: "a@b.example"), by: maker.session) else { return XCTFail("DA format for a user") }
        XCTAssertEqual(refusal(.create(userID: "B0123410", email: "用户@example.com"), by: maker.session), .invalidEmail("用户@example.com"))
        XCTAssertEqual(refusal(.resetOTPRegistration(userID: "BNK99901"), by: maker.session),
                       .notPermitted(.otherParticipant(userID: "BNK99901", participant: "HKSCC-CP:B01234")))
        let created = try env.engine.submit(.create(userID: "B0123410", email: "new@demo.example"), by: maker.session)
        XCTAssertEqual(try env.engine.authorise(created, checkerID: "B01234Y1", authorizationCode: TestEnvironment.password), .applied(created))
        XCTAssertEqual(try env.account("B0123410").state, .notInitialised)
        let second = try env.engine.submit(.create(userID: "B0123411", email: "n2@demo.example"), by: maker.session)
        _ = try env.engine.authorise(second, checkerID: "B01234Y1", authorizationCode: TestEnvironment.password)
        XCTAssertEqual(refusal(.create(userID: "B0123412", email: "n3@demo.example"), by: maker.session),
                       .quotaReached(participant: "HKSCC-CP:B01234", max: 14))
        let checker = try env.dmsLogon("B01234Y1")
        XCTAssertEqual(refusal(.delete(userID: "B0123402"), by: checker.session), .notPermitted(.notAMaker("B01234Y1")), "only makers submit")
    }

    func testCreateUserProfileStartsWithTheLaunch() throws {
        let env = try TestEnvironment(start: HongKongTime.date(2023, 6, 9, 10, 0))
        XCTAssertEqual(env.engine.dmsAvailability(.create), .createUserBeforeLaunch)
        XCTAssertNil(env.engine.dmsAvailability(.change))
        // A DA on smartcard before the launch (DMS by smartcard).
        guard case .loggedOn(let maker) = try env.engine.smartcardLogon(userID: "B01234X1", smartcardPassword: "12345678", service: .dms) else {
            return XCTFail("smartcard logon to DMS")
        }
        XCTAssertThrowsError(try env.engine.submit(.create(userID: "B0123410", email: "new@demo.example"), by: maker.session)) {
            XCTAssertEqual($0 as? EngineError, .unavailable(.createUserBeforeLaunch))
        }
        env.clock.set(HongKongTime.date(2023, 6, 12, 9, 0))
        XCTAssertNil(env.engine.dmsAvailability(.create))
    }
}
