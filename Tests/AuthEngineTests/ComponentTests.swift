import AuthEngine
import Foundation
import XCTest

final class OTPAuthURITests: XCTestCase {
    func testIssuedURIHasTheAgreedShape() throws {
        let secret = try SecureRandom.bytes(20)
        let uri = OTPAuthURI(issuer: "HKEX", account: "B0123401", secret: secret)
        XCTAssertEqual(uri.string, "otpauth://totp/HKEX:B0123401?secret=\(Base32.encode(secret))&issuer=HKEX&algorithm=SHA1&digits=6&period=30")
        XCTAssertEqual(Base32.encode(secret).count, 32, "160 bits = 32 Base32 characters, no padding")
        XCTAssertEqual(try OTPAuthURI(parsing: uri.string), uri)
    }

    func testParsesEveryAlgorithmDigitsAndHOTP() throws {
        let parsed = try OTPAuthURI(parsing: "otpauth://hotp/Acme:alice%40example.com?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Acme&algorithm=SHA512&digits=8&counter=7")
        XCTAssertEqual(parsed.kind, .hotp)
        XCTAssertEqual(parsed.account, "alice@example.com")
        XCTAssertEqual(parsed.algorithm, .sha512)
        XCTAssertEqual(parsed.digits, 8)
        XCTAssertEqual(parsed.counter, 7)
        XCTAssertEqual(parsed.secret, Array("12345678901234567890".utf8))
    }

    func testEachWrongPartIsNamed() {
        let cases: [(String, String)] = [
            ("http://totp/A:b?secret=GEZDGNBVGY3TQOJQ", "scheme"),
            ("otpauth://motp/A:b?secret=GEZDGNBVGY3TQOJQ", "type"),
            ("otpauth://totp/?secret=GEZDGNBVGY3TQOJQ", "label"),
            ("otpauth://totp/A:b", "secret parameter is missing"),
            ("otpauth://totp/A:b?secret=GEZ1", "Base32"),
            ("otpauth://totp/A:b?secret=GEZA", "too short"),
            ("otpauth://totp/A:b?secret=GEZDGNBVGY3TQOJQ&algorithm=MD5", "algorithm"),
            ("otpauth://totp/A:b?secret=GEZDGNBVGY3TQOJQ&digits=7", "digits"),
            ("otpauth://totp/A:b?secret=GEZDGNBVGY3TQOJQ&period=0", "period"),
            ("otpauth://totp/A:b?secret=GEZDGNBVGY3TQOJQ&issuer=B", "differs"),
            ("otpauth://hotp/A:b?secret=GEZDGNBVGY3TQOJQ", "counter"),
        ]
        for (text, expected) in cases {
            XCTAssertThrowsError(try OTPAuthURI(parsing: text), text) { error in
                XCTAssertTrue("\(error)".contains(expected), "\(text): \(error)")
            }
        }
    }
}

final class PasswordPolicyTests: XCTestCase {
    func testHKEXRulesAreEachReportedByName() {
        let policy = PasswordPolicy.hkex2023
        XCTAssertEqual(policy.rules.map(\.label), [
            "At least 16 characters", "At least 1 number", "At least 1 lower letter",
            "At least 1 special character from !@#$%^&*()", "At least 1 capital letter",
        ])
        XCTAssertEqual(policy.failures("").map(\.id), ["length", "digit", "lower", "special", "upper"])
        XCTAssertEqual(policy.failures("abcdefghijklmnop").map(\.id), ["digit", "special", "upper"])
        XCTAssertEqual(policy.failures("Abcdefghijklmno1").map(\.id), ["special"])
        XCTAssertEqual(policy.failures("Abcdefghijklmn1-").map(\.id), ["special"], "- is not one of the listed specials")
        XCTAssertEqual(policy.failures("Abcdefghijklmn1!").map(\.id), [])
        XCTAssertEqual(policy.failures("Abcdefghijklm1!").map(\.id), ["length"], "15 characters")
        XCTAssertEqual(policy.maxAge, 90 * 86_400)
        XCTAssertEqual(policy.checklist("a").map(\.met), [false, false, true, false, false])
    }

    func testNISTProfileHasNoCompositionRulesButABlocklist() {
        let policy = PasswordPolicy.nist80063b4
        XCTAssertNil(policy.maxAge, "no periodic expiry")
        XCTAssertEqual(policy.failures("correct horse battery").map(\.id), [], "letters and spaces only are fine")
        XCTAssertEqual(policy.failures("short").map(\.id), ["length"])
        XCTAssertEqual(policy.failures("passwordpassword").map(\.id), ["blocklist"])
        XCTAssertEqual(policy.failures("Password1234567!").map(\.id), ["blocklist"], "decorated common word")
        XCTAssertEqual(policy.failures("my b0123401 long pass", context: PasswordContext(userID: "B0123401")).map(\.id), ["user-id"])
        XCTAssertEqual(policy.failures(String(repeating: "x", count: 65) + "!").map(\.id), ["maximum"])
        XCTAssertGreaterThan(CommonPasswords.shared.count, 100)
    }
}

final class UserIDFormatTests: XCTestCase {
    let cp = Participant(clearingHouse: .hksccParticipant, participantID: "B01234", name: "", maxUsers: 5)
    let db = Participant(clearingHouse: .hksccDesignatedBank, participantID: "BNK999", name: "", maxUsers: 5)
    let hkcc = Participant(clearingHouse: .hkcc, participantID: "ABC", name: "", maxUsers: 5)
    let seoch = Participant(clearingHouse: .seoch, participantID: "ABC", name: "", maxUsers: 5)

    func testTheExamplesOfTheReferencePackageAreValid() throws {
        try UserIDFormat.validate("B0123401", role: .user, participant: cp)
        try UserIDFormat.validate("BNK99901", role: .user, participant: db)
        try UserIDFormat.validate("HKABC101", role: .user, participant: hkcc)
        try UserIDFormat.validate("HKABC201", role: .user, participant: seoch)
        try UserIDFormat.validate("B01234X1", role: .delegatedAdministrator, participant: cp)
        try UserIDFormat.validate("BNK999X1", role: .delegatedAdministrator, participant: db)
        try UserIDFormat.validate("HKABC1X1", role: .delegatedAdministrator, participant: hkcc)
        try UserIDFormat.validate("HKABC2X1", role: .delegatedAdministrator, participant: seoch)
    }

    func testRefusalsSayWhatTheFormatIs() {
        let cases: [(String, UserIDFormat.Role, Participant, String)] = [
            ("B012340", .user, cp, "has 7 characters"),
            ("B01235AA", .user, cp, "does not start with participant ID B01234"),
            ("B01234a1", .user, cp, "capital letters and digits"),
            ("B01234X1", .user, cp, "ends like a delegated administrator"),
            ("B01234A1", .delegatedAdministrator, cp, "X, Y or Z"),
            ("B01234X0", .delegatedAdministrator, cp, "X, Y or Z"),
            ("HKABC501", .user, hkcc, "1, 2, 3 or 4"),
            ("HKXYZ101", .user, hkcc, "does not start with HKABC"),
        ]
        for (id, role, participant, expected) in cases {
            XCTAssertThrowsError(try UserIDFormat.validate(id, role: role, participant: participant), id) { error in
                let text = "\(error)"
                XCTAssertTrue(text.contains(expected), text)
                XCTAssertTrue(text.contains("e.g."), "names the format: \(text)")
            }
        }
        XCTAssertThrowsError(try UserIDFormat.validateParticipantID("B1234", for: .hksccParticipant))
        XCTAssertThrowsError(try UserIDFormat.validateParticipantID("AB1", for: .hkcc))
    }
}

final class PasswordHasherTests: XCTestCase {
    func testRecordCarriesAlgorithmCostAndSaltAndDiffersPerUser() throws {
        let hasher = try PasswordHasher(iterations: 1_000, allowReducedCost: true)
        let a = try hasher.hash(TestEnvironment.password)
        let b = try hasher.hash(TestEnvironment.password)
        XCTAssertNotEqual(a.encoded, b.encoded, "same password, different records")
        XCTAssertTrue(a.encoded.hasPrefix("$pbkdf2-sha256$i=1000$"))
        XCTAssertEqual(a.salt.count, 16)
        XCTAssertEqual(PasswordHash(encoded: a.encoded), a)
        XCTAssertTrue(try hasher.verify(TestEnvironment.password, against: a))
        XCTAssertFalse(try hasher.verify(TestEnvironment.password + "x", against: a))
        XCTAssertNil(PasswordHash(encoded: "$argon2id$v=19$..."))
    }

    func testDefaultCostIsPolicyAndLowerNeedsExplicitConsent() throws {
        XCTAssertEqual(try PasswordHasher().iterations, 600_000)
        XCTAssertThrowsError(try PasswordHasher(iterations: 100_000))
        XCTAssertEqual(try PasswordHasher(iterations: 100_000, allowReducedCost: true).iterations, 100_000)
    }
}

final class HongKongTimeTests: XCTestCase {
    func testParsesTheFormsTheCommandsAccept() {
        let nine = HongKongTime.date(2023, 6, 12, 9, 0)
        XCTAssertEqual(HongKongTime.parse("2023-06-12T09:00+08:00"), nine)
        XCTAssertEqual(HongKongTime.parse("2023-06-12T01:00:00Z"), nine)
        XCTAssertEqual(HongKongTime.parse("2023-06-12 09:00"), nine, "no zone: Hong Kong")
        XCTAssertEqual(HongKongTime.parse("2023-06-12"), HongKongTime.date(2023, 6, 12))
        XCTAssertNil(HongKongTime.parse("2023-02-30"))
        XCTAssertNil(HongKongTime.parse("12/06/2023"))
        XCTAssertNil(HongKongTime.parse("2023-06-12T09"))
        XCTAssertNil(HongKongTime.parse("2023-06-12 09:00 extra"))
        XCTAssertEqual(HongKongTime.parse("2023-06-12T09:00:30-01:30"), HongKongTime.date(2023, 6, 12, 18, 30, 30))
        XCTAssertEqual(HongKongTime.format(nine), "2023-06-12 09:00:00 HKT")
    }
}
