import AuthEngine
import Authenticator
import Foundation
import TestSupport
import XCTest

/// The virtual phone against oathtool, a peer we did not write.
final class PhoneTests: XCTestCase {
    private func tempDir() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ccass-phone-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        addTeardownBlock { try? FileManager.default.removeItem(at: dir) }
        return dir
    }

    func testTOTPCodesMatchOathtoolForEveryAlgorithm() throws {
        let oathtool = try requireTool("oathtool")
        let dir = try tempDir()
        var phone = try Phone.load(directory: dir)
        let now = Date(timeIntervalSince1970: 1_686_535_200)
        for (algorithm, name, digits, period) in [(HashAlgorithm.sha1, "sha1", 6, 30), (.sha256, "sha256", 8, 60), (.sha512, "sha512", 8, 30)] {
            let secret = try SecureRandom.bytes(algorithm.digestLength)
            let uri = "otpauth://totp/Peer:\(name)?secret=\(Base32.encode(secret))&issuer=Peer&algorithm=\(algorithm.rawValue)&digits=\(digits)&period=\(period)"
            try phone.add(uri, at: now)
            let shown = try phone.show(try phone.index(of: name), at: now)
            let theirs = try Programs.run(oathtool, ["--totp=\(name)", "-b", "-d", "\(digits)", "-s", "\(period)s",
                                                     "--now", "@\(Int(now.timeIntervalSince1970))", Base32.encode(secret)])
            XCTAssertEqual(shown.code, theirs.out.trimmingCharacters(in: .whitespacesAndNewlines), name)
            XCTAssertEqual(shown.secondsLeft, period - Int(now.timeIntervalSince1970) % period)
        }
    }

    func testHOTPMovesItsCounterLikeTheAppButton() throws {
        let oathtool = try requireTool("oathtool")
        let dir = try tempDir()
        let secret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
        try Phone.add("otpauth://hotp/Peer:counter?secret=\(secret)&issuer=Peer&counter=5", directory: dir, at: Date())
        for counter in 5...7 {
            let shown = try Phone.code(for: "Peer:counter", directory: dir, at: Date())
            let theirs = try Programs.run(oathtool, ["--hotp", "-b", "-c", "\(counter)", secret]).out
            XCTAssertEqual(shown.code, theirs.trimmingCharacters(in: .whitespacesAndNewlines))
            XCTAssertNil(shown.secondsLeft)
        }
        XCTAssertEqual(try Phone.load(directory: dir).entries.first?.counter, 8, "the counter survives")
    }

    func testThePhoneFileIsPrivateAndReScanningReplaces() throws {
        let dir = try tempDir()
        try Phone.add("otpauth://totp/HKEX:B0123401?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=HKEX", directory: dir, at: Date())
        try Phone.add("otpauth://totp/HKEX:B0123401?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=HKEX", directory: dir, at: Date())
        let phone = try Phone.load(directory: dir)
        XCTAssertEqual(phone.entries.count, 1)
        let mode = try FileManager.default.attributesOfItem(atPath: dir.appendingPathComponent(Phone.fileName).path)[.posixPermissions] as? Int
        XCTAssertEqual(mode, 0o600)
        XCTAssertEqual(try Phone.load(directory: dir).entries.first?.uri.contains("JBSWY3DP"), true)
        XCTAssertThrowsError(try phone.index(of: "B0999999"))
    }

    func testTheCommandsAsATrainerUsesThem() throws {
        let dir = try tempDir()
        // The URI pasted on standard input: its secret never on the command line.
        let add = try Programs.run(Programs.ccassTerminal, ["authenticator", "add", "--data-dir", dir.path, "-"],
                                   input: "otpauth://totp/HKEX:B0123401?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=HKEX\n")
        XCTAssertEqual(add.status, 0, add.err)
        XCTAssertEqual(add.out, "Added HKEX:B0123401 (TOTP, every 30 s, SHA1, 6 digits)\n")
        XCTAssertEqual(add.err, "")
        // On the command line it still works, with a warning.
        let argv = try Programs.run(Programs.ccassTerminal, ["authenticator", "add", "--data-dir", dir.path,
                                                             "otpauth://totp/HKEX:B0123409?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=HKEX"])
        XCTAssertEqual(argv.status, 0, argv.err)
        XCTAssertTrue(argv.err.hasPrefix("Warning: the URI's secret was on the command line"), argv.err)
        XCTAssertEqual(argv.err.split(separator: "\n").count, 1, argv.err)
        let code = try Programs.run(Programs.ccassTerminal, ["authenticator", "code", "B0123401", "--data-dir", dir.path,
                                                             "--clock", "2023-06-12T10:00:00+08:00"])
        let expected = try OneTimePassword.issued.totp(secret: Array("12345678901234567890".utf8), at: HongKongTime.date(2023, 6, 12, 10, 0))
        XCTAssertEqual(code.out, expected + "\n")
        let bad = try Programs.run(Programs.ccassTerminal, ["authenticator", "add", "--data-dir", dir.path, "-"],
                                   input: "otpauth://totp/A:b?secret=GEZDGNBVGY3TQOJQ&digits=7\n")
        XCTAssertEqual(bad.status, 1)
        XCTAssertEqual(bad.err, "Error: invalid otpauth URI: digits must be 6 or 8, found \"7\"\n")
        let list = try Programs.run(Programs.ccassTerminal, ["authenticator", "--data-dir", dir.path])
        XCTAssertTrue(list.out.hasPrefix("HKEX:B0123401  "), list.out)
    }
}
