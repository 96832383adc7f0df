import Foundation

/// An RFC 5322 message as the engine sends it.
public struct MailMessage: Sendable, Equatable {
    public var from: String
    public var to: String
    public var subject: String
    public var body: String
    public var date: Date
    public var messageID: String

    public init(from: String, to: String, subject: String, body: String, date: Date, messageID: String) {
        self.from = from
        self.to = to
        self.subject = subject
        self.body = body
        self.date = date
        self.messageID = messageID
    }

    /// RFC 5322 date, e.g. "Mon, 12 Jun 2023 09:00:00 +0800" (Hong Kong time).
    public static func rfc5322Date(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = HongKongTime.timeZone
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        return formatter.string(from: date)
    }

    public static func parseRFC5322Date(_ text: String) -> Date? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        return formatter.date(from: text)
    }

    /// The wire form: CRLF line endings, UTF-8 plain text.
    public var rfc5322: String {
        let headers = [
            "From: \(from)",
            "To: \(to)",
            "Subject: \(subject)",
            "Date: \(Self.rfc5322Date(date))",
            "Message-ID: <\(messageID)>",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: 8bit",
        ]
        let bodyLines = body.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        return (headers + [""] + bodyLines).joined(separator: "\r\n") + "\r\n"
    }
}

/// Delivers engine mail. The default writes into Maildirs; others (SMTP) may be added.
public protocol Mailer: Sendable {
    func send(_ message: MailMessage) throws
}

/// The OTP email of Appendix C: the code and its validity, no URL and no user ID.
public enum OTPMail {
    public static let sender = "CCASS/CCMS 2FA <no-reply@ccass-terminal.invalid>"
    public static let subject = "One Time Password (OTP)"

    public static func message(code: String, to address: String, validFor minutes: Int, at date: Date, messageID: String) -> MailMessage {
        MailMessage(
            from: sender,
            to: address,
            subject: subject,
            body: """
            Your One Time Password (OTP) is:

                \(code)

            It is valid for \(minutes) minutes and can be used once.
            If you did not request it, please inform your Delegated Administrator.
            """,
            date: date,
            messageID: messageID)
    }
}
