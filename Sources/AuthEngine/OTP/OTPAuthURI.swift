import Foundation

/// A Key URI as authenticator apps read it from a QR code:
/// `otpauth://TYPE/ISSUER:ACCOUNT?secret=BASE32&issuer=ISSUER&algorithm=SHA1&digits=6&period=30`.
public struct OTPAuthURI: Sendable, Equatable {
    public enum Kind: String, Sendable { case totp, hotp }

    public var kind: Kind
    public var issuer: String?
    public var account: String
    public var secret: [UInt8]
    public var algorithm: HashAlgorithm
    public var digits: Int
    public var period: Int
    public var counter: UInt64

    public init(kind: Kind = .totp, issuer: String?, account: String, secret: [UInt8],
                algorithm: HashAlgorithm = .sha1, digits: Int = 6, period: Int = 30, counter: UInt64 = 0) {
        self.kind = kind
        self.issuer = issuer
        self.account = account
        self.secret = secret
        self.algorithm = algorithm
        self.digits = digits
        self.period = period
        self.counter = counter
    }

    public var generator: OneTimePassword { OneTimePassword(algorithm: algorithm, digits: digits, period: period) }

    /// The label an app shows: `ISSUER:ACCOUNT`.
    public var label: String { issuer.map { "\($0):\(account)" } ?? account }

    public var string: String {
        var text = "otpauth://\(kind.rawValue)/\(Self.escape(label))?secret=\(Base32.encode(secret))"
        if let issuer { text += "&issuer=\(Self.escape(issuer))" }
        text += "&algorithm=\(algorithm.rawValue)&digits=\(digits)"
        switch kind {
        case .totp: text += "&period=\(period)"
        case .hotp: text += "&counter=\(counter)"
        }
        return text
    }

    private static let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~:@")

    private static func escape(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? text
    }

    /// Why a URI was refused: names the part that is wrong.
    public struct ParseError: Error, Equatable, CustomStringConvertible {
        public let description: String
        init(_ description: String) { self.description = description }
    }

    public init(parsing text: String) throws {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let components = URLComponents(string: trimmed) else {
            throw ParseError("not a URI: expected otpauth://totp/ISSUER:ACCOUNT?secret=...")
        }
        guard components.scheme?.lowercased() == "otpauth" else {
            throw ParseError("scheme must be otpauth://, found \(components.scheme.map { "\($0)://" } ?? "none")")
        }
        guard let host = components.host?.lowercased(), let kind = Kind(rawValue: host) else {
            throw ParseError("type must be totp or hotp, found \"\(components.host ?? "")\"")
        }
        var label = components.percentEncodedPath
        if label.hasPrefix("/") { label.removeFirst() }
        label = label.removingPercentEncoding ?? label
        guard !label.isEmpty else { throw ParseError("label is missing: expected /ISSUER:ACCOUNT after the type") }
        var labelIssuer: String? = nil
        // Blanks around the account are not part of it, with an issuer before it or not.
        var account = label.trimmingCharacters(in: .whitespaces)
        if let colon = label.firstIndex(of: ":") {
            let issuer = String(label[..<colon]).trimmingCharacters(in: .whitespaces)
            labelIssuer = issuer.isEmpty ? nil : issuer
            account = String(label[label.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
        }
        guard !account.isEmpty else { throw ParseError("label has no account name after the issuer") }
        // Key Uri Format: neither the issuer nor the account may contain a colon (an account
        // "th://hotp/@" printed as the issuer "th" and another account; found by the fuzzer).
        guard !account.contains(":") else { throw ParseError("the account name \"\(account.prefix(40))\" contains a colon, which the label uses to separate the issuer") }
        var parameters: [String: String] = [:]
        for item in components.queryItems ?? [] {
            let name = item.name.lowercased()
            guard parameters[name] == nil else { throw ParseError("parameter \(name) is given twice") }
            parameters[name] = item.value ?? ""
        }
        guard let secretText = parameters["secret"], !secretText.isEmpty else {
            throw ParseError("secret parameter is missing")
        }
        guard let secret = Base32.decode(secretText), !secret.isEmpty else {
            throw ParseError("secret is not Base32 (letters A-Z and digits 2-7)")
        }
        guard secret.count >= 10 else {
            throw ParseError("secret is too short: \(secret.count * 8) bits, at least 80 are needed")
        }
        // The issuer parameter is read as the label's issuer is: without surrounding blanks, and
        // none if blank (the fuzzer found "  u" printing as the label issuer "u").
        let issuerParameter = parameters["issuer"].map { $0.trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty ? nil : $0 }
        // Key Uri Format: the issuer may not contain a colon, which separates it from the account
        // in the label (the fuzzer found an issuer that printed as a different label).
        if let issuer = issuerParameter, issuer.contains(":") {
            throw ParseError("issuer parameter \"\(issuer.prefix(40))\" contains a colon, which the label uses to separate it")
        }
        if let issuer = issuerParameter, let labelIssuer, issuer != labelIssuer {
            throw ParseError("issuer parameter \"\(issuer)\" differs from the label's issuer \"\(labelIssuer)\"")
        }
        var algorithm = HashAlgorithm.sha1
        if let text = parameters["algorithm"] {
            guard let value = HashAlgorithm(rawValue: text.uppercased()) else {
                throw ParseError("algorithm must be SHA1, SHA256 or SHA512, found \"\(text)\"")
            }
            algorithm = value
        }
        var digits = 6
        if let text = parameters["digits"] {
            guard let value = Int(text), value == 6 || value == 8 else {
                throw ParseError("digits must be 6 or 8, found \"\(text)\"")
            }
            digits = value
        }
        var period = 30
        if let text = parameters["period"] {
            guard kind == .totp else { throw ParseError("period applies to totp only") }
            guard let value = Int(text), (1...3600).contains(value) else {
                throw ParseError("period must be a number of seconds from 1 to 3600, found \"\(text)\"")
            }
            period = value
        }
        var counter: UInt64 = 0
        if kind == .hotp {
            guard let text = parameters["counter"] else { throw ParseError("counter parameter is missing (required for hotp)") }
            guard let value = UInt64(text) else { throw ParseError("counter must be a non-negative number, found \"\(text)\"") }
            counter = value
        }
        self.init(kind: kind, issuer: issuerParameter ?? labelIssuer, account: account, secret: secret,
                  algorithm: algorithm, digits: digits, period: period, counter: counter)
    }
}
