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
        guard let url = Bundle.module.resourceURL?.appendingPathComponent(path),
              FileManager.default.fileExists(atPath: url.path)
        else { throw Missing(path: path) }
        return url
    }

    public static func data(_ path: String) throws -> Data { try Data(contentsOf: url(path)) }

    public static func text(_ path: String) throws -> String { String(decoding: try data(path), as: UTF8.self) }
}
