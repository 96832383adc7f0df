import AuthEngine
import Foundation
import SafeIO

/// The demo data with everything a trainer expects beside it: the demo app users on the virtual
/// phone (learnt from their URIs, as from a QR code) and in demo-enrolments.txt for a real phone.
/// The phone also holds a Client Connect and a VaR Online account, as the package shows one
/// ForgeRock Authenticator app holding several HKEX systems (Appendix C k).
/// One place, whether `demo`, the terminal's first start or a scenario run installs it.
public enum DemoSetup {
    public static let enrolmentsFile = "demo-enrolments.txt"

    @discardableResult
    public static func install(into engine: AuthEngine, directory: URL) throws -> [DemoData.Enrolment] {
        let enrolments = try DemoData.shipped().install(into: engine)
        let file = directory.appendingPathComponent(enrolmentsFile)
        let text = enrolments.map { "\($0.userID) \($0.uri.string)" }.joined(separator: "\n") + "\n"
        try PrivateFiles.replace(file, with: text)
        try Phone.update(directory: directory) { phone in
            for enrolment in enrolments { try phone.add(enrolment.uri.string, at: engine.clock.now()) }
            // Client Connect's user ID is the email address; VaR Online's the company code and a user name.
            for (issuer, account) in [("Client Connect", "da.maker@demo-securities.example"), ("VaR Online", "B01234 CHANTM")] {
                let uri = OTPAuthURI(issuer: issuer, account: account, secret: try engine.configuration.random.bytes(20))
                try phone.add(uri.string, at: engine.clock.now())
            }
        }
        return enrolments
    }
}
