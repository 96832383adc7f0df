import AuthEngine
import Foundation
import TestSupport
import XCTest

/// The HKEX side: participants, DAs (eService DA3), additional accounts (eService DA4).
final class HKEXTests: XCTestCase {
    let hkex = Actor.hkex(operatorName: "HKEX")

    private func refusal(_ body: () throws -> Any) -> EngineError? {
        do { _ = try body(); return nil } catch { return error as? EngineError }
    }

    func testGrantingAccountsRecordsTheFeeAndRaisesTheMaximumFromTheLaunch() throws {
        let early = try TestEnvironment(start: HongKongTime.date(2023, 6, 9, 10, 0))
        XCTAssertEqual(refusal { try early.engine.process(.additionalAccounts(.hksccDesignatedBank, participantID: "BNK999", count: 3), by: self.hkex) },
                       .unavailable(.eServiceNotYetProcessed(from: ServicePhase.twoFactorLaunch)), "DA4 is processed from 12 June 2023")
        let env = try TestEnvironment()
        XCTAssertEqual(try env.engine.process(.additionalAccounts(.hksccDesignatedBank, participantID: "BNK999", count: 3), by: hkex),
                       .accountsGranted(participant: "HKSCC-DB:BNK999", count: 3, feeHKD: 750, maxUsers: 7))
        XCTAssertEqual(try env.engine.feeLedger().map(\.amountHKD), [750])
        XCTAssertEqual(refusal { try env.engine.process(.additionalAccounts(.hkcc, participantID: "NOPE", count: 1), by: self.hkex) },
                       .unknownParticipant("HKCC:NOPE"))
        XCTAssertEqual(refusal { try env.engine.setMaxUsers(clearingHouse: .hksccDesignatedBank, participantID: "BNK999", maxUsers: 1, by: self.hkex) },
                       .maxUsersBelowInUse(participant: "HKSCC-DB:BNK999", requested: 1, inUse: 2))
        XCTAssertEqual(try env.engine.participants().first { $0.key == "HKSCC-DB:BNK999" }?.maxUsers, 7, "nothing half-applied")
    }

    func testOnlyHKEXProcessesEServiceRequests() throws {
        let env = try TestEnvironment()
        let da = try env.dmsLogon("B01234X1")
        XCTAssertEqual(refusal { try env.engine.process(.unlockDA(userID: "B01234Z1", registeredEmail: "da.checker2@demo-securities.example"),
                                                         by: .dms(da.session)) }, .notPermitted(.hkexOnly))
        XCTAssertEqual(refusal { try env.engine.setMaxUsers(clearingHouse: .hksccParticipant, participantID: "B01234", maxUsers: 99, by: .dms(da.session)) },
                       .notPermitted(.hkexOnly))
        XCTAssertEqual(try env.engine.auditLog().filter { $0.event == .eServiceRefused }.map(\.userID), ["B01234X1", "B01234X1"])
        XCTAssertEqual(refusal { try env.engine.process(.enableDA(userID: "B0123402"), by: self.hkex) },
                       .notPermitted(.notADelegatedAdministrator("B0123402")), "users are maintained by their DAs")
    }

    func testUnlockDAAccountNeedsTheRegisteredEmailAndMakesTheNextLogonAFirstLogon() throws {
        let early = try TestEnvironment(start: HongKongTime.date(2023, 6, 10, 18, 30))
        XCTAssertEqual(refusal { try early.engine.process(.unlockDA(userID: "B01234Z1", registeredEmail: "da.checker2@demo-securities.example"), by: self.hkex) },
                       .unavailable(.eServiceNotYetProcessed(from: ServicePhase.twoFactorLaunch)), "not during the connectivity test, nor before the launch")

        let env = try TestEnvironment()
        // Lock the DA by five wrong passwords first.
        for _ in 0..<5 { _ = try env.engine.logon(userID: "B01234Z1", password: "wrong") }
        XCTAssertTrue(try env.account("B01234Z1").locked)
        XCTAssertEqual(refusal { try env.engine.process(.unlockDA(userID: "B01234Z1", registeredEmail: "someone@else.example"), by: self.hkex) },
                       .emailMismatch(userID: "B01234Z1"))
        XCTAssertTrue(try env.account("B01234Z1").locked, "nothing done")
        XCTAssertEqual(try env.engine.auditLog(userID: "B01234Z1").last?.event, .eServiceRefused)
        XCTAssertEqual(try env.engine.process(.unlockDA(userID: "b01234z1", registeredEmail: "DA.Checker2@demo-securities.example"), by: hkex),
                       .completed(userID: "B01234Z1"))
        let account = try env.account("B01234Z1")
        XCTAssertFalse(account.locked)
        XCTAssertEqual(account.state, .notInitialised, "set up password and OTP channel again, as at a first-time logon")
        guard case .emailOTPSent = try env.engine.startPasswordReset(userID: "B01234Z1") else { return XCTFail("first-time logon") }
        // The DA was told by email, without the user ID.
        let mails = try env.mailer.messages(for: "da.checker2@demo-securities.example").map { try String(contentsOf: $0, encoding: .utf8) }
        let notice = try XCTUnwrap(mails.first { $0.contains("Subject: eService DA3 request completed") })
        XCTAssertTrue(notice.contains("Unlock DA Account"))
        XCTAssertFalse(notice.contains("B01234Z1"))
    }

    /// s5.1: the DA role for an existing user is assigned through eService DA3 upon the
    /// decommissioning of smartcards, not before (the other DA3 types start on 12 June).
    func testTheDARoleIsAssignedThroughEServiceDA3FromTheDecommissioning() throws {
        let env = try TestEnvironment(start: HongKongTime.date(2023, 9, 1, 10, 0))
        let role = EServiceRequest.assignDARole(userID: "B0123402", maker: false, checker: true)
        XCTAssertEqual(refusal { try env.engine.process(role, by: self.hkex) },
                       .unavailable(.eServiceNotYetProcessed(from: ServicePhase.smartcardDecommissioning)))
        XCTAssertEqual(Unavailability.eServiceNotYetProcessed(from: ServicePhase.smartcardDecommissioning).description,
                       "HKEX processes this eService request type from 2023-09-04 onwards.")
        XCTAssertEqual(try env.account("B0123402").kind, .user, "nothing done")
        XCTAssertEqual(try env.engine.process(.enableDA(userID: "B01234Y1"), by: hkex), .completed(userID: "B01234Y1"), "the others are processed")
        let later = try TestEnvironment(start: HongKongTime.date(2023, 9, 4, 10, 0))
        XCTAssertEqual(try later.engine.process(role, by: hkex), .completed(userID: "B0123402"))
        XCTAssertTrue(try later.account("B0123402").isChecker)
    }

    /// s7: a mail to one participant's DA gives that participant's contacts only: CCASS for
    /// HKSCC participants, CCMS for HKCC and SEOCH.
    func testTheCompletionMailGivesTheParticipantsOwnContacts() throws {
        let env = try TestEnvironment()
        for (userID, own, other) in [("HKABC1X1", HKEXContact.ccmsHotline, HKEXContact.ccassHotline),
                                     ("B01234Y1", HKEXContact.ccassHotline, HKEXContact.ccmsHotline)] {
            let address = try XCTUnwrap(try env.account(userID).email, userID)
            XCTAssertEqual(try env.engine.process(.enableDA(userID: userID), by: hkex), .completed(userID: userID))
            let mails = try env.mailer.messages(for: address).map { try String(contentsOf: $0, encoding: .utf8) }
            let notice = try XCTUnwrap(mails.last { $0.contains("Subject: eService DA3 request completed") }, userID)
            XCTAssertTrue(notice.contains(own), "\(userID): \(notice)")
            XCTAssertFalse(notice.contains(other), "\(userID): one participant, one hotline: \(notice)")
        }
    }

    func testDAUserIDsAreAssignedInTheParticipantsFormat() throws {
        let env = try TestEnvironment()
        XCTAssertEqual(try env.engine.nextDAUserID(clearingHouse: .hksccParticipant, participantID: "B01234"), "B01234X2")
        XCTAssertEqual(try env.engine.nextDAUserID(clearingHouse: .hkcc, participantID: "ABC"), "HKABC1X2")
        XCTAssertEqual(try env.engine.nextDAUserID(clearingHouse: .seoch, participantID: "ABC"), "HKABC2X2")
        XCTAssertEqual(try env.engine.process(.addDA(.seoch, participantID: "ABC", userID: nil, email: "da2@abc-options.example", maker: true, checker: false), by: hkex),
                       .daAdded(userID: "HKABC2X2", role: AccountRole(kind: .delegatedAdministrator, isMaker: true), participant: "SEOCH:ABC"))
    }

    func testNoDA3ChangeTakesAParticipantBelowOneMakerAndTwoCheckers() throws {
        let env = try TestEnvironment()
        XCTAssertEqual(refusal { try env.engine.process(.disableDA(userID: "B01234Z1"), by: self.hkex) },
                       .notPermitted(.belowMinimumDAs(participant: "HKSCC-CP:B01234", makers: 1, checkers: 1)))
        XCTAssertFalse(try env.account("B01234Z1").disabled, "rolled back")
        // HKCC:ABC is already below (one DA): adding a checker is still fine, deleting the DA is not.
        XCTAssertEqual(refusal { try env.engine.process(.deleteDA(userID: "HKABC1X1"), by: self.hkex) },
                       .notPermitted(.belowMinimumDAs(participant: "HKCC:ABC", makers: 0, checkers: 0)))
        XCTAssertEqual(try env.engine.process(.addDA(.hkcc, participantID: "ABC", userID: nil, email: "c@abc-futures.example", maker: false, checker: true), by: hkex),
                       .daAdded(userID: "HKABC1X2", role: AccountRole(kind: .delegatedAdministrator, isChecker: true), participant: "HKCC:ABC"))
    }

    func testTheConsoleCommandsAndTheirRefusals() throws {
        let env = try TestEnvironment()
        try env.engine.store.write { try $0.setSetting("training.kdf-iterations", "1000") }
        let dir = env.directory.path
        func run(_ arguments: [String]) throws -> (out: String, err: String, status: Int32) {
            try Programs.run(Programs.ccassTerminal, ["hkex"] + arguments + ["--data-dir", dir, "--clock", "2023-06-12T10:00+08:00"])
        }
        XCTAssertEqual(try run(["participant", "add", "SEOCH:XYZ", "--name", "XYZ Options", "--max-users", "3"]).status, 0)
        let added = try run(["da", "add", "SEOCH:XYZ", "--email", "da@xyz.example", "--maker"])
        XCTAssertEqual(added.out, "eService DA3 Add: DA maker HKXYZ2X1 added to SEOCH:XYZ; first logon sets up the password and OTP channel; the DA was notified by email\n", added.err)
        let below = try run(["da", "disable", "HKXYZ2X1"])
        XCTAssertEqual(below.status, 1)
        XCTAssertEqual(below.err, "Error: Refused: SEOCH:XYZ must keep at least 1 DA maker and 2 DA checkers (it would have 0 and 0).\n")
        let mismatch = try run(["da", "unlock", "HKXYZ2X1", "--email", "other@xyz.example"])
        XCTAssertEqual(mismatch.err, "Error: The email address given is not the one registered for HKXYZ2X1; the request was not processed.\n")
        XCTAssertEqual(try run(["da", "unlock", "HKXYZ2X1", "--email", "da@xyz.example"]).status, 0)
        let wrongFormat = try run(["participant", "add", "HKCC:AB1", "--name", "x", "--max-users", "2"])
        XCTAssertEqual(wrongFormat.status, 1)
        XCTAssertEqual(wrongFormat.err, "Error: \"AB1\" is not a HKCC Participant ID: it must be a customer code of 3 capital letters, e.g. ABC\n")
        let unknown = try run(["grant", "HKCC:ZZZ", "1"])
        XCTAssertEqual(unknown.err, "Error: There is no participant HKCC:ZZZ.\n")
        let quota = try run(["participant", "set-max", "HKSCC-CP:B01234", "2"])
        XCTAssertEqual(quota.status, 1)
        XCTAssertTrue(quota.err.contains("12 user accounts are in use"), quota.err)
        XCTAssertEqual(try run(["grant", "SEOCH:XYZ", "2"]).out, "eService DA4: granted 2 additional user account(s) to SEOCH:XYZ (MAX. NO. OF USERS now 5); fee HKD 500\n")
        let fees = try run(["fees"]).out.split(separator: "\n").last.map { $0.split(separator: " ").map(String.init) }
        XCTAssertEqual(fees, ["TOTAL", "2", "500"])
    }
}
