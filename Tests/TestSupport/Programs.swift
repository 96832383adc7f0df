import Foundation

/// Runs programs for the tests: our own binaries (built by `make test` before `swift test`)
/// and peers such as oathtool.
public enum Programs {
    /// A binary of this package in the products directory.
    public static func built(_ name: String) -> URL {
        // XCTest runs from the products directory (.build/debug).
        let candidates = [
            Bundle.main.bundleURL.appendingPathComponent(name),
            Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent(name),
            URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../.build/debug/\(name)").standardizedFileURL,
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[0]
    }

    public static var ccassTerminal: URL { built("ccass-terminal") }
    /// The test drills (Tools/Drill), apart from the product.
    public static var drill: URL { built("Drill") }

    /// Runs to completion; returns stdout, stderr and the exit status. Both pipes are read at
    /// once, so a program that fills one while the other is read does not hang.
    @discardableResult
    public static func run(_ executable: URL, _ arguments: [String], environment: [String: String]? = nil,
                           input: String? = nil) throws -> (out: String, err: String, status: Int32) {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let environment { process.environment = environment }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let stdin = Pipe()
        if input != nil { process.standardInput = stdin }
        try process.run()
        if let input {
            stdin.fileHandleForWriting.write(Data(input.utf8))
            try? stdin.fileHandleForWriting.close()
        }
        let group = DispatchGroup()
        nonisolated(unsafe) var errData = Data()
        group.enter()
        DispatchQueue.global().async {
            errData = err.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return (String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self), process.terminationStatus)
    }

    public static func which(_ name: String) -> URL? {
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let url = URL(fileURLWithPath: String(dir)).appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return nil
    }

    /// Set in CI: a missing external tool is a failure there, not a skip.
    public static var toolsRequired: Bool { ProcessInfo.processInfo.environment["CCASS_REQUIRE_TOOLS"] != nil }
}
