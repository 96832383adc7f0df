import AuthEngine
import Foundation
import XCTest

/// The engine is the authority on DMS: every operation takes the acting session and refuses
/// the wrong actor, the wrong participant, the wrong target and the wrong phase, with a typed
/// refusal written to the audit log (never a "viewed" row).
final class DMSAuthorityTests: XCTestCase {
    private func refusal(_ body: () throws -> Any) -> EngineError? {
        do { _ = try body(); return nil } catch { return error as? EngineError }
    }

    func testEnquiryListingAndExportAreLimitedToTheDAsOwnParticipant() throws {
        let env = try TestEnvironment()
        let bankDA = try env.dmsLogon("BNK999X1")
        XCTAssertEqual(refusal { try env.engine.userProfile("B0123401", for: .enquire, by: bankDA.session) },
                       .notPermitted(.otherParticipant(userID: "B0123401", participant: "HKSCC-DB:BNK999")))
        let rows = try env.engine.auditLog().filter { $0.event == .profileViewed || $0.event == .dmsRefused }
        XCTAssertEqual(rows.map(\.event), [.dmsRefused], "the refusal is audited; nothing was viewed")
        XCTAssertEqual(rows.first?.userID, "B0123401")
        let listing = try env.engine.userProfileListing(by: bankDA.session)
        XCTAssertEqual(listing.participantKey, "HKSCC-DB:BNK999")
        XCTAssertEqual(Set(listing.rows.map(\.userID)), ["BNK999X1", "BNK99901"])
        let export = try env.engine.exportUserProfileListing(by: bankDA.session)
        XCTAssertEqual(try String(contentsOf: export, encoding: .utf8), listing.text)
    }

    func testOnlyALiveDMSLogonOfADelegatedAdministratorActs() throws {
        let env = try TestEnvironment()
        // A user cannot log on to DMS at all: both factors right, then refused.
        guard case .enterAppOTP(let session, _) = try env.engine.logon(userID: "B0123402", password: TestEnvironment.password, service: .dms) else {
            return XCTFail("password step")
        }
        XCTAssertEqual(try env.engine.submitOTP(session, code: env.appCode(XCTUnwrap(env.uri("B0123402")))),
                       .accepted(.refused(.notADelegatedAdministrator("B0123402"))))
        // A terminal logon is not a DMS logon.
        env.clock.advance(by: 30)
        guard case .enterAppOTP(let terminal, _) = try env.engine.logon(userID: "B01234X1", password: TestEnvironment.password),
              case .accepted(.loggedOn(let onTerminal)) = try env.engine.submitOTP(terminal, code: env.appCode(XCTUnwrap(env.uri("B01234X1")))) else {
            return XCTFail("terminal logon")
        }
        XCTAssertEqual(refusal { try env.engine.userProfileListing(by: onTerminal.session) }, .notPermitted(.notLoggedOn))
        // A made-up session, and a session after logout.
        env.clock.advance(by: 30)
        let maker = try env.dmsLogon("B01234X1")
        let forged = LogonSuccess(session: ActorSession(token: "00112233445566778899aabbccddeeff"), userID: "B01234X1", role: maker.role,
                                  clearingHouse: maker.clearingHouse, participantID: maker.participantID, loggedOnAt: maker.loggedOnAt,
                                  previousLogonAt: nil, method: .appOTP)
        XCTAssertEqual(refusal { try env.engine.submit(.resetOTPRegistration(userID: "B0123404"), by: forged.session) }, .notPermitted(.notLoggedOn))
        XCTAssertNoThrow(try env.engine.userProfile("B0123404", for: .change, by: maker.session))
        env.engine.logout(maker.session)
        XCTAssertEqual(refusal { try env.engine.userProfile("B0123404", for: .change, by: maker.session) }, .notPermitted(.notLoggedOn))
        XCTAssertTrue(try env.engine.auditLog().contains { $0.event == .loggedOut && $0.userID == "B01234X1" })
        XCTAssertGreaterThanOrEqual(try env.engine.auditLog().filter { $0.event == .changeRefused || $0.event == .dmsRefused }.count, 3)
    }

    func testAMakersRoleIsReadFromTheStoreAtEachRequest() throws {
        let env = try TestEnvironment(start: HongKongTime.date(2023, 9, 4, 10, 0))
        let maker = try env.dmsLogon("B01234X1")
        let checker = try env.dmsLogon("B01234Y1")
        XCTAssertEqual(refusal { try env.engine.submit(.resetOTPRegistration(userID: "B0123404"), by: checker.session) },
                       .notPermitted(.notAMaker("B01234Y1")), "a DA checker acting as maker")
        // The maker loses the role at another terminal: the live session cannot submit any more.
        try env.engine.store.write { tx in
            var x1 = try XCTUnwrap(tx.account("B01234X1"))
            x1.isMaker = false
            try tx.save(x1)
        }
        XCTAssertEqual(refusal { try env.engine.submit(.resetOTPRegistration(userID: "B0123404"), by: maker.session) },
                       .notPermitted(.notAMaker("B01234X1")))
    }

    func testBeforeDecommissioningADAsProfileIsHKEXsThroughEServiceDA3() throws {
        let env = try TestEnvironment()
        let maker = try env.dmsLogon("B01234X1")
        for change in [ProfileChange.changeEmail(userID: "B01234Z1", email: "z@demo.example"), .resetOTPRegistration(userID: "B01234Z1"),
                       .delete(userID: "B01234Z1")] {
            XCTAssertEqual(refusal { try env.engine.submit(change, by: maker.session) }, .notPermitted(.daProfileThroughEServiceDA3("B01234Z1", .hksccParticipant)),
                           change.summary)
        }
        XCTAssertEqual(refusal { try env.engine.submit(.assignBusinessGroups(userID: "B0123402", groups: ["Settlement"]), by: maker.session) },
                       .unavailable(.businessGroupsBeforeDecommissioning))
        let profile = try env.engine.userProfile("B01234Z1", for: .change, by: maker.session)
        XCTAssertEqual(profile.restriction, .daProfileThroughEServiceDA3("B01234Z1", .hksccParticipant))
        // An HKSCC participant's DA is given the CCASS contacts only (s7).
        let said = try XCTUnwrap(profile.restriction).description
        XCTAssertTrue(said.contains(HKEXContact.ccassHotline) && said.contains(HKEXContact.ccassEmail), said)
        XCTAssertFalse(said.contains(HKEXContact.ccmsHotline) || said.contains(HKEXContact.ccmsEmail), said)
        XCTAssertTrue(profile.changeOptions.isEmpty)
    }

    func testWhatEachFunctionShowsOfAProfile() throws {
        let env = try TestEnvironment()
        let maker = try env.dmsLogon("B01234X1")
        let before = try env.engine.userProfile("B0123401", for: .enquire, by: maker.session)
        XCTAssertNil(before.twoFactor)
        XCTAssertEqual(before.smartcard?.srn.isEmpty, false)
        XCTAssertEqual(before.smartcard?.certificateExpiry.map(UserProfile.certificateDate), "31-Dec-30 23:59:59")
        XCTAssertNil(before.businessGroups, "no business user groups while smartcards are in service")
        let after = try env.engine.userProfile("B0123404", for: .delete, by: maker.session)
        XCTAssertEqual(after.twoFactor, UserProfile.TwoFactorStatus(locked: true, otpEnabled: true))
        XCTAssertNil(after.smartcard)
        // Change User Profile shows neither (s4.3: only Enquire and Delete show them).
        let change = try env.engine.userProfile("B0123404", for: .change, by: maker.session)
        XCTAssertNil(change.twoFactor)
        XCTAssertNil(change.smartcard)
        XCTAssertEqual(change.changeOptions, UserProfile.ChangeOptions(email: true, resetOTPRegistration: true, businessGroups: false))
        let later = try TestEnvironment(start: HongKongTime.date(2023, 9, 5, 10, 0))
        let laterMaker = try later.dmsLogon("B01234X1")
        let decommissioned = try later.engine.userProfile("B0123404", for: .change, by: laterMaker.session)
        XCTAssertEqual(decommissioned.businessGroups, [])
        // Business user groups from the decommissioning; the DA role never in DMS (eService DA3, s5.1).
        XCTAssertEqual(decommissioned.changeOptions, UserProfile.ChangeOptions(email: true, resetOTPRegistration: true, businessGroups: true))
        // Before the launch there is no OTP device to unlock or reset.
        let early = try TestEnvironment(start: HongKongTime.date(2023, 6, 9, 10, 0))
        let earlyMaker = try early.dmsSmartcardLogon("B01234X1")
        XCTAssertFalse(try early.engine.userProfile("B0123402", for: .change, by: earlyMaker.session).changeOptions.resetOTPRegistration)
        XCTAssertEqual(refusal { try early.engine.submit(.resetOTPRegistration(userID: "B0123402"), by: earlyMaker.session) },
                       .unavailable(.twoFactorNotLaunched))
    }

    func testNoDMSChangeDuringTheConnectivityTest() throws {
        let env = try TestEnvironment(start: HongKongTime.date(2023, 6, 10, 18, 30), phase: .transition, connectivityTest: .primary)
        let maker = try env.dmsLogon("B01234X1")
        XCTAssertEqual(env.engine.dmsAvailability(.change), .duringConnectivityTest)
        XCTAssertEqual(refusal { try env.engine.submit(.resetOTPRegistration(userID: "B0123404"), by: maker.session) },
                       .unavailable(.duringConnectivityTest))
    }
}
