import CCurl
import Foundation
import SafeIO
import Synchronization

/// Where `--smtp` sends mail: `smtp://HOST:PORT` (STARTTLS when the server offers it),
/// `smtps://HOST:PORT` (TLS from the first byte), or `HOST:PORT` for `smtp://`.
public struct SMTPEndpoint: Sendable, Equatable, CustomStringConvertible {
    public var implicitTLS: Bool
    public var host: String
    public var port: UInt16

    public init(implicitTLS: Bool = false, host: String, port: UInt16) {
        self.implicitTLS = implicitTLS
        self.host = host
        self.port = port
    }

    public init?(_ text: String) {
        var rest = Substring(text)
        if rest.hasPrefix("smtps://") {
            implicitTLS = true
            rest = rest.dropFirst(8)
        } else {
            implicitTLS = false
            if rest.hasPrefix("smtp://") { rest = rest.dropFirst(7) }
        }
        if rest.hasSuffix("/") { rest = rest.dropLast() }
        guard let colon = rest.lastIndex(of: ":"), let port = UInt16(rest[rest.index(after: colon)...]), port > 0 else { return nil }
        var host = rest[..<colon]
        if host.hasPrefix("["), host.hasSuffix("]") { host = host.dropFirst().dropLast() }
        guard !host.isEmpty, !host.contains(where: { $0 == "/" || $0 == "@" || $0.isWhitespace }) else { return nil }
        self.host = String(host)
        self.port = port
    }

    public var description: String { "\(implicitTLS ? "smtps" : "smtp")://\(host.contains(":") ? "[\(host)]" : host):\(port)" }
}

/// The account to log in to the SMTP server with: from a file only its owner can read
/// ("user:password" on its first line) or from CCASS_SMTP_USER and CCASS_SMTP_PASSWORD; never
/// from the command line, never written to a log or an error.
public struct SMTPCredentials: Sendable, Equatable {
    public static let userVariable = "CCASS_SMTP_USER"
    public static let passwordVariable = "CCASS_SMTP_PASSWORD"

    public var user: String
    public var password: String

    public init(user: String, password: String) {
        self.user = user
        self.password = password
    }

    public struct Invalid: Error, CustomStringConvertible {
        public let description: String
    }

    public static func load(file path: String) throws -> SMTPCredentials {
        var info = stat()
        guard stat(path, &info) == 0, let data = FileManager.default.contents(atPath: path) else {
            throw Invalid(description: "cannot read the SMTP credentials file \(path)")
        }
        guard info.st_mode & 0o077 == 0 else {
            throw Invalid(description: "the SMTP credentials file \(path) may be read by others: chmod 600 it")
        }
        let line = String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
        guard let colon = line.firstIndex(of: ":"), colon != line.startIndex, line.index(after: colon) != line.endIndex else {
            throw Invalid(description: "the SMTP credentials file \(path) must hold user:password on its first line")
        }
        return SMTPCredentials(user: String(line[..<colon]), password: String(line[line.index(after: colon)...]))
    }

    /// The credentials in the environment, if both variables are set.
    public static func fromEnvironment(_ environment: (String) -> String? = Environment.value) throws -> SMTPCredentials? {
        switch (environment(userVariable), environment(passwordVariable)) {
        case (nil, nil): return nil
        case (let user?, let password?) where !user.isEmpty && !password.isEmpty: return SMTPCredentials(user: user, password: password)
        default: throw Invalid(description: "set both \(userVariable) and \(passwordVariable), or neither")
        }
    }
}

/// Sends engine mail to an SMTP server through libcurl after writing it to the Maildir, so a
/// server that is down or refuses loses nothing: the code is in the Maildir and the error says
/// so, in one line.
public struct SMTPMailer: Mailer {
    public let endpoint: SMTPEndpoint
    public let credentials: SMTPCredentials?
    /// A CA bundle to trust the server's certificate with (a training server's own CA).
    public let caFile: String?
    public let maildir: MaildirMailer
    public var timeout: TimeInterval = 10

    public init(endpoint: SMTPEndpoint, credentials: SMTPCredentials? = nil, caFile: String? = nil, maildir: MaildirMailer) {
        self.endpoint = endpoint
        self.credentials = credentials
        self.caFile = caFile
        self.maildir = maildir
    }

    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// Whether libcurl can be loaded (checked before a session starts, so a missing library is
    /// one line at once rather than a failure at the first email).
    public static var isAvailable: Bool { Curl.api != nil }

    public func send(_ message: MailMessage) throws {
        try maildir.send(message)
        do {
            try deliver(message)
        } catch {
            throw Failure(description: "the mail server \(endpoint) did not take it (\(error)); the message is in the Maildir")
        }
    }

    private func deliver(_ message: MailMessage) throws {
        guard let api = Curl.api else { throw Failure(description: "libcurl is not installed (apt install libcurl4)") }
        return try withUnsafePointer(to: api) { api in
            guard let curl = api.pointee.easy_init() else { throw Failure(description: "libcurl could not start") }
            defer { api.pointee.easy_cleanup(curl) }
            let upload = Upload(Data(message.rfc5322.utf8))
            let recipients = api.pointee.slist_append(nil, "<\(Self.address(message.to))>")
            defer { api.pointee.slist_free_all(recipients) }
            var errorText = [CChar](repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
            try errorText.withUnsafeMutableBufferPointer { errorBuffer in
                var status = CURLE_OK
                func set(_ option: CURLoption, _ value: Int) { if status == CURLE_OK { status = ccass_curl_set_long(api, curl, option, value) } }
                func set(_ option: CURLoption, _ value: String) { if status == CURLE_OK { status = ccass_curl_set_string(api, curl, option, value) } }
                set(CURLOPT_URL, endpoint.description)
                set(CURLOPT_PROTOCOLS_STR, endpoint.implicitTLS ? "smtps" : "smtp")
                // STARTTLS whenever the server offers it; implicit TLS for smtps://.
                set(CURLOPT_USE_SSL, Int(endpoint.implicitTLS ? CURLUSESSL_ALL.rawValue : CURLUSESSL_TRY.rawValue))
                if let caFile { set(CURLOPT_CAINFO, caFile) }
                if let credentials {
                    set(CURLOPT_USERNAME, credentials.user)
                    set(CURLOPT_PASSWORD, credentials.password)
                    // AUTH only over TLS: a password never crosses in clear.
                    set(CURLOPT_USE_SSL, Int(CURLUSESSL_ALL.rawValue))
                }
                set(CURLOPT_MAIL_FROM, "<\(Self.address(message.from))>")
                set(CURLOPT_UPLOAD, 1)
                set(CURLOPT_CONNECTTIMEOUT_MS, Int(timeout * 1000))
                set(CURLOPT_TIMEOUT_MS, Int(timeout * 2000))
                set(CURLOPT_NOSIGNAL, 1)
                if status == CURLE_OK { status = ccass_curl_set_pointer(api, curl, CURLOPT_MAIL_RCPT, UnsafeMutableRawPointer(recipients)) }
                if status == CURLE_OK { status = ccass_curl_set_pointer(api, curl, CURLOPT_ERRORBUFFER, UnsafeMutableRawPointer(errorBuffer.baseAddress)) }
                if status == CURLE_OK { status = ccass_curl_set_read_function(api, curl, Upload.read) }
                let box = Unmanaged.passRetained(upload)
                defer { box.release() }
                if status == CURLE_OK { status = ccass_curl_set_pointer(api, curl, CURLOPT_READDATA, box.toOpaque()) }
                if status == CURLE_OK { status = api.pointee.easy_perform(curl) }
                guard status == CURLE_OK else {
                    let detail = String(cString: errorBuffer.baseAddress!)
                    var code = 0
                    _ = ccass_curl_get_long(api, curl, CURLINFO_RESPONSE_CODE, &code)
                    let reason = detail.isEmpty ? api.pointee.easy_strerror(status).map { String(cString: $0) } ?? "libcurl error \(status.rawValue)" : detail
                    throw Failure(description: code > 0 ? "\(reason), server reply \(code)" : reason)
                }
            }
        }
    }

    /// The bare address of "Name <a@b>" or "a@b".
    static func address(_ text: String) -> String {
        guard let open = text.lastIndex(of: "<"), let close = text.lastIndex(of: ">"), open < close else { return text }
        return String(text[text.index(after: open)..<close])
    }

    /// The message libcurl reads, piece by piece.
    final class Upload {
        let data: Data
        var offset = 0

        init(_ data: Data) { self.data = data }

        static let read: ccass_curl_read_function = { buffer, size, count, userdata in
            guard let buffer, let userdata else { return 0 }
            let upload = Unmanaged<Upload>.fromOpaque(userdata).takeUnretainedValue()
            let length = min(size * count, upload.data.count - upload.offset)
            guard length > 0 else { return 0 }
            upload.data.withUnsafeBytes { bytes in
                UnsafeMutableRawPointer(buffer).copyMemory(from: bytes.baseAddress! + upload.offset, byteCount: length)
            }
            upload.offset += length
            return length
        }
    }
}

/// libcurl, loaded and initialised once (curl_global_init is not thread-safe: the lazy
/// global makes it happen once, before any transfer).
enum Curl {
    // Function pointers, written once by the initialiser and only read after: nothing to share.
    nonisolated(unsafe) static let api: ccass_curl_api? = {
        var api = ccass_curl_api()
        guard ccass_curl_load(&api) != 0, api.global_init(Int(CURL_GLOBAL_DEFAULT)) == CURLE_OK else { return nil }
        return api
    }()
}
