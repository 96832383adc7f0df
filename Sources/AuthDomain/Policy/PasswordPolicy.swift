import Foundation

/// One named rule of a password policy, so a screen can show a live checklist.
public struct PasswordRule: Sendable, Equatable, Hashable {
    public let id: String
    /// The label as the emulated system shows it, e.g. "At least 16 characters".
    public let label: String

    public init(id: String, label: String) {
        self.id = id
        self.label = label
    }
}

/// What a policy needs to know besides the candidate password.
public struct PasswordContext: Sendable {
    public var userID: String?
    public init(userID: String? = nil) { self.userID = userID }
}

/// A named password policy profile: composition rules, maximum age, blocklist.
public struct PasswordPolicy: Sendable {
    public let name: String
    public let title: String
    /// The rules shown on the checklist, in order.
    public let rules: [PasswordRule]
    /// Maximum password age; nil means no periodic expiry.
    public let maxAge: TimeInterval?
    private let check: @Sendable (PasswordRule, String, PasswordContext) -> Bool

    public func satisfies(_ rule: PasswordRule, _ password: String, context: PasswordContext = PasswordContext()) -> Bool {
        check(rule, password, context)
    }

    /// The rules the password fails, in checklist order (empty when acceptable).
    public func failures(_ password: String, context: PasswordContext = PasswordContext()) -> [PasswordRule] {
        rules.filter { !check($0, password, context) }
    }

    /// Every rule with whether it holds, for a live checklist.
    public func checklist(_ password: String, context: PasswordContext = PasswordContext()) -> [(rule: PasswordRule, met: Bool)] {
        rules.map { ($0, check($0, password, context)) }
    }

    public static let profiles: [PasswordPolicy] = [.hkex2023, .nist80063b4]

    public static func named(_ name: String) -> PasswordPolicy? {
        profiles.first { $0.name == name }
    }

    // MARK: hkex-2023 (s4 of the reference package)

    public static let hkexSpecials = Set("!@#$%^&*()")

    public static let hkex2023: PasswordPolicy = {
        let length = PasswordRule(id: "length", label: "At least 16 characters")
        let digit = PasswordRule(id: "digit", label: "At least 1 number")
        let lower = PasswordRule(id: "lower", label: "At least 1 lower letter")
        let special = PasswordRule(id: "special", label: "At least 1 special character from !@#$%^&*()")
        let upper = PasswordRule(id: "upper", label: "At least 1 capital letter")
        return PasswordPolicy(
            name: "hkex-2023",
            title: "HKEX Password Policy (2023)",
            rules: [length, digit, lower, special, upper],
            maxAge: 90 * 86_400,
            check: { rule, password, _ in
                switch rule.id {
                case "length": return password.count >= 16
                case "digit": return password.contains(where: { $0.isASCIIDigit })
                case "lower": return password.contains(where: { ("a"..."z").contains($0) })
                case "special": return password.contains(where: { hkexSpecials.contains($0) })
                case "upper": return password.contains(where: { $0.isUppercaseASCIILetter })
                default: return false
                }
            })
    }()

    // MARK: nist-800-63b-4 (NIST SP 800-63B rev. 4, for comparison in training)

    public static let nist80063b4: PasswordPolicy = {
        let length = PasswordRule(id: "length", label: "At least 15 characters")
        let maximum = PasswordRule(id: "maximum", label: "At most 64 characters")
        let common = PasswordRule(id: "blocklist", label: "Not a commonly used or breached password")
        let userID = PasswordRule(id: "user-id", label: "Does not contain the User ID")
        return PasswordPolicy(
            name: "nist-800-63b-4",
            title: "NIST SP 800-63B rev. 4",
            rules: [length, maximum, common, userID],
            maxAge: nil,
            check: { rule, password, context in
                switch rule.id {
                case "length": return password.count >= 15
                case "maximum": return password.count <= 64
                case "blocklist": return !CommonPasswords.shared.contains(password)  // loaded on first use
                case "user-id":
                    guard let id = context.userID, !id.isEmpty else { return true }
                    return !password.lowercased().contains(id.lowercased())
                default: return false
                }
            })
    }()
}
