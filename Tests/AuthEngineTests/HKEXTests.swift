import AuthEngine
import Foundation
import TestSupport
import XCTest

/// The HKEX side: participants, DAs (eService DA3), additional accounts (eService DA4).
final class HKEXTests: XCTestCase {
    func testGrantingAccountsRecordsTheFeeAndRaisesTheMaximum() throws {
        let env = try TestEnvironment()
        let fee = try env.engine.grantAccounts(clearingHouse: .hksccDesignatedBank, participantID: "BNK999", count: 3, actor: "HKEX")
        XCTAssertEqual(fee.amountHKD, 750)
        XCTAssertEqual(try env.engine.participants().first { $0.key == "HKSCC-DB:BNK999" }?.maxUsers, 7)
        XCTAssertEqual(try env.engine.feeLedger().map(\.amountHKD), [750])
        XCTAssertThrowsError(try env.engine.grantAccounts(clearingHouse: .hkcc, participantID: "NOPE", count: 1, actor: "HKEX"))
        XCTAssertThrowsError(try env.engine.setMaxUsers(clearingHouse: .hksccDesignatedBank, participantID: "BNK999", maxUsers: 1, actor: "HKEX")) { error in
            XCTAssertEqual("\(error)", "MAX NO. OF USERS of HKSCC-DB:BNK999 cannot be 1: 2 user accounts are in use.")
        }
        XCTAssertEqual(try env.engine.participants().first { $0.key == "HKSCC-DB:BNK999" }?.maxUsers, 7, "nothing half-applied")
    }

    func testDAUserIDsAreAssignedInTheParticipantsFormat() throws {
        let env = try TestEnvironment()
        XCTAssertEqual(try env.engine.nextDAUserID(clearingHouse: .hksccParticipant, participantID: "B01234"), "B01234X2")
        XCTAssertEqual(try env.engine.nextDAUserID(clearingHouse: .hkcc, participantID: "ABC"), "HKABC1X2")
        XCTAssertEqual(try env.engine.nextDAUserID(clearingHouse: .seoch, participantID: "ABC"), "HKABC2X2")
        try env.engine.deleteAccount(userID: "HKABC1X1", actor: "HKEX")
        XCTAssertEqual(try env.engine.nextDAUserID(clearingHouse: .hkcc, participantID: "ABC"), "HKABC1X1")
        XCTAssertNil(try env.engine.account("HKABC1X1"))
        XCTAssertFalse(try env.events("HKABC1X1").isEmpty, "the audit history stays")
    }

    func testTheConsoleCommandsAndTheirRefusals() throws {
        let env = try TestEnvironment()
        try env.engine.store.write { try $0.setSetting("training.kdf-iterations", "1000") }
        let dir = env.directory.path
        func run(_ arguments: [String]) throws -> (out: String, err: String, status: Int32) {
            try Programs.run(Programs.ccassTerminal, ["hkex"] + arguments + ["--data-dir", dir])
        }
        XCTAssertEqual(try run(["participant", "add", "SEOCH:XYZ", "--name", "XYZ Options", "--max-users", "3"]).status, 0)
        let added = try run(["da", "add", "SEOCH:XYZ", "--email", "da@xyz.example", "--maker"])
        XCTAssertEqual(added.out, "Added DA (maker) HKXYZ2X1 to SEOCH:XYZ; first logon sets up the password and OTP channel\n", added.err)
        XCTAssertEqual(try run(["da", "do", "disable", "HKXYZ2X1"]).status, 0)
        XCTAssertTrue(try env.account("HKXYZ2X1").disabled)
        let wrongFormat = try run(["participant", "add", "HKCC:AB1", "--name", "x", "--max-users", "2"])
        XCTAssertEqual(wrongFormat.status, 1)
        XCTAssertEqual(wrongFormat.err, "ccass-terminal: \"AB1\" is not a HKCC Participant ID: it must be a customer code of 3 capital letters, e.g. ABC\n")
        let unknown = try run(["grant", "HKCC:ZZZ", "1"])
        XCTAssertEqual(unknown.err, "ccass-terminal: There is no participant HKCC:ZZZ.\n")
        let quota = try run(["participant", "set-max", "HKSCC-CP:B01234", "2"])
        XCTAssertEqual(quota.status, 1)
        XCTAssertTrue(quota.err.contains("12 user accounts are in use"), quota.err)
        XCTAssertEqual(try run(["grant", "SEOCH:XYZ", "2"]).out, "Granted 2 additional user account(s) to SEOCH:XYZ; fee HKD 500\n")
        let fees = try run(["fees"]).out.split(separator: "\n").last.map { $0.split(separator: " ").map(String.init) }
        XCTAssertEqual(fees, ["TOTAL", "2", "500"])
    }
}
