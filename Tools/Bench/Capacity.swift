import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What a class host of this machine carries: seats over sshd all typing at once, more and more
/// of them, until the keystroke-to-echo p95 reaches 50 ms; then every seat logging on within the
/// same minute at the shipped PBKDF2 cost. The trainees' ssh clients run here too (on a real
/// class they are on the trainees' machines), so the figures are the pessimistic side.
func capacityRows(_ programs: Programs, steps: [Int], logonSeats: [Int]) throws -> [Row] {
    guard getuid() == 0, FileManager.default.isExecutableFile(atPath: "/usr/sbin/sshd") else {
        return [Row(name: "Class host capacity", ours: "not run", peer: "needs root and openssh-server", ratio: "-")]
    }
    var rows = try typingCapacity(programs, steps: steps)
    for count in logonSeats {
        let host = try ClassroomHost(programs, seats: count, kdfIterations: nil)
        defer { host.stop() }
        let times = try logonBurst(host, seats: count, within: 60)
        rows.append(Row(name: "Logon (password step), p95, \(count) seats within one minute, 600,000 PBKDF2 iterations",
                        ours: milliseconds(percentile(times, 0.95)), peer: "\(milliseconds(median(times))) median", ratio: "-"))
    }
    return rows
}

/// More and more seats typing at once, until the echo p95 reaches 50 ms.
func typingCapacity(_ programs: Programs, steps: [Int]) throws -> [Row] {
    var rows: [Row] = []
    let host = try ClassroomHost(programs, seats: steps.max() ?? 1)
    var seats: [PtyProgram] = []
    defer {
        seats.forEach { $0.stop() }
        host.stop()
    }
    var held = 0
    for count in steps {
        while seats.count < count { seats.append(try host.connect(seat: seats.count + 1)) }
        let latencies = try allTyping(seats, seconds: 8)
        let p95 = percentile(latencies, 0.95)
        rows.append(Row(name: "Keystroke to echo, p95, \(count) seats all typing", ours: milliseconds(p95),
                        peer: "\(milliseconds(median(latencies))) median, \(latencies.count) keys", ratio: "-"))
        guard p95 < 0.050 else { break }
        held = count
    }
    rows.append(Row(name: "Seats holding the echo p95 under 50 ms, all typing (2 cores)", ours: "\(held)\(held == steps.max() ? " or more" : "")",
                    peer: "steps \(steps.map(String.init).joined(separator: ", "))", ratio: "-"))
    return rows
}

/// Runs `measure` for every seat on a thread of its own, all at once, and gathers the times it
/// gives; the first failure of any seat is thrown once all have ended.
func timedOnEverySeat(_ seats: [PtyProgram], _ measure: @escaping @Sendable (Int, PtyProgram) throws -> [Double]) throws -> [Double] {
    let lock = NSLock()
    nonisolated(unsafe) var times: [Double] = []
    nonisolated(unsafe) var failure: Error?
    let group = DispatchGroup()
    for (index, unsent) in seats.enumerated() {
        nonisolated(unsafe) let seat = unsent
        group.enter()
        Thread {
            defer { group.leave() }
            do {
                let measured = try measure(index, seat)
                lock.withLock { times += measured }
            } catch {
                lock.withLock { failure = failure ?? error }
            }
        }.start()
    }
    group.wait()
    if let failure { throw failure }
    return times
}

/// Every seat typing at once for `seconds`: a letter, its echo timed, Backspace, every 0.2 s.
func allTyping(_ seats: [PtyProgram], seconds: Double) throws -> [Double] {
    let deadline = monotonic() + seconds
    return try timedOnEverySeat(seats) { _, seat in
        // Each seat starts at its own moment in the first 0.2 s, as people do.
        usleep(UInt32.random(in: 0..<200_000))
        var latencies: [Double] = []
        while monotonic() < deadline {
            seat.write("Q")
            let start = monotonic()
            guard PtyProgram.contains(seat.read(until: "Q", timeout: 5), Array("Q".utf8)) else { throw BenchFailure("no echo of a key") }
            latencies.append(monotonic() - start)
            seat.write("\u{7f}")
            seat.read(until: "_", timeout: 5)
            usleep(200_000)
        }
        return latencies
    }
}

/// Each seat's app user logs on at a random moment within `within` seconds: the time from
/// Enter after the password to the OTP screen, which comes after the PBKDF2 check.
func logonBurst(_ host: ClassroomHost, seats count: Int, within: Double) throws -> [Double] {
    let seats = try (1...count).map { try host.connect(seat: $0) }
    defer { seats.forEach { $0.stop() } }
    let users = try (1...count).map { try host.appUser(seat: $0) }
    let start = monotonic()
    return try timedOnEverySeat(seats) { index, seat in
        let user = users[index]
        Thread.sleep(until: Date(timeIntervalSinceNow: start + Double.random(in: 0..<within) - monotonic()))
        seat.write(user + "\t" + "Training#2023Pass")
        seat.read(quietFor: 0.1, timeout: 2)
        seat.write("\r")
        let sent = monotonic()
        guard PtyProgram.contains(seat.read(until: "6-digit", timeout: 120), Array("6-digit".utf8)) else {
            throw BenchFailure("\(user) did not reach the OTP screen")
        }
        return [monotonic() - sent]
    }
}
