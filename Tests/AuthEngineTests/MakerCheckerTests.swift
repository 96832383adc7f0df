import AuthEngine
import Foundation
import XCTest

/// DMS maker-checker: the maker submits, a checker authorises on the same screen.
final class MakerCheckerTests: XCTestCase {
    private func logOn(_ env: TestEnvironment, _ userID: String) throws -> LogonSuccess {
        guard case .enterAppOTP(let session) = try env.engine.logon(userID: userID, password: TestEnvironment.password),
              case .accepted(.loggedOn(let success)) = try env.engine.submitOTP(session, code: env.appCode(XCTUnwrap(env.uri(userID)))) else {
            throw XCTSkip("\(userID) could not log on")
        }
        return success
    }

    func testAMakerResetsALockedUsersRegistrationAndACheckerAuthorises() throws {
        let env = try TestEnvironment()
        let maker = try logOn(env, "B01234X1")
        let pending = try env.engine.submit(.resetOTPRegistration(userID: "B0123404"), by: maker)
        XCTAssertTrue(try env.account("B0123404").locked, "nothing happens before the checker")
        XCTAssertEqual(try env.engine.authorise(pending, checkerID: "B01234X1", authorizationCode: TestEnvironment.password),
                       .refused("A checker cannot authorise a request they made."))
        XCTAssertEqual(try env.engine.authorise(pending, checkerID: "B01234Y1", authorizationCode: "wrong"),
                       .refused("Invalid Checker ID or Authorization Code."))
        XCTAssertEqual(try env.engine.authorise(pending, checkerID: "B0123402", authorizationCode: TestEnvironment.password),
                       .refused("B0123402 is not a DA checker of HKSCC-CP:B01234."))
        guard case .applied = try env.engine.authorise(pending, checkerID: "B01234Y1", authorizationCode: TestEnvironment.password) else {
            return XCTFail("the checker authorises")
        }
        let account = try env.account("B0123404")
        XCTAssertFalse(account.locked)
        XCTAssertEqual(account.state, .notInitialised, "next logon is a first-time logon")
        XCTAssertThrowsError(try env.engine.authorise(pending, checkerID: "B01234Z1", authorizationCode: TestEnvironment.password),
                             "a request is authorised once")
        let events = try env.engine.auditLog().map(\.event)
        XCTAssertEqual(events.filter { $0 == .changeSubmitted }.count, 1)
        XCTAssertEqual(events.filter { $0 == .changeRefused }.count, 3, "refusals are audited too")
        XCTAssertEqual(events.filter { $0 == .changeAuthorised }.count, 1)
    }

    func testNoCheckerAuthorisesAChangeAboutThemselves() throws {
        let env = try TestEnvironment()
        let maker = try logOn(env, "B01234X1")
        let pending = try env.engine.submit(.changeEmail(userID: "B01234Y1", email: "new@demo.example"), by: maker)
        XCTAssertEqual(try env.engine.authorise(pending, checkerID: "B01234Y1", authorizationCode: TestEnvironment.password),
                       .refused("A checker cannot authorise a request that concerns themselves."))
        guard case .applied = try env.engine.authorise(pending, checkerID: "B01234Z1", authorizationCode: TestEnvironment.password) else {
            return XCTFail("another checker may")
        }
        XCTAssertEqual(try env.account("B01234Y1").email, "new@demo.example")
    }

    func testTheParticipantKeepsOneMakerAndTwoCheckers() throws {
        let env = try TestEnvironment()
        let maker = try logOn(env, "B01234X1")
        let pending = try env.engine.submit(.delete(userID: "B01234Z1"), by: maker)
        XCTAssertEqual(try env.engine.authorise(pending, checkerID: "B01234Y1", authorizationCode: TestEnvironment.password),
                       .refused("Refused: HKSCC-CP:B01234 must keep at least 1 DA maker and 2 DA checkers (it would have 1 and 1)."))
        XCTAssertNotNil(try env.account("B01234Z1"), "rolled back whole")
        // With a third checker, the deletion goes through.
        let promote = try env.engine.submit(.assignDARole(userID: "B0123402", maker: false, checker: true), by: maker)
        guard case .applied = try env.engine.authorise(promote, checkerID: "B01234Y1", authorizationCode: TestEnvironment.password) else {
            return XCTFail("role assigned")
        }
        let again = try env.engine.submit(.delete(userID: "B01234Z1"), by: maker)
        guard case .applied = try env.engine.authorise(again, checkerID: "B0123402", authorizationCode: TestEnvironment.password) else {
            return XCTFail("deleted")
        }
        XCTAssertNil(try env.engine.account("B01234Z1"))
    }

    func testCreateChecksTheFormatTheQuotaAndTheMaker() throws {
        let env = try TestEnvironment()
        let maker = try logOn(env, "B01234X1")
        XCTAssertThrowsError(try env.engine.submit(.create(userID: "B0123X99", email: "a@b.example"), by: maker))
        XCTAssertThrowsError(try env.engine.submit(.create(userID: "B01234X5", email: "a@b.example"), by: maker), "DA format for a user")
        XCTAssertThrowsError(try env.engine.submit(.resetOTPRegistration(userID: "BNK99901"), by: maker), "another participant's user")
        let created = try env.engine.submit(.create(userID: "B0123410", email: "new@demo.example"), by: maker)
        guard case .applied = try env.engine.authorise(created, checkerID: "B01234Y1", authorizationCode: TestEnvironment.password) else {
            return XCTFail("created")
        }
        XCTAssertEqual(try env.account("B0123410").state, .notInitialised)
        let second = try env.engine.submit(.create(userID: "B0123411", email: "n2@demo.example"), by: maker)
        _ = try env.engine.authorise(second, checkerID: "B01234Y1", authorizationCode: TestEnvironment.password)
        XCTAssertThrowsError(try env.engine.submit(.create(userID: "B0123412", email: "n3@demo.example"), by: maker)) { error in
            XCTAssertTrue("\(error)".contains("MAX NO. OF USERS: 14"), "\(error)")
        }
        let checker = try logOn(env, "B01234Y1")
        XCTAssertThrowsError(try env.engine.submit(.delete(userID: "B0123402"), by: checker), "only makers submit")
    }
}
