import Foundation
import SafeIO

/// The reading side of the Maildirs: what a trainer's mail reader would show.
public struct Mailbox: Sendable {
    public let root: URL

    public init(root: URL) { self.root = root }

    /// A delivered message, parsed.
    public struct Message: Sendable, Equatable {
        public var file: URL
        public var headers: [(name: String, value: String)]
        public var body: String
        public var date: Date?

        public func header(_ name: String) -> String? {
            headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
        }

        /// The one-time password in an OTP message.
        public var otp: String? {
            guard header("Subject") == OTPMail.subject,
                  let range = body.range(of: #"\b[0-9]{6,8}\b"#, options: .regularExpression) else { return nil }
            return String(body[range])
        }

        public static func == (a: Message, b: Message) -> Bool {
            a.file == b.file && a.body == b.body && a.date == b.date
                && a.headers.map(\.name) == b.headers.map(\.name) && a.headers.map(\.value) == b.headers.map(\.value)
        }
    }

    /// Addresses that have a Maildir, in order.
    public func addresses() -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? [])
            .filter { !$0.hasPrefix(".") }
            .sorted()
    }

    /// The messages of an address, newest first (by their Date header).
    public func messages(for address: String) throws -> [Message] {
        let files = try MaildirMailer(root: root).messages(for: address)
        return files.compactMap { Self.parse(file: $0) }
            .sorted { ($0.date ?? .distantPast, $0.file.lastPathComponent) > ($1.date ?? .distantPast, $1.file.lastPathComponent) }
    }

    /// Parses an RFC 5322 message file (CRLF or LF, folded headers).
    public static func parse(file: URL) -> Message? {
        // Through the door: a link dropped into a Maildir is not followed.
        guard let data = (try? PrivateFiles.read(file)) ?? nil else { return nil }
        let text = String(decoding: data, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n")
        let parts = text.components(separatedBy: "\n\n")
        var headers: [(String, String)] = []
        for line in (parts.first ?? "").split(separator: "\n", omittingEmptySubsequences: false) {
            if let first = line.first, first == " " || first == "\t", !headers.isEmpty {
                headers[headers.count - 1].1 += " " + line.trimmingCharacters(in: .whitespaces)
            } else if let colon = line.firstIndex(of: ":") {
                headers.append((String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)))
            }
        }
        let body = parts.dropFirst().joined(separator: "\n\n")
        let date = headers.first { $0.0.lowercased() == "date" }.flatMap { MailMessage.parseRFC5322Date($0.1) }
        return Message(file: file, headers: headers, body: body, date: date)
    }
}
