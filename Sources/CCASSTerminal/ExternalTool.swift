import Foundation
import SafeIO

/// The one way the commands run another program (ssh-keygen, useradd, visudo, Chromium):
/// its input given, its output away, and a failure one line naming it with what it said.
enum ExternalTool {
    /// The first of `paths` installed, or a failure saying how to install it.
    static func locate(_ paths: [String], install: String) throws -> String {
        guard let path = paths.first(where: FileManager.default.isExecutableFile(atPath:)) else { throw CommandFailure(install) }
        return path
    }

    static func run(_ path: String, _ arguments: [String], input: String? = nil, environment: [String: String]? = nil) throws {
        guard FileManager.default.isExecutableFile(atPath: path) else { throw CommandFailure("\(path) is not installed") }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        if let environment { process.environment = environment }
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        let feed = Pipe()
        process.standardInput = input == nil ? FileHandle.nullDevice : feed
        try process.run()
        if let input {
            feed.fileHandleForWriting.write(Data(input.utf8))
            try feed.fileHandleForWriting.close()
        }
        let said = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let why = said.split(separator: "\n").last.map { String($0).trimmingCharacters(in: .whitespaces) } ?? "exit status \(process.terminationStatus)"
            throw CommandFailure("\((path as NSString).lastPathComponent) failed: \(why.safe())")
        }
    }
}
