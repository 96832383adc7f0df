/// What a field accepts; each kind says what it refuses and why.
public enum FieldKind: Equatable, Sendable {
    /// 8 capital letters or digits; lower case is raised as it is typed.
    case userID
    case password
    /// Digits only, at most so many: an OTP or a smartcard password.
    case digits(max: Int)
    /// An email address as the store keeps it: ASCII letters, digits and . _ % + - @.
    case email
    /// Free text (business user groups): any printable character, wide ones included.
    case text
}

/// A field of a form, by id: forms, line front ends and recordings find fields by it; `label`
/// is only what the screen shows.
public enum FieldID: String, CaseIterable, Sendable {
    case userID, password, otp, newPassword, confirmPassword, currentPassword, smartcardPassword, emailAddress, businessUserGroups,
         checkerID, authorizationCode

    public var label: String {
        switch self {
        case .userID: Texts.userID
        case .password: Texts.password
        case .otp: Texts.otp
        case .newPassword: Texts.newPassword
        case .confirmPassword: Texts.confirmPassword
        case .currentPassword: Texts.currentPassword
        case .smartcardPassword: Texts.smartcardPassword
        case .emailAddress: Texts.emailAddress
        case .businessUserGroups: Texts.businessUserGroups
        case .checkerID: Texts.checkerID
        case .authorizationCode: Texts.authorizationCode
        }
    }
}

/// An editable one-line field: text, cursor, masking and limits.
public struct TextField: Equatable, Sendable {
    public let id: FieldID
    public var label: String { id.label }
    public private(set) var characters: [Character]
    public private(set) var cursor: Int
    public var kind: FieldKind
    public var maxLength: Int
    /// Drawn as asterisks: passwords, and the smartcard password.
    public var isMasked: Bool

    public init(_ id: FieldID, kind: FieldKind, maxLength: Int? = nil, masked: Bool? = nil, text: String = "") {
        self.id = id
        self.kind = kind
        isMasked = masked ?? (kind == .password)
        switch kind {
        case .userID: self.maxLength = maxLength ?? 8
        case .password: self.maxLength = maxLength ?? 64
        case .digits(let max): self.maxLength = maxLength ?? max
        case .email: self.maxLength = maxLength ?? 64
        case .text: self.maxLength = maxLength ?? 64
        }
        characters = Array(text.prefix(self.maxLength))
        cursor = characters.count
    }

    public var text: String { String(characters) }
    public var isEmpty: Bool { characters.isEmpty }

    /// What is drawn: asterisks for secrets.
    public var display: String { isMasked ? String(repeating: "*", count: characters.count) : text }

    public mutating func clear() {
        characters = []
        cursor = 0
    }

    public mutating func set(_ text: String) {
        characters = Array(text.prefix(maxLength))
        cursor = characters.count
    }

    /// Why a character cannot go into this field, or nil when it can (after raising a user
    /// ID's letters).
    func refusal(_ c: Character) -> String? {
        let printable = !c.isNewline && c.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value != 0x7F && !(0x80..<0xA0).contains($0.value) }
        switch kind {
        case .userID:
            return c.isASCII && (c.isLetter || c.isNumber) ? nil : "\(label): only letters and digits"
        case .digits:
            return c.isASCII && c.isNumber ? nil : "\(label): digits only"
        case .email:
            let allowed = c.isASCII && (c.isLetter || c.isNumber || "._%+-@".contains(c))
            return allowed ? nil : "\(label): only letters, digits and . _ % + - @ (no spaces, no other scripts)"
        case .password, .text:
            return printable ? nil : "\(label): control characters are not allowed"
        }
    }

    /// Inserts typed or pasted text at the cursor. Returns a message when something was refused
    /// (the rest is kept), nil when all of it went in.
    public mutating func insert(_ text: String) -> String? {
        var refused: String?
        for raw in text {
            if raw == "\n" || raw == "\r" { continue }
            let c = kind == .userID && raw.isASCII && raw.isLetter ? Character(raw.uppercased()) : raw
            if let why = refusal(c) {
                refused = refused ?? why
                continue
            }
            guard characters.count < maxLength else {
                refused = refused ?? "\(label): at most \(maxLength) characters"
                break
            }
            characters.insert(c, at: cursor)
            cursor += 1
        }
        return refused
    }

    /// Editing keys; true when the key was one of them.
    public mutating func edit(_ key: Key) -> Bool {
        switch key {
        case .backspace:
            if cursor > 0 {
                characters.remove(at: cursor - 1)
                cursor -= 1
            }
        case .delete:
            if cursor < characters.count { characters.remove(at: cursor) }
        case .left: cursor = max(0, cursor - 1)
        case .right: cursor = min(characters.count, cursor + 1)
        case .home: cursor = 0
        case .end: cursor = characters.count
        case .clearField: clear()
        default: return false
        }
        return true
    }
}
