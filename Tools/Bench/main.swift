import AuthEngine
import CCrypto
import Foundation

// `make bench`: each figure beside a baseline measured in the same run, as a ratio.

/// Runs `body` in batches until `seconds` have passed; returns operations per second.
func rate(seconds: Double, batch: Int, _ body: () -> Void) -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    var operations = 0
    var elapsed = 0.0
    repeat {
        for _ in 0..<batch { body() }
        operations += batch
        elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    } while elapsed < seconds
    return Double(operations) / elapsed
}

/// Median of `runs` timings of `body`, in seconds.
func medianTime(runs: Int, _ body: () throws -> Void) rethrows -> Double {
    var times: [Double] = []
    for _ in 0..<runs {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }
    return times.sorted()[times.count / 2]
}

/// Runs a program and returns what it printed.
func runTool(_ path: String, _ arguments: [String]) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = arguments
    let out = Pipe()
    process.standardOutput = out
    process.standardError = FileHandle.nullDevice
    try process.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self)
}

/// Peak resident memory of a running process, from /proc (VmHWM), in KiB.
func peakMemory(_ pid: pid_t) -> Int? {
    guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
          let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }) else { return nil }
    return Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "")
}

struct Row {
    var name: String
    var ours: String
    var baseline: String
    var ratio: String
    var goal: String
    var met: Bool
}

var rows: [Row] = []
var ourMemory: Int?
var dialogMemory: Int?
func format(_ value: Double) -> String { value >= 1000 ? String(format: "%.0f", value) : String(format: "%.3f", value) }

// 1. TOTP verification of a current code vs a plain libcrypto HMAC-SHA1 loop (EVP_MAC, key set per call).
do {
    let secret = try SecureRandom.bytes(20)
    let mac = EVP_MAC_fetch(nil, "HMAC", nil)
    let ctx = EVP_MAC_CTX_new(mac)
    var message = UInt64(123_456).bigEndian
    var out = [UInt8](repeating: 0, count: 20)
    var outlen = 0
    _ = ccass_hmac_init(ctx, "SHA1", secret, secret.count)
    let hmacRate = rate(seconds: 2, batch: 1000) {
        _ = EVP_MAC_init(ctx, secret, secret.count, nil)
        withUnsafeBytes(of: &message) { _ = EVP_MAC_update(ctx, $0.baseAddress!.assumingMemoryBound(to: UInt8.self), 8) }
        _ = EVP_MAC_final(ctx, &out, &outlen, 20)
    }
    EVP_MAC_CTX_free(ctx)
    EVP_MAC_free(mac)

    let totp = OneTimePassword.issued
    let now = Date()
    let code = try totp.totp(secret: secret, at: now)
    var accepted = 0
    let verifyRate = rate(seconds: 2, batch: 1000) {
        if (try? totp.matchingStep(code: code, secret: secret, at: now)) != nil { accepted += 1 }
    }
    precondition(accepted > 0, "the current code must verify")
    let ratio = verifyRate / hmacRate
    rows.append(Row(name: "TOTP verifications/s (current code, 1 core)", ours: format(verifyRate),
                    baseline: "\(format(hmacRate)) (libcrypto HMAC-SHA1 loop)", ratio: String(format: "%.2f", ratio),
                    goal: ">= 0.80", met: ratio >= 0.8))
    // Peers we did not write: pyotp in-process, and oathtool (one process per code).
    let base32 = Base32.encode(secret)
    let pyotp = try? runTool("/usr/bin/python3", ["-c", """
        import pyotp, time
        t = pyotp.TOTP("\(base32)"); c = t.now(); n = 0; s = time.perf_counter()
        while time.perf_counter() - s < 2:
            for _ in range(1000): t.verify(c, valid_window=1)
            n += 1000
        print(n / (time.perf_counter() - s))
        """])
    if let text = pyotp, let pyRate = Double(text.trimmingCharacters(in: .whitespacesAndNewlines)) {
        rows.append(Row(name: "TOTP verifications/s vs pyotp", ours: format(verifyRate), baseline: "\(format(pyRate)) (pyotp verify, window 1)",
                        ratio: String(format: "%.1f", verifyRate / pyRate), goal: "reported", met: true))
    }
    let oathStart = DispatchTime.now().uptimeNanoseconds
    var oathRuns = 0
    while Double(DispatchTime.now().uptimeNanoseconds - oathStart) / 1e9 < 2 {
        _ = try? runTool("/usr/bin/oathtool", ["--totp", "-b", base32])
        oathRuns += 1
    }
    let oathRate = Double(oathRuns) / (Double(DispatchTime.now().uptimeNanoseconds - oathStart) / 1e9)
    rows.append(Row(name: "TOTP codes/s vs oathtool", ours: format(verifyRate), baseline: "\(format(oathRate)) (oathtool, a process per code)",
                    ratio: String(format: "%.0f", verifyRate / oathRate), goal: "reported", met: true))
}

// 2. A whole logon (password step) at the default cost vs a bare PKCS5_PBKDF2_HMAC call.
do {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ccass-bench-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: dir) }
    let engine = AuthEngine(store: try AccountStore(location: StoreLocation(directory: dir)),
                            clock: FixedClock(HongKongTime.date(2023, 6, 12, 10, 0)),
                            configuration: EngineConfiguration(terminal: "bench"))
    let demo = try DemoData.shipped()
    try demo.install(into: engine)
    let salt = try SecureRandom.bytes(16)
    let runs = 9
    _ = try PasswordHasher.derive(demo.password, salt: salt, iterations: PasswordHasher.defaultIterations)
    let bare = try medianTime(runs: runs) {
        _ = try PasswordHasher.derive(demo.password, salt: salt, iterations: PasswordHasher.defaultIterations)
    }
    let logon = try medianTime(runs: runs) {
        guard case .enterAppOTP(let session, _) = try engine.logon(userID: "B0123402", password: demo.password) else {
            fatalError("benchmark logon did not reach the OTP step")
        }
        engine.cancel(session)
    }
    let overhead = logon / bare - 1
    // An unknown user ID must cost the same as a wrong password (ASVS 6.3.8).
    var unknownTimes: [Double] = [], wrongTimes: [Double] = []
    for round in 0..<(2 * runs) {
        let unknown = round % 2 == 0
        let start = DispatchTime.now().uptimeNanoseconds
        _ = try engine.logon(userID: unknown ? "B0123499" : "HKABC101", password: "Not#The1Password\(round)")
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        if unknown { unknownTimes.append(seconds) } else { wrongTimes.append(seconds) }
        if !unknown { try engine.unlock(userID: "HKABC101", actor: "bench") }
    }
    let unknownMedian = unknownTimes.sorted()[unknownTimes.count / 2], wrongMedian = wrongTimes.sorted()[wrongTimes.count / 2]
    let timingGap = abs(unknownMedian - wrongMedian) / wrongMedian
    rows.append(Row(name: "Logons/s at 600,000 iterations (password step)", ours: format(1 / logon),
                    baseline: "\(format(1 / bare)) (bare PKCS5_PBKDF2_HMAC)", ratio: String(format: "%.3f", bare / logon),
                    goal: "overhead < 5% (is \(String(format: "%.1f", overhead * 100))%)", met: overhead < 0.05))
    rows.append(Row(name: "Logon, unknown user ID (median ms)", ours: String(format: "%.1f", unknownMedian * 1000),
                    baseline: String(format: "%.1f (wrong password, known ID)", wrongMedian * 1000),
                    ratio: String(format: "%.3f", unknownMedian / wrongMedian),
                    goal: "differ < 5% (is \(String(format: "%.1f", timingGap * 100))%)", met: timingGap < 0.05))
}

// 3. Start to the first complete landing screen vs a Swift program that only starts and exits;
//    bytes written for a screen change and for one typed character (80x24 pty).
do {
    let binDir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    let terminal = binDir.appendingPathComponent("ccass-terminal").path
    let bare = binDir.appendingPathComponent("bare-start").path
    let bareFoundation = binDir.appendingPathComponent("bare-foundation-start").path
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ccass-bench-ui-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: dir) }
    let demo = try PtyProgram(terminal, ["demo", "--data-dir", dir.path, "--training-kdf-iterations", "1000"])
    var status: Int32 = 0
    demo.read(timeout: 30)
    waitpid(demo.pid, &status, 0)
    let arguments = ["--data-dir", dir.path, "--clock", "2023-06-12T10:00+08:00"]
    var firstFrames: [Double] = [], floors: [Double] = [], foundationFloors: [Double] = []
    for _ in 0..<15 {
        floors.append(try timeToExit(bare, []))
        foundationFloors.append(try timeToExit(bareFoundation, []))
        let start = DispatchTime.now().uptimeNanoseconds
        let program = try PtyProgram(terminal, arguments)
        program.read(until: "Ctrl-C quit")
        firstFrames.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        program.stop()
    }
    let frame = firstFrames.sorted()[firstFrames.count / 2], floor = floors.sorted()[floors.count / 2]
    let foundationFloor = foundationFloors.sorted()[foundationFloors.count / 2]
    rows.append(Row(name: "First landing frame, median ms", ours: String(format: "%.1f", frame * 1000),
                    baseline: String(format: "%.1f (Swift start-and-exit)", floor * 1000), ratio: String(format: "%.2f", frame / floor),
                    goal: "< 30 ms and < 2x floor", met: frame < 0.030 && frame < 2 * floor))
    rows.append(Row(name: "First landing frame vs a Foundation start", ours: String(format: "%.1f", frame * 1000),
                    baseline: String(format: "%.1f (Swift + Foundation start-and-exit)", foundationFloor * 1000),
                    ratio: String(format: "%.2f", frame / foundationFloor), goal: "reported", met: true))

    // dialog, the usual peer for a terminal form: its first frame, typing and memory.
    var dialogFrames: [Double] = []
    if FileManager.default.isExecutableFile(atPath: "/usr/bin/dialog") {
        for _ in 0..<15 {
            let start = DispatchTime.now().uptimeNanoseconds
            let peer = try PtyProgram("/usr/bin/dialog", ["--infobox", "CCASS/CCMS Terminal", "5", "40"])
            var status: Int32 = 0
            peer.read(quietFor: 0.05, timeout: 2)
            waitpid(peer.pid, &status, 0)
            close(peer.master)
            dialogFrames.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        let dialogFrame = dialogFrames.sorted()[dialogFrames.count / 2]
        rows.append(Row(name: "First frame vs dialog --infobox", ours: String(format: "%.1f", frame * 1000),
                        baseline: String(format: "%.1f (dialog --infobox, to exit)", dialogFrame * 1000),
                        ratio: String(format: "%.2f", frame / dialogFrame), goal: "reported", met: true))
        let peer = try PtyProgram("/usr/bin/dialog", ["--inputbox", "User ID", "8", "40"])
        peer.read(quietFor: 0.3, timeout: 3)
        var peerPerCharacter: [Int] = []
        for c in "B0123401" {
            peer.write(String(c))
            peerPerCharacter.append(peer.read(quietFor: 0.15).count)
        }
        let peerMemory = peakMemory(peer.pid)
        peer.stop()
        let peerTyped = peerPerCharacter.sorted()[peerPerCharacter.count / 2]
        rows.append(Row(name: "Bytes per typed character vs dialog --inputbox", ours: "-", baseline: "\(peerTyped) (dialog --inputbox)",
                        ratio: "-", goal: "reported", met: true))
        dialogMemory = peerMemory
    }

    let program = try PtyProgram(terminal, arguments)
    program.read(until: "Ctrl-C quit")
    program.read(quietFor: 0.2)
    ourMemory = peakMemory(program.pid)
    program.write("\r")
    let screenChange = program.read(quietFor: 0.25).count
    var perCharacter: [Int] = []
    for c in "B0123401" {
        program.write(String(c))
        perCharacter.append(program.read(quietFor: 0.15).count)
    }
    program.stop()
    let typed = perCharacter.sorted()[perCharacter.count / 2]
    rows.append(Row(name: "Bytes per typed character (80x24, median of 8)", ours: "\(typed)", baseline: "-", ratio: "-",
                    goal: "<= 40 bytes", met: typed <= 40))
    if let index = rows.firstIndex(where: { $0.name == "Bytes per typed character vs dialog --inputbox" }) {
        rows[index].ours = "\(typed)"
    }
    if let ours = ourMemory {
        rows.append(Row(name: "Peak memory of the terminal (KiB)", ours: "\(ours)", baseline: dialogMemory.map { "\($0) (dialog --inputbox)" } ?? "-",
                        ratio: dialogMemory.map { String(format: "%.1f", Double(ours) / Double($0)) } ?? "-", goal: "reported", met: true))
    }
    // A whole first-time logon, headless, through the scenario runner.
    let scenario = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        .appendingPathComponent("../../Resources/scenarios/first-logon-register-app.scenario").standardizedFileURL.path
    if FileManager.default.fileExists(atPath: scenario) {
        let runs = (0..<5).map { _ -> Double in
            let start = DispatchTime.now().uptimeNanoseconds
            _ = try? runTool(terminal, ["scenario", scenario])
            return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        }.sorted()
        rows.append(Row(name: "First-time logon scenario, headless (median ms)", ours: String(format: "%.0f", runs[2] * 1000),
                        baseline: String(format: "%.1f (Swift + Foundation start)", foundationFloor * 1000), ratio: "-", goal: "reported", met: true))
    }
    rows.append(Row(name: "Bytes for a screen change (landing -> logon)", ours: "\(screenChange)", baseline: "-", ratio: "-",
                    goal: "reported", met: true))
}

print("ccass-terminal benchmarks (\(ProcessInfo.processInfo.activeProcessorCount) cores, release build)\n")
let header = Row(name: "MEASURE", ours: "OURS", baseline: "BASELINE (same run)", ratio: "RATIO", goal: "GOAL", met: true)
let widths = [rows.map(\.name.count).max()!, 10, rows.map(\.baseline.count).max()!, 6]
for row in [header] + rows {
    let cells = [row.name, row.ours, row.baseline, row.ratio]
    let line = zip(cells, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }.joined(separator: "  ")
    print("\(line)  \(row.goal)\(row.name == header.name ? "" : (row.met ? "  met" : "  NOT MET"))")
}
