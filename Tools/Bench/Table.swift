import Foundation

/// One line of the results: a figure beside its peer, and the goal if it has one. A row with
/// no goal says "reported", never "met". A goal not yet reached that BENCHMARKS.md explains is
/// `open`: printed as NOT MET without failing the bench; any other goal not met fails it.
struct Row {
    var name: String
    var ours: String
    var peer: String
    var ratio: String
    var goal: String?
    var met = true
    var open = false
}

/// The median of some figures.
func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }

/// Runs `body` in batches until `seconds` have passed; returns operations per second.
func rate(seconds: Double, batch: Int, _ body: () -> Void) -> Double {
    let start = monotonic()
    var operations = 0
    var elapsed = 0.0
    repeat {
        for _ in 0..<batch { body() }
        operations += batch
        elapsed = monotonic() - start
    } while elapsed < seconds
    return Double(operations) / elapsed
}

/// Two rates measured turn about, `rounds` slices of `slice` seconds each, so a machine that
/// slows down or speeds up meanwhile weighs on both alike; returns the median rate of each.
func interleavedRates(rounds: Int = 10, slice: Double = 0.2, batch: Int, _ first: () -> Void, _ second: () -> Void) -> (Double, Double) {
    var a: [Double] = [], b: [Double] = []
    for _ in 0..<rounds {
        a.append(rate(seconds: slice, batch: batch, first))
        b.append(rate(seconds: slice, batch: batch, second))
    }
    return (median(a), median(b))
}

/// Median of `runs` timings of `body`, in seconds.
func medianTime(runs: Int, _ body: () throws -> Void) rethrows -> Double {
    var times: [Double] = []
    for _ in 0..<runs {
        let start = monotonic()
        try body()
        times.append(monotonic() - start)
    }
    return median(times)
}

func milliseconds(_ seconds: Double) -> String { String(format: "%.1f ms", seconds * 1000) }
func ratio(_ value: Double) -> String { String(format: "%.2fx", value) }
func perSecond(_ value: Double) -> String { value >= 1000 ? String(format: "%.0f/s", value) : String(format: "%.2f/s", value) }

func printTable(_ rows: [Row]) {
    print("ccass-terminal benchmarks (\(ProcessInfo.processInfo.activeProcessorCount) cores, release build)\n")
    let header = Row(name: "MEASURE", ours: "OURS", peer: "PEER (same run, same harness)", ratio: "RATIO", goal: "GOAL")
    let widths = [(rows + [header]).map(\.name.count).max()!, (rows + [header]).map(\.ours.count).max()!,
                  (rows + [header]).map(\.peer.count).max()!, 8]
    for (index, row) in ([header] + rows).enumerated() {
        let cells = [row.name, row.ours, row.peer, row.ratio]
        let line = zip(cells, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }.joined(separator: "  ")
        let verdict = index == 0 ? "GOAL" : row.goal.map { "\($0): \(row.met ? "met" : row.open ? "NOT MET (open, BENCHMARKS.md)" : "NOT MET")" } ?? "reported"
        print("\(line)  \(verdict)")
    }
}
