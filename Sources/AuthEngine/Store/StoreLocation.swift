import Foundation
import SafeIO

/// Where the store lives: `--data-dir`, else `$CCASS_TERMINAL_DATA_DIR`, else
/// `$XDG_DATA_HOME/ccass-terminal`, else `~/.local/share/ccass-terminal`.
public struct StoreLocation: Sendable, Equatable {
    public static let environmentVariable = "CCASS_TERMINAL_DATA_DIR"
    public static let databaseName = "ccass.sqlite"
    public static let keyName = "store.key"

    public let directory: URL

    public init(directory: URL) { self.directory = directory.standardizedFileURL }

    public static func resolve(explicit: String?, environment: (String) -> String? = Environment.value) -> StoreLocation {
        if let explicit, !explicit.isEmpty { return StoreLocation(directory: URL(fileURLWithPath: explicit)) }
        if let fromEnv = environment(environmentVariable), !fromEnv.isEmpty {
            return StoreLocation(directory: URL(fileURLWithPath: fromEnv))
        }
        if let xdg = environment("XDG_DATA_HOME"), xdg.hasPrefix("/") {
            return StoreLocation(directory: URL(fileURLWithPath: xdg).appendingPathComponent("ccass-terminal"))
        }
        let home = environment("HOME") ?? NSHomeDirectory()
        return StoreLocation(directory: URL(fileURLWithPath: home).appendingPathComponent(".local/share/ccass-terminal"))
    }

    public var databaseURL: URL { directory.appendingPathComponent(Self.databaseName) }
    public var keyURL: URL { directory.appendingPathComponent(Self.keyName) }
    /// Maildir root: one Maildir per address below it.
    public var mailURL: URL { directory.appendingPathComponent("mail") }

    public var databaseExists: Bool { FileManager.default.fileExists(atPath: databaseURL.path) }
}
