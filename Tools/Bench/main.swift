import Foundation

// `make bench`: each figure beside a peer measured in the same run, started the same way, as a
// ratio. A goal not met is printed as NOT MET; one that is not open (Row.open) fails the bench.
let directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
do {
    let programs = try Programs(directory: directory)
    let rows = try startupRows(programs) + cryptoRows() + classroomRows(programs)
    printTable(rows)
    if rows.contains(where: { !$0.met && !$0.open }) { exit(1) }
} catch {
    print("bench failed: \(error)")
    exit(2)
}
