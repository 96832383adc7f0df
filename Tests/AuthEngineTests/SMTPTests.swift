import AuthEngine
import Foundation
import TestSupport
import XCTest

/// Real delivery through libcurl to a real SMTP server (aiosmtpd from Debian) on 127.0.0.1:
/// STARTTLS and implicit TLS with a certificate made for the test, AUTH accepted and refused,
/// and a server that is down.
final class SMTPTests: XCTestCase {
    static let user = "trainer"
    static let password = "s3cret:with-colon"

    /// A self-signed certificate for 127.0.0.1, made by openssl for this test.
    private func certificate(in directory: URL) throws -> (cert: String, key: String) {
        let openssl = try requireTool("openssl")
        let cert = directory.appendingPathComponent("cert.pem").path, key = directory.appendingPathComponent("key.pem").path
        let made = try Programs.run(openssl, ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert, "-days", "2",
                                              "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"])
        XCTAssertEqual(made.status, 0, made.err)
        return (cert, key)
    }

    /// Starts Tools/TestServers/smtp_server.py; returns the Maildir it delivers to.
    private func startServer(_ env: TestEnvironment, port: UInt16, tls: (cert: String, key: String)?, implicitTLS: Bool = false,
                             auth: Bool = false) throws -> URL {
        let python = try requirePythonModule("aiosmtpd", package: "python3-aiosmtpd")
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Tools/TestServers/smtp_server.py").standardizedFileURL
        let received = env.directory.appendingPathComponent("server-mail-\(port)")
        var arguments = [script.path, "--port", "\(port)", "--maildir", received.path]
        if let tls { arguments += ["--cert", tls.cert, "--key", tls.key] }
        if implicitTLS { arguments.append("--implicit-tls") }
        if auth { arguments += ["--user", Self.user, "--password", Self.password] }
        let server = Process()
        server.executableURL = python
        server.arguments = arguments
        let output = Pipe()
        server.standardOutput = output
        server.standardError = FileHandle.nullDevice
        try server.run()
        addTeardownBlock { server.terminate(); server.waitUntilExit() }
        let ready = output.fileHandleForReading.availableData
        XCTAssertEqual(String(decoding: ready, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines), "READY", "the test server started")
        return received
    }

    private func engine(_ env: TestEnvironment, _ mailer: SMTPMailer) -> AuthEngine {
        AuthEngine(store: env.engine.store, clock: env.clock, mailer: mailer, configuration: env.engine.configuration)
    }

    /// An email logon through `mailer`: the notice, the session and the code from our Maildir.
    private func emailLogon(_ engine: AuthEngine, _ env: TestEnvironment) throws -> (FlowSession, EmailOTPNotice, String) {
        guard case .enterEmailOTP(let session, let notice) = try engine.logon(userID: "B0123403", password: TestEnvironment.password) else {
            throw TestFailure("no email OTP")
        }
        return (session, notice, try env.newestEmailCode("email.user@demo-securities.example"))
    }

    private func serverCopy(_ received: URL) throws -> String {
        let new = received.appendingPathComponent("new")
        let files = try FileManager.default.contentsOfDirectory(atPath: new.path)
        XCTAssertEqual(files.count, 1)
        return try String(contentsOf: new.appendingPathComponent(try XCTUnwrap(files.first)), encoding: .utf8)
    }

    func testSTARTTLSWithAUTHDeliversTheCodeAndItStaysInTheMaildir() throws {
        let env = try TestEnvironment()
        let tls = try certificate(in: env.directory)
        let port = Loopback.freePort()
        let received = try startServer(env, port: port, tls: tls, auth: true)
        let mailer = SMTPMailer(endpoint: try XCTUnwrap(SMTPEndpoint("smtp://127.0.0.1:\(port)")),
                                credentials: SMTPCredentials(user: Self.user, password: Self.password), caFile: tls.cert, maildir: env.mailer)
        let smtp = engine(env, mailer)
        let (session, notice, code) = try emailLogon(smtp, env)
        XCTAssertNil(notice.deliveryProblem)
        let copy = try serverCopy(received)
        XCTAssertTrue(copy.contains(code), "the server received the code")
        XCTAssertTrue(copy.contains("Subject: One Time Password (OTP)"))
        XCTAssertFalse(copy.contains("B0123403"), "no user ID in the email")
        guard case .accepted = try smtp.submitOTP(session, code: code) else { return XCTFail("the code works") }
    }

    func testImplicitTLS() throws {
        let env = try TestEnvironment()
        let tls = try certificate(in: env.directory)
        let port = Loopback.freePort()
        let received = try startServer(env, port: port, tls: tls, implicitTLS: true)
        let mailer = SMTPMailer(endpoint: try XCTUnwrap(SMTPEndpoint("smtps://127.0.0.1:\(port)")), caFile: tls.cert, maildir: env.mailer)
        let (_, notice, code) = try emailLogon(engine(env, mailer), env)
        XCTAssertNil(notice.deliveryProblem)
        XCTAssertTrue(try serverCopy(received).contains(code))
    }

    func testRefusedCredentialsGiveOneLineNamingNoSecretAndTheCodeStillWorks() throws {
        let env = try TestEnvironment()
        let tls = try certificate(in: env.directory)
        let port = Loopback.freePort()
        let received = try startServer(env, port: port, tls: tls, auth: true)
        let mailer = SMTPMailer(endpoint: try XCTUnwrap(SMTPEndpoint("smtp://127.0.0.1:\(port)")),
                                credentials: SMTPCredentials(user: Self.user, password: "wrong-Secret-9"), caFile: tls.cert, maildir: env.mailer)
        let smtp = engine(env, mailer)
        let (session, notice, code) = try emailLogon(smtp, env)
        let problem = try XCTUnwrap(notice.deliveryProblem)
        XCTAssertTrue(problem.contains("the mail server smtp://127.0.0.1:\(port) did not take it ("), problem)
        XCTAssertTrue(problem.contains("the message is in the Maildir"), problem)
        XCTAssertTrue(problem.contains("535"), "the server's refusal is named: \(problem)")
        XCTAssertFalse(problem.contains("\n") || problem.contains("wrong-Secret-9"), problem)
        let audit = try env.engine.store.read { try $0.auditEntries(userID: "B0123403") }
        XCTAssertTrue(audit.contains { $0.event == .emailOTPDeliveryFailed })
        XCTAssertFalse(audit.contains { $0.detail.contains("wrong-Secret-9") }, "no password in the audit log")
        let delivered = (try? FileManager.default.contentsOfDirectory(atPath: received.appendingPathComponent("new").path)) ?? []
        XCTAssertEqual(delivered, [], "nothing was delivered without a login")
        guard case .accepted = try smtp.submitOTP(session, code: code) else { return XCTFail("the Maildir code still works") }
    }

    func testAServerThatIsDownGivesAClearMessageAndLosesNothing() throws {
        let env = try TestEnvironment()
        let port = Loopback.freePort()  // nothing listens there
        let smtp = engine(env, SMTPMailer(endpoint: SMTPEndpoint(host: "127.0.0.1", port: port), maildir: env.mailer))
        let (session, notice, code) = try emailLogon(smtp, env)
        let problem = try XCTUnwrap(notice.deliveryProblem)
        XCTAssertTrue(problem.contains("the mail server smtp://127.0.0.1:\(port) did not take it"), problem)
        XCTAssertTrue(problem.contains("the message is in the Maildir"), problem)
        XCTAssertTrue(try env.events("B0123403").contains(.emailOTPDeliveryFailed))
        guard case .accepted = try smtp.submitOTP(session, code: code) else { return XCTFail("the Maildir code still works") }
    }

    func testEndpointsAndCredentialsAreReadStrictly() throws {
        XCTAssertEqual(SMTPEndpoint("smtp://mail.example:587"), SMTPEndpoint(host: "mail.example", port: 587))
        XCTAssertEqual(SMTPEndpoint("smtps://mail.example:465"), SMTPEndpoint(implicitTLS: true, host: "mail.example", port: 465))
        XCTAssertEqual(SMTPEndpoint("127.0.0.1:1025")?.description, "smtp://127.0.0.1:1025")
        XCTAssertEqual(SMTPEndpoint("smtp://[::1]:25")?.description, "smtp://[::1]:25")
        for bad in ["localhost", "smtp://:25", "smtp://host:0", "smtp://user@host:25", "http://host:25", "smtp://host:99999"] {
            XCTAssertNil(SMTPEndpoint(bad), bad)
        }
        let env = try TestEnvironment(demo: false)
        let file = env.directory.appendingPathComponent("smtp-credentials")
        try "trainer:pa:ss\n".write(to: file, atomically: true, encoding: .utf8)
        chmod(file.path, 0o644)
        XCTAssertThrowsError(try SMTPCredentials.load(file: file.path)) { XCTAssertTrue("\($0)".contains("chmod 600"), "\($0)") }
        chmod(file.path, 0o600)
        XCTAssertEqual(try SMTPCredentials.load(file: file.path), SMTPCredentials(user: "trainer", password: "pa:ss"))
        XCTAssertNil(try SMTPCredentials.fromEnvironment { _ in nil })
        XCTAssertThrowsError(try SMTPCredentials.fromEnvironment { [SMTPCredentials.userVariable: "trainer"][$0] })
        XCTAssertEqual(try SMTPCredentials.fromEnvironment { [SMTPCredentials.userVariable: "u", SMTPCredentials.passwordVariable: "p"][$0] },
                       SMTPCredentials(user: "u", password: "p"))
        // The command line takes no password.
        let help = try Programs.run(Programs.ccassTerminal, ["terminal", "--help"]).out
        XCTAssertTrue(help.contains("--smtp-credentials") && !help.contains("--smtp-password"), help)
    }
}
