import AuthEngine
import Foundation
import TestSupport
import XCTest

/// A fresh store in a temporary directory, a virtual clock on the 2FA launch day and a
/// cheap KDF (asked for explicitly, as only tests and training may).
final class TestEnvironment {
    let directory: URL
    let clock: VirtualClock
    let engine: AuthEngine
    static let password = "Training#2023Pass"
    static let launchDay = HongKongTime.date(2023, 6, 12, 10, 0)

    init(start: Date = TestEnvironment.launchDay, policy: PasswordPolicy = .hkex2023, iterations: Int = 1_000,
         phase: ServicePhase? = nil, demo: Bool = true, connectivityTest: ConnectivitySession? = nil) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("ccass-test-\(UUID().uuidString)")
        clock = VirtualClock(start)
        var configuration = EngineConfiguration(policy: policy, hasher: try PasswordHasher(iterations: iterations, allowReducedCost: true),
                                                terminal: "test")
        configuration.phaseOverride = phase
        configuration.connectivityTest = connectivityTest
        let store = try AccountStore(location: StoreLocation(directory: directory))
        engine = AuthEngine(store: store, clock: clock, configuration: configuration)
        if demo { enrolments = try DemoData.shipped().install(into: engine) }
    }

    private(set) var enrolments: [DemoData.Enrolment] = []

    deinit { try? FileManager.default.removeItem(at: directory) }

    var mailer: MaildirMailer { MaildirMailer(root: engine.store.location.mailURL) }

    /// The newest OTP in an inbox, read from the Maildir file the way a trainer would. No mail
    /// is a failure of the product (the mailer is broken), never a skip.
    func newestEmailCode(_ address: String, file: StaticString = #filePath, line: UInt = #line) throws -> String {
        guard let newest = try mailer.messages(for: address).first else {
            XCTFail("no mail for \(address)", file: file, line: line)
            throw TestFailure("no mail for \(address)")
        }
        return try Self.code(inMessage: String(contentsOf: newest, encoding: .utf8))
    }

    func messageCount(_ address: String) throws -> Int { try mailer.messages(for: address).count }

    static func code(inMessage text: String) throws -> String {
        let body = text.components(separatedBy: "\r\n\r\n").dropFirst().joined(separator: "\r\n\r\n")
        guard let match = body.range(of: #"\b[0-9]{8}\b"#, options: .regularExpression) else {
            throw TestFailure("no code in the message")
        }
        return String(body[match])
    }

    func uri(_ userID: String) -> OTPAuthURI? { enrolments.first { $0.userID == userID }?.uri }

    /// The app code a phone would show now for an enrolled URI.
    func appCode(_ uri: OTPAuthURI, offsetSteps: Int = 0) throws -> String {
        try uri.generator.totp(secret: uri.secret, at: clock.now().addingTimeInterval(Double(offsetSteps * uri.period)))
    }

    /// The app code for the URI a REGISTER DEVICE screen shows.
    func appCode(_ registration: DeviceRegistration) throws -> String { try appCode(OTPAuthURI(parsing: registration.uri)) }

    /// Logs a DA on to DMS with the phone's code: the actor of DMS operations.
    func dmsLogon(_ userID: String) throws -> LogonSuccess {
        switch try engine.logon(userID: userID, password: Self.password, service: .dms) {
        case .enterAppOTP(let session, _):
            guard case .accepted(.loggedOn(let success)) = try engine.submitOTP(session, code: appCode(XCTUnwrap(uri(userID)))) else {
                throw TestFailure("\(userID) could not log on to DMS")
            }
            return success
        case .enterEmailOTP(let session, let notice):
            guard let address = try account(userID).email, notice.newlySent || true,
                  case .accepted(.loggedOn(let success)) = try engine.submitOTP(session, code: newestEmailCode(address)) else {
                throw TestFailure("\(userID) could not log on to DMS")
            }
            return success
        default:
            throw TestFailure("\(userID) could not log on to DMS")
        }
    }

    /// Logs a DA on to DMS with the smartcard (before the launch and until the decommissioning).
    func dmsSmartcardLogon(_ userID: String) throws -> LogonSuccess {
        guard case .loggedOn(let success) = try engine.smartcardLogon(userID: userID, smartcardPassword: "12345678", service: .dms) else {
            throw TestFailure("\(userID) could not log on to DMS by smartcard")
        }
        return success
    }

    func account(_ id: String) throws -> Account { try XCTUnwrap(engine.account(id)) }

    func events(_ userID: String) throws -> [AuditEvent] { try engine.auditLog(userID: userID).map(\.event) }
}

extension String {
    static let strongPassword = "Brand-New#Pass2023x"
    static let otherStrongPassword = "Another#Strong2024Pw"
}
