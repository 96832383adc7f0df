import Foundation

/// Read access to the files shipped in Resources/ (demo data, policy lists, later screen texts).
public enum ResourceFiles {
    public struct Missing: Error, CustomStringConvertible {
        public let path: String
        public var description: String { "shipped resource \(path) is missing from the build" }
    }

    /// A shipped file that is there but cannot be used.
    public struct Damaged: Error, CustomStringConvertible {
        public let path: String
        public let detail: String
        public init(path: String, detail: String) {
            self.path = path
            self.detail = detail
        }
        public var description: String { "shipped resource \(path) is damaged (\(detail))" }
    }

    public static func url(_ path: String) throws -> URL {
        guard let url = (beside ?? Bundle.module.resourceURL)?.appendingPathComponent(path),
              FileManager.default.fileExists(atPath: url.path)
        else { throw Missing(path: path) }
        return url
    }

    /// The resource directory SwiftPM puts beside the executable, found without `Bundle.module`,
    /// whose search cost milliseconds at start-up; nil when it is not there (then the bundle decides).
    private static let beside: URL? = {
        var buffer = [CChar](repeating: 0, count: 4096)
        let count = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        guard count > 0 else { return nil }
        let executable = String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let directory = URL(fileURLWithPath: executable).deletingLastPathComponent()
            .appendingPathComponent("ccass-terminal_CCASSResources.resources", isDirectory: true)
        return FileManager.default.fileExists(atPath: directory.path) ? directory : nil
    }()

    public static func data(_ path: String) throws -> Data { try Data(contentsOf: url(path)) }

    public static func text(_ path: String) throws -> String { String(decoding: try data(path), as: UTF8.self) }
}
