import CCASSResources
import Foundation

/// The blocklist of the NIST profile: common and breached passwords shipped in
/// Resources/policy/common-passwords.txt, compared case-insensitively and also
/// with the HKEX-style decorations (trailing digits and specials) stripped.
public struct CommonPasswords: Sendable {
    private let entries: Set<String>
    /// The list could not be read: every password counts as common (fail closed), and the
    /// program refuses to start before it gets here (`SecurityResources.check`).
    private let unreadable: Bool

    public static let resourcePath = "policy/common-passwords.txt"

    public static let shared: CommonPasswords = (try? load(ResourceFiles.text(resourcePath))) ?? CommonPasswords(entries: [], unreadable: true)

    public init(text: String) {
        self.init(entries: Self.entries(text), unreadable: false)
    }

    private init(entries: Set<String>, unreadable: Bool) {
        self.entries = entries
        self.unreadable = unreadable
    }

    private static func entries(_ text: String) -> Set<String> {
        Set(text.split(whereSeparator: \.isNewline)
            .map { $0.trimmingBlanks.lowercased() }
            .filter { !$0.isEmpty && !$0.hasPrefix("#") })
    }

    /// Reads a blocklist; an empty one is damaged (it would let everything through).
    public static func load(_ text: String, file: String = resourcePath) throws -> CommonPasswords {
        let entries = entries(text)
        guard entries.count >= 10 else { throw ResourceFiles.Damaged(path: file, detail: "it holds \(entries.count) passwords") }
        return CommonPasswords(entries: entries, unreadable: false)
    }

    public var count: Int { entries.count }

    public func contains(_ password: String) -> Bool {
        if unreadable { return true }
        let lowered = password.lowercased()
        if entries.contains(lowered) { return true }
        // "Password1234567!" is still "password" to an attacker's wordlist.
        let core = String(lowered.reversed().drop(while: { !$0.isLetter }).reversed())
        return core.count >= 4 && entries.contains(core)
    }
}
