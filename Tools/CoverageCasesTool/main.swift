import CoverageCases
import Foundation

// `coverage-cases [--check] [SOURCES/AUTHDOMAIN]`: writes CoverageCases.generated.swift from the
// declarations (make generated), or with --check says whether it is current (exit 1 if not).
var arguments = Array(CommandLine.arguments.dropFirst())
let check = arguments.first == "--check"
if check { arguments.removeFirst() }
let domain = URL(fileURLWithPath: arguments.first ?? "Sources/AuthDomain")
let file = domain.appendingPathComponent(CoverageCasesFile.name)
do {
    let text = try CoverageCasesFile.text(domain: domain)
    let current = try? String(contentsOf: file, encoding: .utf8)
    if current == text {
        print("\(file.path) is current")
    } else if check {
        FileHandle.standardError.write(Data("coverage-cases: \(file.path) is stale; run make generated\n".utf8))
        exit(1)
    } else {
        try text.write(to: file, atomically: true, encoding: .utf8)
        print("wrote \(file.path)")
    }
} catch {
    FileHandle.standardError.write(Data("coverage-cases: \(error)\n".utf8))
    exit(1)
}
