@testable import AuthEngine
import Foundation
import XCTest

/// Reports read an audit entry's typed fields; the detail text is for people.
final class AuditFactsTests: XCTestCase {
    /// The words of entries written before the typed fields existed (exactly as those versions
    /// wrote them): opening such a store fills the fields from them.
    func testEntriesWrittenBeforeTheFieldsGetThemFromTheirWords() throws {
        let env = try TestEnvironment()
        let now = env.clock.now()
        let old: [(AuditEvent, String)] = [
            (.logonSucceeded, "2FA (authenticator app) to terminal"),
            (.logonSucceeded, "2FA (email OTP) to dms"),
            (.smartcardLogonSucceeded, "S0001 to terminal"),
            (.passwordChanged, "set through Forgot/Reset your Password"),
            (.passwordChanged, "changed by the user"),
            (.passwordChanged, "expired password changed"),
            (.changeAuthorised, "unlock/ reset OTP device registration of B0123403: made by B01234X1, authorised by B01234Y1"),
            (.changeAuthorised, "change the email of B0123403 to a@b.example: made by B01234X1, authorised by B01234Y1"),
            (.logonFailed, "2FA (authenticator app) wrong password"),
        ]
        let entries = try env.engine.store.write { tx in
            let first = try tx.lastAuditID()
            for (event, detail) in old { _ = try tx.audit(event, userID: "B0123403", at: now, terminal: "t", detail) }
            try AccountStore.auditFactsFromDetail(tx.db)
            return try tx.auditEntries(userIDPrefix: "B0123403", afterID: first)
        }
        XCTAssertEqual(entries.map(\.method), [.appOTP, .emailOTP, .smartcard, nil, nil, nil, nil, nil, nil])
        XCTAssertEqual(entries.map(\.passwordSource), [nil, nil, nil, .reset, .user, .expired, nil, nil, nil])
        XCTAssertEqual(entries.map(\.change), [nil, nil, nil, nil, nil, nil, .resetOTPRegistration, .changeEmail, nil])
        XCTAssertEqual(entries.map(\.actor), [nil, nil, nil, nil, nil, nil, "B01234Y1", "B01234Y1", nil])
    }

    /// What the engine writes now carries its fields, whatever the words say.
    func testTheEngineWritesTheFields() throws {
        let env = try TestEnvironment()
        let first = try env.engine.store.read { try $0.lastAuditID() }
        _ = try env.dmsSmartcardLogon("B01234X1")
        let entries = try env.engine.store.read { try $0.auditEntries(userIDPrefix: "B01234X1", afterID: first) }
        XCTAssertEqual(entries.filter { $0.event == .smartcardLogonSucceeded }.map(\.method), [.smartcard])
    }
}
