import AuthEngine
import Foundation
import TestSupport
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// Real delivery to a real SMTP server (aiosmtpd from Debian) on 127.0.0.1.
final class SMTPTests: XCTestCase {
    /// A free port on the loopback interface.
    private func freePort() -> UInt16 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) } }
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
        return UInt16(bigEndian: address.sin_port)
    }

    func testOTPMailReachesTheServerAndStaysInTheMaildir() throws {
        let python = try requirePythonModule("aiosmtpd", package: "python3-aiosmtpd")
        let env = try TestEnvironment()
        let received = env.directory.appendingPathComponent("server-mail")
        let port = freePort()
        let server = Process()
        server.executableURL = python
        server.arguments = ["-m", "aiosmtpd", "-n", "-l", "127.0.0.1:\(port)", "-c", "aiosmtpd.handlers.Mailbox", received.path]
        server.standardOutput = FileHandle.nullDevice
        server.standardError = FileHandle.nullDevice
        try server.run()
        defer { server.terminate(); server.waitUntilExit() }
        let smtp = AuthEngine(store: env.engine.store, clock: env.clock,
                              mailer: SMTPMailer(host: "127.0.0.1", port: port, maildir: env.mailer),
                              configuration: env.engine.configuration)
        let deadline = Date().addingTimeInterval(10)
        while !Self.listening(port), Date() < deadline { Thread.sleep(forTimeInterval: 0.1) }
        XCTAssertTrue(Self.listening(port), "aiosmtpd listens on \(port)")
        guard case .enterEmailOTP(let session, let notice) = try smtp.logon(userID: "B0123403", password: TestEnvironment.password) else {
            return XCTFail("logon")
        }
        XCTAssertNil(notice.deliveryProblem)
        let code = try env.newestEmailCode("email.user@demo-securities.example")
        let files = try FileManager.default.contentsOfDirectory(atPath: received.appendingPathComponent("new").path)
        XCTAssertEqual(files.count, 1)
        let serverCopy = try String(contentsOf: received.appendingPathComponent("new").appendingPathComponent(files[0]), encoding: .utf8)
        XCTAssertTrue(serverCopy.contains(code), "the server received the code")
        XCTAssertTrue(serverCopy.contains("Subject: One Time Password (OTP)"))
        XCTAssertFalse(serverCopy.contains("B0123403"), "no user ID in the email")
        guard case .accepted = try smtp.submitOTP(session, code: code) else { return XCTFail("the code works") }
    }

    func testAServerThatIsDownGivesAClearMessageAndLosesNothing() throws {
        let env = try TestEnvironment()
        let port = freePort()  // nothing listens there
        let smtp = AuthEngine(store: env.engine.store, clock: env.clock,
                              mailer: SMTPMailer(host: "127.0.0.1", port: port, maildir: env.mailer),
                              configuration: env.engine.configuration)
        guard case .enterEmailOTP(let session, let notice) = try smtp.logon(userID: "B0123403", password: TestEnvironment.password) else {
            return XCTFail("logon")
        }
        let problem = try XCTUnwrap(notice.deliveryProblem)
        XCTAssertTrue(problem.contains("the mail server 127.0.0.1:\(port) did not take it"), problem)
        XCTAssertTrue(problem.contains("the message is in the Maildir"), problem)
        XCTAssertTrue(try env.events("B0123403").contains(.emailOTPDeliveryFailed))
        let code = try env.newestEmailCode("email.user@demo-securities.example")
        guard case .accepted = try smtp.submitOTP(session, code: code) else { return XCTFail("the Maildir code still works") }
        XCTAssertEqual(SMTPMailer.parse("127.0.0.1:1025")?.port, 1025)
        XCTAssertNil(SMTPMailer.parse("localhost"))
    }

    static func listening(_ port: UInt16) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = port.bigEndian
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
    }
}
