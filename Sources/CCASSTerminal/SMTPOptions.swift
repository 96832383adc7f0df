import ArgumentParser
import AuthEngine
import Foundation

/// `--smtp` and what goes with it: where the OTP emails go besides the Maildir, the account to
/// log in with (from a file or the environment, never the command line) and a CA to trust.
struct SMTPOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Also send the OTP emails to this SMTP server: smtp://HOST:PORT (STARTTLS when offered) or smtps://HOST:PORT (implicit TLS); they stay in the Maildir too.", valueName: "url"))
    var smtp: String?

    @Option(help: ArgumentHelp("Log in to the SMTP server with the user:password on the first line of this file (mode 600). Or set \(SMTPCredentials.userVariable) and \(SMTPCredentials.passwordVariable).", valueName: "file"))
    var smtpCredentials: String?

    @Option(help: ArgumentHelp("Trust the SMTP server's certificate through this CA bundle (a training server's own CA).", valueName: "file"))
    var smtpCA: String?

    var settings: SMTPSettings { SMTPSettings(smtp: smtp, smtpCredentials: smtpCredentials, smtpCA: smtpCA) }

    func validate() throws { try settings.check() }
}

/// Where the OTP emails go besides the Maildir: the values of `SMTPOptions`.
struct SMTPSettings: Equatable, Sendable {
    var smtp: String?
    var smtpCredentials: String?
    var smtpCA: String?

    /// What the session sends with, checked before it starts.
    struct Resolved: Sendable {
        var endpoint: SMTPEndpoint
        var credentials: SMTPCredentials?
        var caFile: String?

        func mailer(maildir: MaildirMailer) -> SMTPMailer {
            SMTPMailer(endpoint: endpoint, credentials: credentials, caFile: caFile, maildir: maildir)
        }
    }

    func check() throws {
        if smtp == nil, smtpCredentials != nil || smtpCA != nil { throw CommandFailure("--smtp-credentials and --smtp-ca go with --smtp") }
        _ = try resolved()
    }

    func resolved() throws -> Resolved? {
        guard let smtp else { return nil }
        guard let endpoint = SMTPEndpoint(smtp) else {
            throw CommandFailure("--smtp \"\(smtp)\" is not smtp://HOST:PORT or smtps://HOST:PORT, e.g. smtp://127.0.0.1:1025")
        }
        let credentials: SMTPCredentials?
        do {
            credentials = try smtpCredentials.map(SMTPCredentials.load(file:)) ?? SMTPCredentials.fromEnvironment()
        } catch {
            throw CommandFailure("\(error)")
        }
        if let smtpCA, !FileManager.default.isReadableFile(atPath: smtpCA) { throw CommandFailure("cannot read the CA bundle \(smtpCA)") }
        guard SMTPMailer.isAvailable else { throw CommandFailure("--smtp needs libcurl, which is not installed (apt install libcurl4)") }
        return Resolved(endpoint: endpoint, credentials: credentials, caFile: smtpCA)
    }
}
