import AuthEngine
import Foundation
import TestSupport
import XCTest

/// The trainer's inbox: messages newest first, and where each code stands.
final class MailboxTests: XCTestCase {
    func testCodesAreValidThenUsedExpiredOrSuperseded() throws {
        let env = try TestEnvironment()
        let address = "email.user@demo-securities.example"
        let mailbox = Mailbox(root: env.engine.store.location.mailURL)
        guard case .enterEmailOTP(let session, _) = try env.engine.logon(userID: "B0123403", password: TestEnvironment.password) else {
            return XCTFail("logon")
        }
        let first = try XCTUnwrap(mailbox.messages(for: address).first?.otp)
        XCTAssertEqual(try env.engine.emailCodeStatus(sentTo: address, code: first), .valid(until: env.clock.now().addingTimeInterval(300)))
        env.clock.advance(by: 300)
        XCTAssertEqual(try env.engine.emailCodeStatus(sentTo: address, code: first), .expired)
        guard case .sent = try env.engine.requestEmailOTP(session) else { return XCTFail("resend") }
        let messages = try mailbox.messages(for: address)
        XCTAssertEqual(messages.count, 2)
        XCTAssertEqual(messages.last?.otp, first, "newest first")
        let second = try XCTUnwrap(messages.first?.otp)
        if second != first {
            XCTAssertEqual(try env.engine.emailCodeStatus(sentTo: address, code: first), .superseded)
        }
        guard case .accepted = try env.engine.submitOTP(session, code: second) else { return XCTFail("accepted") }
        XCTAssertEqual(try env.engine.emailCodeStatus(sentTo: address, code: second), .used)
        XCTAssertEqual(messages.first?.header("To"), address)
        XCTAssertEqual(messages.first?.date, env.clock.now())
        // The next logon sends a newer code: the one that logged on still reads "used", which
        // is what happened to it, not "superseded".
        env.clock.advance(by: 60)
        guard case .enterEmailOTP = try env.engine.logon(userID: "B0123403", password: TestEnvironment.password) else { return XCTFail("logon") }
        let third = try XCTUnwrap(mailbox.messages(for: address).first?.otp)
        if third != second {
            XCTAssertEqual(try env.engine.emailCodeStatus(sentTo: address, code: second), .used)
        }
    }

    func testTheCommandListsOpensAndRefusesClearly() throws {
        let env = try TestEnvironment()
        try env.engine.store.write { try $0.setSetting("training.kdf-iterations", "1000") }
        _ = try env.engine.logon(userID: "B0123403", password: TestEnvironment.password)
        let dir = env.directory.path
        let all = try Programs.run(Programs.ccassTerminal, ["mailbox", "--data-dir", dir])
        XCTAssertTrue(all.out.contains("email.user@demo-securities.example  1"), all.out)
        let list = try Programs.run(Programs.ccassTerminal, ["mailbox", "email.user@demo-securities.example", "--data-dir", dir,
                                                             "--clock", "2023-06-12T10:01+08:00"])
        XCTAssertTrue(list.out.contains("valid until 10:05:00 HKT"), list.out)
        XCTAssertFalse(list.out.contains("HKT HKT"), "the time zone once")
        let opened = try Programs.run(Programs.ccassTerminal, ["mailbox", "email.user@demo-securities.example", "--open", "1", "--data-dir", dir])
        XCTAssertTrue(opened.out.contains("Subject: One Time Password (OTP)"))
        let missing = try Programs.run(Programs.ccassTerminal, ["mailbox", "email.user@demo-securities.example", "--open", "5", "--data-dir", dir])
        XCTAssertEqual(missing.status, 1)
        XCTAssertEqual(missing.err, "Error: email.user@demo-securities.example has 1 message; there is no number 5\n")
    }
}
