import CCASSResources
import Foundation

/// The blocklist of the NIST profile: common and breached passwords shipped in
/// Resources/policy/common-passwords.txt, compared case-insensitively and also
/// with the HKEX-style decorations (trailing digits and specials) stripped.
public struct CommonPasswords: Sendable {
    private let entries: Set<String>

    public static let shared = CommonPasswords(text: (try? ResourceFiles.text("policy/common-passwords.txt")) ?? "")

    public init(text: String) {
        entries = Set(text.split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            .filter { !$0.isEmpty && !$0.hasPrefix("#") })
    }

    public var count: Int { entries.count }

    public func contains(_ password: String) -> Bool {
        let lowered = password.lowercased()
        if entries.contains(lowered) { return true }
        // "Password1234567!" is still "password" to an attacker's wordlist.
        let core = String(lowered.reversed().drop(while: { !$0.isLetter }).reversed())
        return core.count >= 4 && entries.contains(core)
    }
}
