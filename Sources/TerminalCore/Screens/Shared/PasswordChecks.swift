import AuthDomain

/// The password checks screens make before submitting (the engine checks again), and how
/// refusals read.
public enum PasswordChecks {
    /// Nil when both entries are given, match, and every rule of the policy holds; otherwise
    /// the message and the field at fault.
    public static func precheck(_ new: String, _ confirmation: String, userID: String, policy: PasswordPolicy) -> (message: String, field: FieldID)? {
        if new.isEmpty { return ("Please enter the new password twice.", .newPassword) }
        let failures = policy.failures(new, context: PasswordContext(userID: userID))
        if !failures.isEmpty { return (describe(.rejected(failures)), .newPassword) }
        if new != confirmation { return (Texts.passwordsDiffer, .confirmPassword) }
        return nil
    }

    public static func describe(_ outcome: PasswordChangeOutcome) -> String {
        switch outcome {
        case .changed: Texts.passwordChanged
        case .mismatch: Texts.passwordsDiffer
        case .rejected(let rules): "The new password does not meet: " + rules.map(\.label).joined(separator: "; ") + "."
        case .sameAsCurrent: Texts.sameAsCurrent
        case .invalidCredentials: Texts.invalidCredentials
        case .locked: Texts.locked()
        case .disabled: Texts.disabled
        }
    }
}
