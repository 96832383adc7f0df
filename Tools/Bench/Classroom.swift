import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Keystroke to echo of one seat over a real sshd (the class's configuration, OpenSSH's client
/// on a pseudo-terminal), alone and while 30 other seats type at once: the typed letter going
/// into the User ID field and coming back drawn, through ssh, sshd and the seat's program.
func classroomRows(_ programs: Programs, typists: Int = 30, rounds: Int = 10, samplesPerRound: Int = 40) throws -> [Row] {
    let name = "Keystroke to echo over sshd, 1 seat"
    guard getuid() == 0, FileManager.default.isExecutableFile(atPath: "/usr/sbin/sshd"),
          FileManager.default.isExecutableFile(atPath: "/usr/bin/ssh") else {
        return [Row(name: name, ours: "not run", peer: "needs root and openssh-server", ratio: "-", goal: "p95 <= 2x alone, < 50 ms",
                    met: false, open: true)]
    }
    let host = try ClassroomHost(programs, seats: typists + 1)
    defer { host.stop() }

    let measured = try host.connect(seat: 1)
    defer { measured.stop() }
    let others = try (2...(typists + 1)).map { try host.connect(seat: $0) }
    defer { others.forEach { $0.stop() } }
    let typing = Typists(others)
    // Turn about, as the rest of the bench: a round with the others idle, then one with all
    // of them typing, so the machine's drift weighs on both alike.
    var alone: [Double] = [], loaded: [Double] = []
    for _ in 0..<rounds {
        alone += try echoLatencies(measured, samples: samplesPerRound)
        typing.start()
        loaded += try echoLatencies(measured, samples: samplesPerRound)
        typing.pause()
    }
    let keys = typing.stop()

    let aloneP95 = percentile(alone, 0.95), loadedP95 = percentile(loaded, 0.95)
    let met = loadedP95 <= 2 * aloneP95 && loadedP95 < 0.050
    return [
        Row(name: "\(name), median, \(typists) others typing", ours: milliseconds(median(loaded)), peer: "\(milliseconds(median(alone))) alone",
            ratio: ratio(median(loaded) / median(alone))),
        Row(name: "\(name), p95, \(typists) others typing", ours: milliseconds(loadedP95), peer: "\(milliseconds(aloneP95)) alone",
            ratio: ratio(loadedP95 / aloneP95), goal: "<= 2x alone, < 50 ms", met: met),
        Row(name: "Keys the \(typists) others typed meanwhile", ours: "\(keys)", peer: "-", ratio: "-"),
    ]
}

func percentile(_ values: [Double], _ p: Double) -> Double {
    let sorted = values.sorted()
    return sorted[min(sorted.count - 1, Int((Double(sorted.count) * p).rounded(.up)) - 1)]
}

/// `samples` times: a letter typed into the User ID field, the time until it is drawn back,
/// then Backspace (not timed). One key every 20 ms or so, a fast typist's pace.
func echoLatencies(_ seat: PtyProgram, samples: Int) throws -> [Double] {
    var latencies: [Double] = []
    for _ in 0..<samples {
        seat.write("Q")
        let start = monotonic()
        guard PtyProgram.contains(seat.read(until: "Q", timeout: 5), Array("Q".utf8)) else { throw BenchFailure("no echo of a key") }
        latencies.append(monotonic() - start)
        seat.write("\u{7f}")
        seat.read(until: "_", timeout: 5)
        usleep(20_000)
    }
    return latencies
}

/// The other seats typing at once, each on a thread of its own: a letter, its echo, Backspace,
/// every 0.2 s. They start and pause in rounds, and stop at the end.
final class Typists: @unchecked Sendable {
    private let seats: [PtyProgram]
    private let lock = NSLock()
    private var typing = false
    private var stopped = false
    private var threads: [Thread] = []
    private var keys = 0

    init(_ seats: [PtyProgram]) { self.seats = seats }

    /// Everyone typing, a second before the measure starts.
    func start() {
        lock.withLock { typing = true }
        if threads.isEmpty {
            for unsent in seats {
                // Each seat is read and written by its own thread only.
                nonisolated(unsafe) let seat = unsent
                let thread = Thread { [self] in
                    while !lock.withLock({ stopped }) {
                        guard lock.withLock({ typing }) else {
                            usleep(20_000)
                            continue
                        }
                        seat.write("W")
                        seat.read(until: "W", timeout: 5)
                        seat.write("\u{7f}")
                        seat.read(until: "_", timeout: 5)
                        lock.withLock { keys += 2 }
                        usleep(200_000)
                    }
                }
                threads.append(thread)
                thread.start()
            }
        }
        Thread.sleep(forTimeInterval: 1)
    }

    /// Everyone idle (still connected), their last keys echoed.
    func pause() {
        lock.withLock { typing = false }
        Thread.sleep(forTimeInterval: 0.5)
    }

    /// Stops them; returns how many keys they typed.
    func stop() -> Int {
        lock.withLock { stopped = true }
        while threads.contains(where: { !$0.isFinished }) { Thread.sleep(forTimeInterval: 0.05) }
        return lock.withLock { keys }
    }
}

/// A class on a store of its own, served by sshd on 127.0.0.1 with the configuration
/// `class sshd-config` prints.
final class ClassroomHost {
    let directory: URL
    let port: Int
    private let terminal: String

    /// `kdfIterations`: the store's training PBKDF2 cost (nil: the shipped 600,000).
    init(_ programs: Programs, seats: Int, kdfIterations: Int? = 1000) throws {
        terminal = programs.terminal
        // sshd's StrictModes refuses keys below a world-writable directory such as /tmp.
        directory = URL(fileURLWithPath: NSHomeDirectory()).appendingPathComponent(".cache/ccass-bench-sshd-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let data = directory.appendingPathComponent("data").path
        let cost = kdfIterations.map { ["--training-kdf-iterations", "\($0)"] } ?? []
        try Self.run(terminal, ["demo", "--data-dir", data] + cost + ["--clock", "2023-06-12T10:00+08:00"])
        try Self.run(terminal, ["class", "create", "bench", "--trainees", "\(seats)", "--data-dir", data])
        let config = try Self.run(terminal, ["class", "sshd-config", "--data-dir", data, "--user", "root"])
        try config.write(to: directory.appendingPathComponent("class.conf"), atomically: true, encoding: .utf8)
        try Self.run("/usr/bin/ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", directory.appendingPathComponent("host_key").path])
        try FileManager.default.createDirectory(atPath: "/run/sshd", withIntermediateDirectories: true)
        port = Int(20_000 + getpid() % 20_000)
        try """
        Port \(port)
        ListenAddress 127.0.0.1
        HostKey \(directory.appendingPathComponent("host_key").path)
        PidFile \(directory.appendingPathComponent("sshd.pid").path)
        UsePAM no
        MaxStartups 100:30:200
        Include \(directory.appendingPathComponent("class.conf").path)
        """.write(to: directory.appendingPathComponent("sshd_config"), atomically: true, encoding: .utf8)
        try Self.run("/usr/sbin/sshd", ["-f", directory.appendingPathComponent("sshd_config").path, "-E", directory.appendingPathComponent("sshd.log").path])
    }

    /// A trainee's ssh on an 80x24 pseudo-terminal, on the logon page of their seat.
    func connect(seat: Int) throws -> PtyProgram {
        let key = directory.appendingPathComponent(String(format: "data/classes/bench/seat-%02d/id_ed25519", seat)).path
        let ssh = try PtyProgram("/usr/bin/ssh", ["-tt", "-i", key, "-p", "\(port)", "-o", "StrictHostKeyChecking=no",
                                                  "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR", "root@127.0.0.1"])
        guard PtyProgram.contains(ssh.read(until: "Ctrl-C quit", quietFor: 0.2, timeout: 30), Array("Ctrl-C quit".utf8)) else {
            ssh.stop()
            throw BenchFailure("seat \(seat) did not open over ssh")
        }
        ssh.write("\r")
        ssh.read(until: "Forgot/Reset", quietFor: 0.2, timeout: 10)
        return ssh
    }

    /// The app user of a seat, from the class's roster.
    func appUser(seat: Int) throws -> String {
        let roster = try String(contentsOf: directory.appendingPathComponent("data/classes/bench/roster.csv"), encoding: .utf8)
        let rows = roster.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        guard let header = rows.first, let column = header.firstIndex(of: "appUser"),
              let row = rows.dropFirst().first(where: { $0.first == "\(seat)" }), row.count > column else {
            throw BenchFailure("seat \(seat) is not in the roster")
        }
        return row[column]
    }

    func stop() {
        if let text = try? String(contentsOf: directory.appendingPathComponent("sshd.pid"), encoding: .utf8),
           let pid = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)) {
            kill(pid, SIGTERM)
        }
        // The seats end on the hang-up of their sessions, writing as they go: wait for them.
        for _ in 0..<20 {
            try? FileManager.default.removeItem(at: directory)
            guard FileManager.default.fileExists(atPath: directory.path) else { return }
            Thread.sleep(forTimeInterval: 0.25)
        }
    }

    @discardableResult
    private static func run(_ path: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw BenchFailure("\(path) \(arguments.joined(separator: " ")) failed") }
        return String(decoding: data, as: UTF8.self)
    }
}
