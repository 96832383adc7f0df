import CPty
import Foundation
#if canImport(Glibc)
import Glibc
#endif

// The one way every program in the bench is started, ours and the peers alike: posix_spawn on
// an 80x24 pseudo-terminal, the clock read just before the spawn.

/// Seconds on the monotonic clock.
func monotonic() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }

/// A program running on a pseudo-terminal of a given size.
final class PtyProgram {
    let master: Int32
    let pid: pid_t
    /// When the fork was asked for.
    let started: Double
    /// When the last byte so far arrived.
    private(set) var lastByte: Double
    private(set) var received = [UInt8]()
    private var reaped = false

    init(_ path: String, _ arguments: [String], columns: UInt16 = 80, rows: UInt16 = 24) throws {
        var env = ProcessInfo.processInfo.environment
        env["TERM"] = "xterm-256color"
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        let envp = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var child: pid_t = 0
        started = monotonic()
        master = ccass_pty_spawn(path, argv, envp, columns, rows, &child)
        guard master >= 0 else { throw BenchFailure("cannot start \(path) on a pseudo-terminal") }
        pid = child
        lastByte = started
    }

    /// Reads until `marker` has arrived (and then until `quiet` seconds pass with nothing more),
    /// or until `quiet` seconds of silence when there is no marker, or the end of output, or
    /// `timeout`. Returns the bytes of this call.
    @discardableResult
    func read(until marker: String? = nil, quietFor quiet: Double = 0, timeout: Double = 10) -> [UInt8] {
        var chunk = [UInt8]()
        let deadline = monotonic() + timeout
        let needle = marker.map { Array($0.utf8) }
        var found = needle == nil
        var buffer = [UInt8](repeating: 0, count: 65536)
        while monotonic() < deadline {
            var fds = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
            let waitMs = Int32(found && quiet > 0 ? quiet * 1000 : 50)
            let ready = poll(&fds, 1, waitMs)
            if ready > 0 {
                let n = Glibc.read(master, &buffer, buffer.count)
                if n <= 0 { break }
                lastByte = monotonic()
                chunk += buffer[0..<n]
                if !found, let needle, Self.contains(chunk, needle) {
                    found = true
                    if quiet == 0 { break }
                }
            } else if found {
                break
            }
        }
        received += chunk
        return chunk
    }

    func write(_ text: String) { _ = text.withCString { Glibc.write(master, $0, strlen($0)) } }

    /// Waits for the program to exit, reading what it prints so it never blocks on the pty:
    /// the end of output (the slave closed at exit) is the moment it ended. Returns the
    /// seconds from the spawn to that moment.
    func waitForExit(timeout: Double = 10) throws -> Double {
        let deadline = monotonic() + timeout
        var buffer = [UInt8](repeating: 0, count: 65536)
        while monotonic() < deadline {
            var fds = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
            guard poll(&fds, 1, 100) > 0 else { continue }
            let n = Glibc.read(master, &buffer, buffer.count)
            if n <= 0 { break }
            received += buffer[0..<n]
        }
        let ended = monotonic()
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        reaped = true
        close(master)
        guard status == 0 else { throw BenchFailure("\(pid) exited with status \(status): \(String(decoding: received, as: UTF8.self))") }
        return ended - started
    }

    func stop() {
        guard !reaped else { return }
        reaped = true
        kill(pid, SIGKILL)
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        close(master)
    }

    /// Peak resident memory so far (VmHWM), in KiB.
    var peakMemory: Int? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }) else { return nil }
        return Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "")
    }

    /// Nanoseconds spent on a CPU so far (/proc/PID/schedstat, first field).
    var cpuNanoseconds: UInt64? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/schedstat", encoding: .utf8) else { return nil }
        return UInt64(text.split(separator: " ").first ?? "")
    }

    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard needle.count <= haystack.count else { return false }
        for start in 0...(haystack.count - needle.count) where haystack[start] == needle[0] {
            if Array(haystack[start..<(start + needle.count)]) == needle { return true }
        }
        return false
    }
}

struct BenchFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Runs a program to its end on the pseudo-terminal; returns the seconds from fork to exit.
func timeToExit(_ path: String, _ arguments: [String]) throws -> Double {
    try PtyProgram(path, arguments).waitForExit()
}

/// Starts a program and waits for its first complete frame: `marker` has arrived and nothing
/// more for `quiet` seconds. Returns the program (still running) and the seconds from the fork
/// to the last byte of that frame.
func firstFrame(_ path: String, _ arguments: [String], marker: String, quiet: Double = 0.15) throws -> (PtyProgram, Double) {
    let program = try PtyProgram(path, arguments)
    let bytes = program.read(until: marker, quietFor: quiet)
    guard PtyProgram.contains(bytes, Array(marker.utf8)) else {
        program.stop()
        throw BenchFailure("\(path) never showed \"\(marker)\": \(String(decoding: bytes, as: UTF8.self).suffix(300))")
    }
    return (program, program.lastByte - program.started)
}
