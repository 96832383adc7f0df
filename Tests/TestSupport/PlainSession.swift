import Foundation

/// `ccass-terminal --plain` through pipes, driven the way an expect script drives it: wait for
/// a prompt, answer it. Reading starts after what the last wait matched.
// Unchecked: what the reader thread appends is guarded by `lock`.
public final class PlainSession: @unchecked Sendable {
    public let process = Process()
    /// When the program was started (its --clock runs on from this moment).
    public let started = Date()
    private let input = Pipe()
    private let output = Pipe()
    private let lock = NSLock()
    private var received = Data()
    private var position = 0

    public init(_ executable: URL, _ arguments: [String], environment: [String: String] = [:]) throws {
        process.executableURL = executable
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardInput = input
        process.standardOutput = output
        process.standardError = output
        output.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let data = handle.availableData
            guard let self, !data.isEmpty else { return }
            self.lock.lock()
            self.received.append(data)
            self.lock.unlock()
        }
        try process.run()
    }

    /// Everything printed so far.
    public var transcript: String {
        lock.lock()
        defer { lock.unlock() }
        return String(decoding: received, as: UTF8.self)
    }

    /// Waits for the first of `texts` to appear after the last match; returns which one.
    @discardableResult
    public func waitFor(_ texts: String..., timeout: TimeInterval = 15) throws -> String {
        var deadline = Date().addingTimeInterval(timeout)
        var ended = false
        while true {
            let unread = String(transcript.dropFirst(position))
            let found = texts.compactMap { text in unread.range(of: text).map { (text, $0) } }.min { $0.1.lowerBound < $1.1.lowerBound }
            if let (text, range) = found {
                position += unread[..<range.upperBound].count
                return text
            }
            // Once the program has ended, only what is still in the pipe can come.
            if !ended, !process.isRunning {
                ended = true
                deadline = min(deadline, Date().addingTimeInterval(0.3))
            }
            guard Date() < deadline else {
                throw TestFailure("never saw \(texts.map { "\"\($0)\"" }.joined(separator: " or ")); the session printed:\n\(transcript.suffix(1500))")
            }
            Thread.sleep(forTimeInterval: 0.01)
        }
    }

    public func send(_ line: String) {
        try? input.fileHandleForWriting.write(contentsOf: Data((line + "\n").utf8))
    }

    /// On the landing page's menu: the first function, the user ID and the password typed, up to
    /// the question which button to press.
    public func logOn(_ userID: String, password: String) throws {
        send("1")
        try waitFor("User ID: ")
        send(userID)
        try waitFor("Password: ")
        send(password)
        try waitFor("quit [1]: ")
    }

    /// Ends the input and waits for the program; returns its exit status.
    @discardableResult
    public func finish(timeout: TimeInterval = 15) throws -> Int32 {
        try? input.fileHandleForWriting.close()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning {
            guard Date() < deadline else {
                process.terminate()
                throw TestFailure("the program did not end after its input did:\n\(transcript.suffix(1500))")
            }
            Thread.sleep(forTimeInterval: 0.01)
        }
        output.fileHandleForReading.readabilityHandler = nil
        return process.terminationStatus
    }
}
