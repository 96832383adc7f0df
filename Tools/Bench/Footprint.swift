import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Instructions from exec to the first frame (callgrind, stable on a noisy machine) and private
/// memory per seat with ten copies at the landing page, each beside dialog in the same run.
func footprintRows(_ programs: Programs, data: String, arguments: [String]) throws -> [Row] {
    try instructionRows(programs, arguments: arguments) + memoryRows(programs, arguments: arguments)
}

/// callgrind's count of the main thread from exec to the end of the first `wrefresh` (the first
/// frame on the terminal), against dialog's whole run (start, frame, Esc, exit). valgrind 3.19
/// cannot read Swift's DWARF 5, so ours runs from a copy stripped of it, beside its resources.
func instructionRows(_ programs: Programs, arguments: [String]) throws -> [Row] {
    let name = "Instructions, main thread, exec to the first frame"
    guard FileManager.default.isExecutableFile(atPath: programs.valgrind) else {
        return [Row(name: name, ours: "not run", peer: "needs valgrind", ratio: "-", goal: "<= 4x dialog's whole run", met: false)]
    }
    let scratch = try makeScratch("ccass-bench-callgrind")
    defer { try? FileManager.default.removeItem(at: scratch) }
    let copy = scratch.appendingPathComponent("ccass-terminal").path
    try FileManager.default.copyItem(atPath: programs.terminal, toPath: copy)
    let resources = "ccass-terminal_CCASSResources.resources"
    try FileManager.default.createSymbolicLink(atPath: scratch.appendingPathComponent(resources).path,
                                               withDestinationPath: URL(fileURLWithPath: programs.terminal).deletingLastPathComponent()
                                                   .appendingPathComponent(resources).path)
    _ = try timeToExit("/usr/bin/strip", ["--strip-debug", copy])

    // Ours: a dump after each refresh, one file per thread; part 1 of thread 1 is up to the first frame.
    let ours = scratch.appendingPathComponent("ours").path
    let run = try PtyProgram(programs.valgrind, ["--tool=callgrind", "--separate-threads=yes", "--dump-after=wrefresh",
                                                 "--callgrind-out-file=\(ours)", copy] + arguments)
    run.read(until: landingMarker, quietFor: 1.0, timeout: 60)
    run.write("\u{3}")
    // The exit status is not the point (dialog's Esc is 255); the counts, checked below, are.
    _ = try? run.waitForExit(timeout: 60)
    // dialog: its whole run, Esc as soon as its box is up.
    let theirs = scratch.appendingPathComponent("dialog").path
    let peer = try PtyProgram(programs.valgrind, ["--tool=callgrind", "--callgrind-out-file=\(theirs)", programs.dialog] + dialogArguments)
    peer.read(until: dialogMarker, quietFor: 1.0, timeout: 60)
    peer.write("\u{1b}")
    _ = try? peer.waitForExit(timeout: 60)

    guard let frame = callgrindTotal("\(ours).1-01"), let whole = callgrindTotal(theirs) else {
        throw BenchFailure("callgrind left no counts in \(scratch.path)")
    }
    return [Row(name: name, ours: "\(millions(frame)) M", peer: "\(millions(whole)) M dialog --inputbox, whole run",
                ratio: ratio(Double(frame) / Double(whole)), goal: "ours <= 4x", met: frame <= 4 * whole)]
}

/// The `totals:` line of a callgrind output file.
func callgrindTotal(_ path: String) -> Int? {
    guard let text = try? String(contentsOfFile: path, encoding: .utf8),
          let line = text.split(separator: "\n").first(where: { $0.hasPrefix("totals:") }) else { return nil }
    return Int(line.dropFirst("totals:".count).trimmingCharacters(in: .whitespaces))
}

/// Ten copies of each at the landing page at once, what a class of ten costs a host: private
/// memory (USS: Private_Clean + Private_Dirty from /proc/PID/smaps_rollup), PSS and peak RSS,
/// medians of the ten; then what ours keeps private, by mapping, for BENCHMARKS.md.
func memoryRows(_ programs: Programs, arguments: [String], copies: Int = 10) throws -> [Row] {
    var ours: [PtyProgram] = [], theirs: [PtyProgram] = []
    defer { (ours + theirs).forEach { $0.stop() } }
    for _ in 0..<copies {
        ours.append(try firstFrame(programs.terminal, arguments, marker: landingMarker, quiet: 0.3).0)
        theirs.append(try firstFrame(programs.dialog, dialogArguments, marker: dialogMarker, quiet: 0.3).0)
    }
    // The store is opened behind the landing page: let every copy get there.
    Thread.sleep(forTimeInterval: 1.0)
    let our = try ours.map { try MemoryFigures(pid: $0.pid) }, their = try theirs.map { try MemoryFigures(pid: $0.pid) }
    let uss = median(our.map(\.private)), peerUSS = median(their.map(\.private))
    var rows = [
        Row(name: "Private memory (USS) per copy, \(copies) copies at the landing page", ours: kib(uss),
            peer: "\(kib(peerUSS)) dialog --inputbox", ratio: ratio(uss / peerUSS), goal: "ours <= 3x", met: uss <= 3 * peerUSS, open: true),
        Row(name: "PSS per copy, the same \(copies)", ours: kib(median(our.map(\.proportional))),
            peer: "\(kib(median(their.map(\.proportional)))) dialog --inputbox",
            ratio: ratio(median(our.map(\.proportional)) / median(their.map(\.proportional)))),
        Row(name: "Peak RSS per copy, the same \(copies)", ours: kib(median(our.map(\.peak))), peer: "\(kib(median(their.map(\.peak)))) dialog --inputbox",
            ratio: ratio(median(our.map(\.peak)) / median(their.map(\.peak)))),
    ]
    for (part, size) in try privateByMapping(pid: ours[0].pid).prefix(6) {
        rows.append(Row(name: "  of which private in \(part)", ours: kib(Double(size)), peer: "-", ratio: "-"))
    }
    return rows
}

struct MemoryFigures {
    var `private`: Double
    var proportional: Double
    var peak: Double

    init(pid: pid_t) throws {
        let rollup = try String(contentsOfFile: "/proc/\(pid)/smaps_rollup", encoding: .utf8)
        let status = try String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)
        func field(_ text: String, _ name: String) -> Double {
            let line = text.split(separator: "\n").first { $0.hasPrefix(name + ":") }
            return Double(line?.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "") ?? 0
        }
        `private` = field(rollup, "Private_Clean") + field(rollup, "Private_Dirty")
        proportional = field(rollup, "Pss")
        peak = field(status, "VmHWM")
    }
}

/// Private kilobytes by where they are (the program's relocated data, libcrypto, the heap,
/// anonymous mappings...), largest first.
func privateByMapping(pid: pid_t) throws -> [(String, Int)] {
    let smaps = try String(contentsOfFile: "/proc/\(pid)/smaps", encoding: .utf8)
    var totals: [String: Int] = [:]
    var current = ""
    for line in smaps.split(separator: "\n") {
        let fields = line.split(separator: " ", omittingEmptySubsequences: true)
        if let range = fields.first, range.contains("-"), range.allSatisfy({ $0.isHexDigit || $0 == "-" }) {
            let path = fields.count > 5 ? String(fields[5]) : "anonymous memory"
            let permissions = fields.count > 1 ? String(fields[1]) : ""
            let file = path.split(separator: "/").last.map(String.init) ?? path
            current = path.hasPrefix("/") ? "\(file) (\(permissions))" : path
        } else if fields.first == "Private_Clean:" || fields.first == "Private_Dirty:", fields.count > 1 {
            totals[current, default: 0] += Int(fields[1]) ?? 0
        }
    }
    return totals.filter { $0.value > 0 }.sorted { $0.value > $1.value }
}

func kib(_ value: Double) -> String { String(format: "%.0f KiB", value) }
func millions(_ value: Int) -> String { String(format: "%.1f", Double(value) / 1e6) }

/// A private scratch folder of the bench's own.
func makeScratch(_ prefix: String) throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
    return url
}
