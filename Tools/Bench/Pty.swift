import CPty
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A program running on a pseudo-terminal of a given size, for the terminal benchmarks.
final class PtyProgram {
    let master: Int32
    let pid: pid_t
    private(set) var received = [UInt8]()

    init(_ path: String, _ arguments: [String], columns: UInt16 = 80, rows: UInt16 = 24, environment: [String: String] = [:]) throws {
        var env = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        env["TERM"] = env["TERM"] ?? "xterm-256color"
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        let envp = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var child: pid_t = 0
        master = ccass_pty_spawn(path, argv, envp, columns, rows, &child)
        guard master >= 0 else { throw NSError(domain: "pty", code: 1) }
        pid = child
    }

    /// Reads until `marker` has arrived or `timeout` passes; returns the bytes of this call.
    @discardableResult
    func read(until marker: String? = nil, quietFor quiet: Double = 0, timeout: Double = 5) -> [UInt8] {
        var chunk = [UInt8]()
        let deadline = Date().addingTimeInterval(timeout)
        let needle = marker.map { Array($0.utf8) }
        var buffer = [UInt8](repeating: 0, count: 65536)
        while Date() < deadline {
            var fds = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
            let waitMs = Int32(quiet > 0 ? quiet * 1000 : 50)
            let ready = poll(&fds, 1, waitMs)
            if ready > 0 {
                let n = Glibc.read(master, &buffer, buffer.count)
                if n <= 0 { break }
                chunk += buffer[0..<n]
                if let needle, Self.contains(chunk, needle) { break }
            } else if quiet > 0, needle == nil {
                break
            }
        }
        received += chunk
        return chunk
    }

    func write(_ text: String) { _ = text.withCString { Glibc.write(master, $0, strlen($0)) } }

    func stop() {
        kill(pid, SIGKILL)
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        close(master)
    }

    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard needle.count <= haystack.count else { return false }
        for start in 0...(haystack.count - needle.count) where haystack[start] == needle[0] {
            if Array(haystack[start..<(start + needle.count)]) == needle { return true }
        }
        return false
    }
}

/// Runs a program to its end and returns the wall time in seconds.
func timeToExit(_ path: String, _ arguments: [String]) throws -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    let program = try PtyProgram(path, arguments)
    var status: Int32 = 0
    waitpid(program.pid, &status, 0)
    close(program.master)
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}
