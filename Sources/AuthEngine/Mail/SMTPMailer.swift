import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Sends engine mail to an SMTP server (a trainer's mail catcher) after writing it to the
/// Maildir, so a server that is down or refuses loses nothing: the code is in the Maildir
/// and the error says so.
public struct SMTPMailer: Mailer {
    public let host: String
    public let port: UInt16
    public let maildir: MaildirMailer
    public var timeout: TimeInterval = 5

    public init(host: String, port: UInt16, maildir: MaildirMailer) {
        self.host = host
        self.port = port
        self.maildir = maildir
    }

    /// "HOST:PORT", as `--smtp` takes it.
    public static func parse(_ text: String) -> (host: String, port: UInt16)? {
        guard let colon = text.lastIndex(of: ":"), let port = UInt16(text[text.index(after: colon)...]), port > 0 else { return nil }
        let host = String(text[..<colon])
        return host.isEmpty ? nil : (host, port)
    }

    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    public func send(_ message: MailMessage) throws {
        try maildir.send(message)
        do {
            try deliver(message)
        } catch {
            throw Failure(description: "the mail server \(host):\(port) did not take it (\(error)); the message is in the Maildir")
        }
    }

    private func deliver(_ message: MailMessage) throws {
        let connection = try Connection(host: host, port: port, timeout: timeout)
        defer { connection.close() }
        try connection.expect(220)
        try connection.command("EHLO ccass-terminal.invalid", expect: 250)
        try connection.command("MAIL FROM:<\(Self.address(message.from))>", expect: 250)
        try connection.command("RCPT TO:<\(Self.address(message.to))>", expect: 250)
        try connection.command("DATA", expect: 354)
        // Dot-stuffing (RFC 5321 s4.5.2), then the terminating line.
        let body = message.rfc5322.components(separatedBy: "\r\n").map { $0.hasPrefix(".") ? "." + $0 : $0 }.joined(separator: "\r\n")
        try connection.command(body + ".", expect: 250)
        try? connection.command("QUIT", expect: 221)
    }

    /// The bare address of "Name <a@b>" or "a@b".
    static func address(_ text: String) -> String {
        guard let open = text.lastIndex(of: "<"), let close = text.lastIndex(of: ">"), open < close else { return text }
        return String(text[text.index(after: open)..<close])
    }

    /// A blocking TCP connection with a timeout on every read and write.
    final class Connection {
        private let fd: Int32
        private var buffer = [UInt8]()

        init(host: String, port: UInt16, timeout: TimeInterval) throws {
            var hints = addrinfo(ai_flags: 0, ai_family: AF_UNSPEC, ai_socktype: Int32(SOCK_STREAM.rawValue), ai_protocol: 0,
                                 ai_addrlen: 0, ai_addr: nil, ai_canonname: nil, ai_next: nil)
            var result: UnsafeMutablePointer<addrinfo>?
            let status = getaddrinfo(host, String(port), &hints, &result)
            guard status == 0, let first = result else {
                throw Failure(description: "cannot resolve \(host): \(String(cString: gai_strerror(status)))")
            }
            defer { freeaddrinfo(result) }
            var lastError = "no address"
            var pointer: UnsafeMutablePointer<addrinfo>? = first
            var connected: Int32 = -1
            while let info = pointer {
                let socketFD = socket(info.pointee.ai_family, info.pointee.ai_socktype, info.pointee.ai_protocol)
                if socketFD >= 0 {
                    var tv = timeval(tv_sec: Int(timeout), tv_usec: 0)
                    setsockopt(socketFD, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
                    setsockopt(socketFD, SOL_SOCKET, SO_SNDTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
                    if connect(socketFD, info.pointee.ai_addr, info.pointee.ai_addrlen) == 0 {
                        connected = socketFD
                        break
                    }
                    lastError = String(cString: strerror(errno))
                    Glibc.close(socketFD)
                }
                pointer = info.pointee.ai_next
            }
            guard connected >= 0 else { throw Failure(description: lastError) }
            fd = connected
        }

        func close() { Glibc.close(fd) }

        func command(_ line: String, expect code: Int) throws {
            let bytes = Array((line + "\r\n").utf8)
            var sent = 0
            while sent < bytes.count {
                let n = bytes[sent...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
                guard n > 0 else { throw Failure(description: "connection lost while sending") }
                sent += n
            }
            try expect(code)
        }

        /// Reads one (possibly multi-line) reply and checks its code.
        func expect(_ code: Int) throws {
            while true {
                let line = try readLine()
                guard line.count >= 3, let got = Int(line.prefix(3)) else { throw Failure(description: "unexpected reply \"\(line)\"") }
                if line.count > 3, line[line.index(line.startIndex, offsetBy: 3)] == "-" { continue }
                guard got == code else { throw Failure(description: "server answered \"\(line)\"") }
                return
            }
        }

        private func readLine() throws -> String {
            while true {
                if let newline = buffer.firstIndex(of: 10) {
                    let line = String(decoding: buffer[..<newline], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
                    buffer.removeSubrange(...newline)
                    return line
                }
                var chunk = [UInt8](repeating: 0, count: 1024)
                let n = recv(fd, &chunk, chunk.count, 0)
                guard n > 0 else { throw Failure(description: n == 0 ? "connection closed" : "no answer (\(String(cString: strerror(errno))))") }
                buffer += chunk[0..<n]
            }
        }
    }
}
