import ArgumentParser
import AuthEngine
import Authenticator

/// `authenticator add URI`: enrol an account, as scanning a QR code does.
struct AuthenticatorAdd: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "add", abstract: "Enrol an otpauth:// URI (totp or hotp; SHA1, SHA256 or SHA512; 6 or 8 digits).")
    @OptionGroup var store: StoreOptions
    @Argument(help: "The otpauth URI, as a QR code holds it.") var uri: String

    func run() throws {
        var phone = try Phone.load(directory: store.location.directory)
        let parsed: OTPAuthURI
        do {
            parsed = try phone.add(uri, at: try store.clockNow())
        } catch let error as OTPAuthURI.ParseError {
            throw CommandFailure("invalid otpauth URI: \(error)")
        }
        try phone.save()
        let kind = parsed.kind == .totp ? "TOTP, every \(parsed.period) s" : "HOTP, counter \(parsed.counter)"
        print("Added \(parsed.label) (\(kind), \(parsed.algorithm.rawValue), \(parsed.digits) digits)")
    }
}
