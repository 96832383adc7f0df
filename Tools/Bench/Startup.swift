import Foundation

/// The programs the start-up rows start, all from the release build directory.
struct Programs {
    let terminal: String
    let bare: String
    let bareFoundation: String
    let dialog = "/usr/bin/dialog"
    let oathtool = "/usr/bin/oathtool"
    let valgrind = "/usr/bin/valgrind"

    init(directory: URL) throws {
        terminal = directory.appendingPathComponent("ccass-terminal").path
        bare = directory.appendingPathComponent("BareStart").path
        bareFoundation = directory.appendingPathComponent("BareFoundationStart").path
        for path in [terminal, bare, bareFoundation, dialog, oathtool] where !FileManager.default.isExecutableFile(atPath: path) {
            throw BenchFailure("\(path) is missing (make bench builds ours; dialog and oathtool are Debian packages)")
        }
    }
}

/// What the landing page of ours and dialog's input box look like once complete.
let landingMarker = "Ctrl-C quit"
let logonMarker = "Forgot/Reset"
let dialogMarker = "ancel"  // "<Cancel>", its C drawn in another colour
let dialogArguments = ["--inputbox", "User ID", "8", "40"]

/// First frame, `authenticator code`, memory, idle CPU and bytes on the wire, each against its
/// peer started by the same harness, interleaved run by run so drift hits both alike.
func startupRows(_ programs: Programs, data dir: URL, arguments: [String], runs: Int = 21, idleSeconds: Double = 20) throws -> [Row] {
    var rows: [Row] = []

    // First complete frame: fork to the last byte of the first burst.
    var ours: [Double] = [], dialog: [Double] = [], bare: [Double] = [], foundation: [Double] = []
    var firstKey: [Double] = []
    for _ in 0..<runs {
        let (program, seconds) = try firstFrame(programs.terminal, arguments, marker: landingMarker)
        program.stop()
        ours.append(seconds)
        let (peer, peerSeconds) = try firstFrame(programs.dialog, dialogArguments, marker: dialogMarker)
        peer.stop()
        dialog.append(peerSeconds)
        bare.append(try timeToExit(programs.bare, []))
        foundation.append(try timeToExit(programs.bareFoundation, []))
        // Enter typed the moment the program starts: the logon form must follow the landing
        // page without waiting for the store.
        let typing = try PtyProgram(programs.terminal, arguments)
        typing.write("\r")
        typing.read(until: logonMarker, quietFor: 0.15)
        guard PtyProgram.contains(typing.received, Array(logonMarker.utf8)) else {
            typing.stop()
            throw BenchFailure("Enter typed at start did not open the logon form")
        }
        firstKey.append(typing.lastByte - typing.started)
        typing.stop()
    }
    let frame = median(ours), peerFrame = median(dialog)
    rows.append(Row(name: "First complete landing frame (make run's binary), median of \(runs)", ours: milliseconds(frame),
                    peer: "\(milliseconds(peerFrame)) dialog --inputbox", ratio: ratio(frame / peerFrame),
                    goal: "ours <= 2x", met: frame <= 2 * peerFrame, open: true))
    rows.append(Row(name: "First landing frame vs a Swift start-and-exit", ours: milliseconds(frame),
                    peer: "\(milliseconds(median(bare))) Swift program, no Foundation", ratio: ratio(frame / median(bare))))
    rows.append(Row(name: "First landing frame vs a Foundation start-and-exit", ours: milliseconds(frame),
                    peer: "\(milliseconds(median(foundation))) Swift program with Foundation", ratio: ratio(frame / median(foundation))))
    rows.append(Row(name: "Logon form after Enter typed at start", ours: milliseconds(median(firstKey)),
                    peer: "\(milliseconds(frame)) our landing frame", ratio: ratio(median(firstKey) / frame)))

    // `authenticator code` vs oathtool, both a process each, started and waited for alike.
    let secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
    var code: [Double] = [], oath: [Double] = []
    for _ in 0..<runs {
        code.append(try timeToExit(programs.terminal, ["authenticator", "code", "B0123402", "--data-dir", dir.path]))
        oath.append(try timeToExit(programs.oathtool, ["--totp", "-b", secret]))
    }
    rows.append(Row(name: "authenticator code ACCOUNT, median of \(runs)", ours: milliseconds(median(code)),
                    peer: "\(milliseconds(median(oath))) oathtool --totp", ratio: ratio(median(code) / median(oath)),
                    goal: "ours <= 4x", met: median(code) <= 4 * median(oath), open: true))

    // Memory at the landing page (once the store is open behind it) and CPU while idle.
    let (program, _) = try firstFrame(programs.terminal, arguments, marker: landingMarker, quiet: 0.5)
    let (peer, _) = try firstFrame(programs.dialog, dialogArguments, marker: dialogMarker, quiet: 0.5)
    defer {
        program.stop()
        peer.stop()
    }
    if let cpu = program.cpuNanoseconds, let peerCPU = peer.cpuNanoseconds {
        Thread.sleep(forTimeInterval: idleSeconds)
        if let after = program.cpuNanoseconds, let peerAfter = peer.cpuNanoseconds {
            let spent = Double(after - cpu) / 1e6, peerSpent = Double(peerAfter - peerCPU) / 1e6
            rows.append(Row(name: "CPU while idle on the landing page, \(Int(idleSeconds)) s", ours: String(format: "%.2f ms", spent),
                            peer: String(format: "%.2f ms dialog --inputbox", peerSpent), ratio: "-"))
        }
    }

    // Bytes on the wire: a screen change, and each typed character of a user ID.
    program.write("\r")
    let screenChange = program.read(until: logonMarker, quietFor: 0.25).count
    var perCharacter: [Double] = [], peerPerCharacter: [Double] = []
    for character in "B0123401" {
        program.write(String(character))
        perCharacter.append(Double(program.read(quietFor: 0.15, timeout: 1).count))
        peer.write(String(character))
        peerPerCharacter.append(Double(peer.read(quietFor: 0.15, timeout: 1).count))
    }
    let typed = median(perCharacter), peerTyped = median(peerPerCharacter)
    rows.append(Row(name: "Bytes written per typed character (80x24)", ours: String(format: "%.0f", typed),
                    peer: String(format: "%.0f dialog --inputbox", peerTyped), ratio: ratio(typed / peerTyped),
                    goal: "ours <= 40 bytes", met: typed <= 40))
    rows.append(Row(name: "Bytes written for a screen change (landing to logon)", ours: "\(screenChange)", peer: "-", ratio: "-"))

    // A whole first-time logon, headless, through the scenario runner.
    let scenario = URL(fileURLWithPath: programs.terminal).deletingLastPathComponent()
        .appendingPathComponent("../../Resources/scenarios/first-logon-register-app.scenario").standardizedFileURL.path
    let scenarioRuns = try (0..<5).map { _ in try timeToExit(programs.terminal, ["scenario", scenario]) }
    rows.append(Row(name: "A first-time logon scenario, headless (38 steps), median of 5", ours: milliseconds(median(scenarioRuns)),
                    peer: "\(milliseconds(median(foundation))) Swift program with Foundation", ratio: ratio(median(scenarioRuns) / median(foundation))))
    return rows
}
