import AuthEngine
import Authenticator
import Foundation
import TestSupport
import Synchronization
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// Real processes sharing one store: exact lockout counts, and crash safety under SIGKILL.
final class MultiProcessTests: XCTestCase {
    private func prepare() throws -> TestEnvironment {
        let env = try TestEnvironment()
        // The child processes must use the same cheap KDF: the explicit training setting.
        try env.engine.store.write { try $0.setSetting("training.kdf-iterations", "1000") }
        // The drills' DA maker logs on with the phone's code, as a trainer's would.
        try Phone.update(directory: env.directory) { phone in
            for enrolment in env.enrolments { try phone.add(enrolment.uri.string, at: env.clock.now()) }
        }
        XCTAssertTrue(FileManager.default.isExecutableFile(atPath: Programs.drill.path),
                      "build the drills first (make test does): \(Programs.drill.path)")
        return env
    }

    func testTwoProcessesRacingWrongPasswordsLockAfterExactlyFive() throws {
        let env = try prepare()
        let arguments = ["logon", "--data-dir", env.directory.path, "--user", "B0123402",
                         "--password", "not the password", "--count", "8", "--clock", "2023-06-12T10:00+08:00"]
        let collected = Mutex<[String]>([])
        DispatchQueue.concurrentPerform(iterations: 2) { _ in
            let result = try? Programs.run(Programs.drill, arguments)
            let text = (result?.out ?? "") + (result?.status == 0 ? "" : "FAILED: \(result?.err ?? "")")
            collected.withLock { $0.append(text) }
        }
        let outputs = collected.withLock { $0 }
        let lines = outputs.joined(separator: "\n").split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.count, 16, outputs.joined(separator: " | "))
        XCTAssertEqual(lines.filter { $0 == "invalid" }.count, 5, "exactly five failures counted")
        XCTAssertEqual(lines.filter { $0 == "locked" }.count, 11)
        let events = try env.events("B0123402")
        XCTAssertEqual(events.filter { $0 == .logonFailed }.count, 5)
        XCTAssertEqual(events.filter { $0 == .accountLocked }.count, 1)
        XCTAssertEqual(events.filter { $0 == .logonRefusedLocked }.count, 11, "every attempt is in the audit log")
        XCTAssertTrue(try env.account("B0123402").locked)
    }

    func testAWriterKilledAtRandomPointsLosesNothingCommitted() throws {
        let env = try prepare()
        var highest = 0
        var previous = 0
        // CCASS_KILL_ROUNDS=500 for the full evidence run; 25 in `make test`.
        let rounds = Int(ProcessInfo.processInfo.environment["CCASS_KILL_ROUNDS"] ?? "") ?? 25
        for round in 1...rounds {
            let process = Process()
            process.executableURL = Programs.drill
            // Each run an hour later, so the DA maker's app code is new each time.
            let clock = HongKongTime.date(2023, 6, 12, 9, 0).addingTimeInterval(Double(round) * 3600)
            process.arguments = ["writer", "--data-dir", env.directory.path, "--user", "B0123403",
                                 "--clock", ISO8601DateFormatter().string(from: clock)]
            let out = Pipe()
            process.standardOutput = out
            process.standardError = FileHandle.nullDevice
            try process.run()
            usleep(UInt32.random(in: 30_000...250_000))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let printed = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            let reported = printed.split(separator: "\n").compactMap { $0.split(separator: " ").last.flatMap { Int($0) } }.max() ?? 0

            let reopened = try AccountStore(location: StoreLocation(directory: env.directory))
            XCTAssertEqual(try reopened.integrityCheck(), "ok", "round \(round)")
            let email = try reopened.read { try $0.account("B0123403")?.email } ?? ""
            let stored = Int(email.dropFirst("drill".count).prefix { $0.isNumber }) ?? 0
            // Numbers continue across runs: what a run reported as committed is there, at most
            // the one change in flight is beyond it, and nothing went backwards.
            XCTAssertGreaterThanOrEqual(stored, previous, "round \(round): went back from \(previous) to \(email)")
            XCTAssertGreaterThanOrEqual(stored, reported, "round \(round): reported \(reported), stored \(email)")
            XCTAssertLessThanOrEqual(stored, max(reported, previous) + 1, "round \(round): at most the one change in flight")
            previous = stored
            let account = try reopened.read { try $0.account("B0123403") }
            XCTAssertEqual(account?.locked, false, "unlock always follows in the same run")
            // The DMS change of each committed round is there too (it commits after the others).
            let dmsEmail = try reopened.read { try $0.account("B0123409")?.email } ?? ""
            let dms = Int(dmsEmail.dropFirst("dms".count).prefix { $0.isNumber }) ?? 0
            XCTAssertGreaterThanOrEqual(dms, reported, "round \(round): DMS change of a reported round is missing (\(dmsEmail))")
            try reopened.close()
            highest = max(highest, reported)
        }
        XCTAssertGreaterThan(highest, 0, "the writer committed changes before being killed")
    }
}

/// Codes computed by oathtool, a peer we did not write, are accepted.
final class PeerTests: XCTestCase {
    func testOathtoolCodesFromAnEnrolledSecretAreAccepted() throws {
        let oathtool = try requireTool("oathtool")
        let env = try TestEnvironment()
        guard case .setUpOTPChannel(let session) = try env.engine.logon(userID: "B0123408", password: TestEnvironment.password) else {
            return XCTFail("channel setup")
        }
        let registration = try env.engine.beginDeviceRegistration(session)
        let secret = Base32.encode(try OTPAuthURI(parsing: registration.uri).secret)
        let now = Int(env.clock.now().timeIntervalSince1970)
        let code = try Programs.run(oathtool, ["--totp", "-b", "--now", "@\(now)", secret]).out.trimmingCharacters(in: .whitespacesAndNewlines)
        XCTAssertEqual(code.count, 6)
        guard case .accepted(.loggedOn) = try env.engine.submitOTP(session, code: code) else { return XCTFail("oathtool's code \(code)") }

        // And the SHA256 / SHA512 engines agree with oathtool too.
        for (algorithm, name) in [(HashAlgorithm.sha256, "sha256"), (.sha512, "sha512")] {
            let seed = try SecureRandom.bytes(algorithm.digestLength)
            let ours = try OneTimePassword(algorithm: algorithm, digits: 8, period: 30).totp(secret: seed, at: env.clock.now())
            let theirs = try Programs.run(oathtool, ["--totp=\(name)", "-b", "-d", "8", "--now", "@\(now)", Base32.encode(seed)]).out
            XCTAssertEqual(ours, theirs.trimmingCharacters(in: .whitespacesAndNewlines), name)
        }
    }
}
