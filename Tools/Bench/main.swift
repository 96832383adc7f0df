import Foundation

// `make bench`: each figure beside a peer measured in the same run, started the same way, as a
// ratio. A goal not met is printed as NOT MET; one that is not open (Row.open) fails the bench.
// BENCH_QUICK=1 (CI): every row once, few runs, small classes: it proves the bench still runs
// on a fresh clone; its figures are too few to decide a goal, so none fails it.
let directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
let quick = ProcessInfo.processInfo.environment["BENCH_QUICK"].map { !$0.isEmpty && $0 != "0" } ?? false
func bench() -> Int32 {
    do {
        let programs = try Programs(directory: directory)
        // One demo store for the start-up and footprint rows, on the clock of the first 2FA day.
        let data = FileManager.default.temporaryDirectory.appendingPathComponent("ccass-bench-ui-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: data) }
        _ = try PtyProgram(programs.terminal, ["demo", "--data-dir", data.path, "--training-kdf-iterations", "1000"]).waitForExit(timeout: 60)
        let arguments = ["--data-dir", data.path, "--clock", "2023-06-12T10:00+08:00"]
        let rows = try startupRows(programs, data: data, arguments: arguments, runs: quick ? 3 : 21, idleSeconds: quick ? 2 : 20)
            + footprintRows(programs, data: data.path, arguments: arguments)
            + cryptoRows(quick: quick) + classroomRows(programs, typists: quick ? 3 : 30, rounds: quick ? 1 : 10)
            + capacityRows(programs, steps: quick ? [3] : [10, 30, 60, 99], logonSeats: quick ? [] : [30, 99])
        printTable(rows)
        if quick { print("BENCH_QUICK: every row ran; too few runs to decide a goal.") }
        return !quick && rows.contains(where: { !$0.met && !$0.open }) ? 1 : 0
    } catch {
        print("bench failed: \(error)")
        return 2
    }
}
exit(bench())
