import AuthEngine
import Foundation
import XCTest

/// No password, OTP or seed leaks into the audit log or the mail beyond the OTP message itself.
final class SecretsTests: XCTestCase {
    func testTheAuditLogAndTheMailHoldNoSecret() throws {
        let env = try TestEnvironment()
        var secrets: [String] = [TestEnvironment.password, .strongPassword, "wrong-password-123"]
        // First-time logon by email code, then a registered device, then logons right and wrong.
        guard case .emailOTPSent(let reset, _) = try env.engine.startPasswordReset(userID: "B0123401") else { return XCTFail() }
        let resetCode = try env.newestEmailCode("first.logon@demo-securities.example")
        secrets.append(resetCode)
        _ = try env.engine.submitOTP(reset, code: resetCode)
        _ = try env.engine.completePasswordReset(reset, newPassword: .strongPassword, confirmation: .strongPassword)
        guard case .setUpOTPChannel(let logon) = try env.engine.logon(userID: "B0123401", password: .strongPassword) else { return XCTFail() }
        let registration = try env.engine.beginDeviceRegistration(logon)
        let enrolled = try OTPAuthURI(parsing: registration.uri)
        secrets.append(Base32.encode(enrolled.secret))
        secrets.append(enrolled.secret.map { String(format: "%02x", $0) }.joined())
        let code = try env.appCode(registration)
        secrets.append(code)
        _ = try env.engine.submitOTP(logon, code: code)
        _ = try env.engine.logon(userID: "B0123401", password: "wrong-password-123")
        _ = try env.engine.logon(userID: "B0123403", password: TestEnvironment.password)
        let emailCode = try env.newestEmailCode("email.user@demo-securities.example")
        secrets.append(emailCode)
        for enrolment in env.enrolments { secrets.append(Base32.encode(enrolment.uri.secret)) }

        let audit = try env.engine.auditLog().map { "\($0.userID ?? "") \($0.event.rawValue) \($0.detail)" }.joined(separator: "\n")
        XCTAssertFalse(audit.isEmpty)
        for secret in secrets { XCTAssertFalse(audit.contains(secret), "the audit log holds a secret: \(secret)") }

        // Each code is in its own message only; no password or seed is in any mail.
        let mailbox = Mailbox(root: env.engine.store.location.mailURL)
        for address in mailbox.addresses() {
            for message in try mailbox.messages(for: address) {
                let text = try String(contentsOf: message.file, encoding: .utf8)
                for secret in secrets where secret != message.otp {
                    XCTAssertFalse(text.contains(secret), "\(message.file.lastPathComponent) holds \(secret)")
                }
            }
        }
    }
}
