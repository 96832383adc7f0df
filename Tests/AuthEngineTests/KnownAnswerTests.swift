import AuthEngine
import Foundation
import XCTest

/// RFC 4226 Appendix D, RFC 6238 Appendix B and primitive known answers.
final class KnownAnswerTests: XCTestCase {
    func testRFC4226AppendixD() throws {
        let secret = Array("12345678901234567890".utf8)
        let expected = ["755224", "287082", "359152", "969429", "338314", "254676", "287922", "162583", "399871", "520489"]
        let hotp = OneTimePassword(algorithm: .sha1, digits: 6)
        for (counter, code) in expected.enumerated() {
            XCTAssertEqual(try hotp.hotp(secret: secret, counter: UInt64(counter)), code, "counter \(counter)")
        }
    }

    func testRFC6238AppendixB() throws {
        let seeds: [HashAlgorithm: String] = [
            .sha1: "12345678901234567890",
            .sha256: "12345678901234567890123456789012",
            .sha512: "1234567890123456789012345678901234567890123456789012345678901234",
        ]
        let table: [(TimeInterval, [HashAlgorithm: String])] = [
            (59, [.sha1: "94287082", .sha256: "46119246", .sha512: "90693936"]),
            (1111111109, [.sha1: "07081804", .sha256: "68084774", .sha512: "25091201"]),
            (1111111111, [.sha1: "14050471", .sha256: "67062674", .sha512: "99943326"]),
            (1234567890, [.sha1: "89005924", .sha256: "91819424", .sha512: "93441116"]),
            (2000000000, [.sha1: "69279037", .sha256: "90698825", .sha512: "38618901"]),
            (20000000000, [.sha1: "65353130", .sha256: "77737706", .sha512: "47863826"]),
        ]
        for (time, codes) in table {
            for (algorithm, code) in codes {
                let totp = OneTimePassword(algorithm: algorithm, digits: 8, period: 30)
                let secret = Array(seeds[algorithm]!.utf8)
                let date = Date(timeIntervalSince1970: time)
                XCTAssertEqual(try totp.totp(secret: secret, at: date), code, "\(algorithm) at \(time)")
                XCTAssertEqual(try totp.matchingStep(code: code, secret: secret, at: date), totp.step(at: date))
            }
        }
    }

    func testBase32RoundTripAndRFC4648Vectors() {
        let vectors = ["": "", "f": "MY", "fo": "MZXQ", "foo": "MZXW6", "foob": "MZXW6YQ", "fooba": "MZXW6YTB", "foobar": "MZXW6YTBOI"]
        for (plain, encoded) in vectors {
            XCTAssertEqual(Base32.encode(Array(plain.utf8)), encoded)
            XCTAssertEqual(Base32.decode(encoded), Array(plain.utf8))
            XCTAssertEqual(Base32.decode(encoded.lowercased() + "===="), Array(plain.utf8))
        }
        XCTAssertNil(Base32.decode("MZ1W"), "1 is not in the alphabet")
        XCTAssertNil(Base32.decode("MZ=W"), "nothing may follow padding")
    }

    func testPBKDF2SHA256KnownAnswer() throws {
        // PBKDF2-HMAC-SHA256("password", "salt", c) from RFC 7914 s11 and common test suites.
        let one = try PasswordHasher.derive("password", salt: Array("salt".utf8), iterations: 1)
        XCTAssertEqual(hex(one), "120fb6cffcf8b32c43e7225256c4f837a86548c92ccc35480805987cb70be17b")
        let many = try PasswordHasher.derive("password", salt: Array("salt".utf8), iterations: 4096)
        XCTAssertEqual(hex(many), "c5e478d59288c841aa530db6845c4c8d962893a001ce4e11a4963873aa98134a")
    }

    func testHMACMatchesRFC4231Case2() throws {
        let mac = try HMACContext(.sha256).authenticate(key: Array("Jefe".utf8), data: Array("what do ya want for nothing?".utf8))
        XCTAssertEqual(hex(mac), "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
    }

    func testSeedCipherRoundTripTamperAndBinding() throws {
        let cipher = try SeedCipher(key: try SecureRandom.bytes(32))
        let seed = try SecureRandom.bytes(20)
        let sealed = try cipher.seal(seed, associatedData: "totp:B0123402")
        XCTAssertEqual(sealed.count, 12 + 20 + 16)
        XCTAssertEqual(try cipher.open(sealed, associatedData: "totp:B0123402"), seed)
        XCTAssertThrowsError(try cipher.open(sealed, associatedData: "totp:B0123403"), "bound to its account")
        var tampered = sealed
        tampered[14] ^= 1
        XCTAssertThrowsError(try cipher.open(tampered, associatedData: "totp:B0123402"))
        XCTAssertThrowsError(try SeedCipher(key: [1, 2, 3]))
    }

    func testRandomDigitsAreDigitsOfTheRightLength() throws {
        for _ in 0..<200 {
            let code = try SecureRandom.digits(8)
            XCTAssertEqual(code.count, 8)
            XCTAssertTrue(code.allSatisfy { $0.isNumber })
        }
    }

    private func hex(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined() }
}
