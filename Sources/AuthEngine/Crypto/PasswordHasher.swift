import CCrypto
import Foundation

/// A stored password verifier: algorithm, cost and salt travel with the hash, in the
/// PHC-style form `$pbkdf2-sha256$i=600000$<salt b64>$<hash b64>`.
public struct PasswordHash: Sendable, Equatable {
    public static let algorithm = "pbkdf2-sha256"
    public let iterations: Int
    public let salt: [UInt8]
    public let hash: [UInt8]

    public var encoded: String {
        "$\(Self.algorithm)$i=\(iterations)$\(Data(salt).base64EncodedString())$\(Data(hash).base64EncodedString())"
    }

    public init(iterations: Int, salt: [UInt8], hash: [UInt8]) {
        self.iterations = iterations
        self.salt = salt
        self.hash = hash
    }

    /// The highest cost a record may carry: far above any policy, and within the Int32 that
    /// libcrypto takes. A damaged record with more is refused, never converted.
    public static let maximumIterations = 100_000_000

    /// Parses the stored form; nil for anything else (a foreign or damaged record).
    public init?(encoded: String) {
        let parts = encoded.split(separator: "$", omittingEmptySubsequences: false)
        guard parts.count == 5, parts[0].isEmpty, parts[1] == Self.algorithm,
              parts[2].hasPrefix("i="), let iterations = Int(parts[2].dropFirst(2)), (1...Self.maximumIterations).contains(iterations),
              let salt = Data(base64Encoded: String(parts[3])), let hash = Data(base64Encoded: String(parts[4])),
              !salt.isEmpty, hash.count == 32
        else { return nil }
        self.init(iterations: iterations, salt: Array(salt), hash: Array(hash))
    }
}

/// libcrypto could not do what was asked (out of memory, a bad parameter).
public struct CryptoFailure: Error, CustomStringConvertible {
    public let operation: String
    public var description: String { "the cryptographic library failed (\(operation))" }
}

/// PBKDF2-HMAC-SHA256 through libcrypto's `PKCS5_PBKDF2_HMAC`.
public struct PasswordHasher: Sendable {
    /// OWASP's 2023 figure for PBKDF2-HMAC-SHA256.
    public static let defaultIterations = 600_000
    public static let saltLength = 16

    public let iterations: Int

    public struct WeakCostRefused: Error, CustomStringConvertible {
        public let iterations: Int
        public var description: String {
            "a PBKDF2 cost of \(iterations) iterations is below \(PasswordHasher.defaultIterations); it is only allowed for tests and training (allowReducedCost)"
        }
    }

    /// The policy cost. A lower cost needs `allowReducedCost: true`, which only tests and
    /// an explicit training setting pass.
    public init(iterations: Int = defaultIterations, allowReducedCost: Bool = false) throws {
        guard iterations >= Self.defaultIterations || (allowReducedCost && iterations >= 1) else {
            throw WeakCostRefused(iterations: iterations)
        }
        guard iterations <= PasswordHash.maximumIterations else { throw CryptoFailure(operation: "PBKDF2 with \(iterations) iterations") }
        self.iterations = iterations
    }

    /// The policy cost (600,000 iterations).
    public static let standard = PasswordHasher(checked: defaultIterations)
    private init(checked iterations: Int) { self.iterations = iterations }

    /// PBKDF2-HMAC-SHA256. A libcrypto failure (memory) is an error, never a crash.
    public static func derive(_ password: String, salt: [UInt8], iterations: Int) throws -> [UInt8] {
        guard (1...PasswordHash.maximumIterations).contains(iterations) else { throw CryptoFailure(operation: "PBKDF2 cost \(iterations)") }
        var out = [UInt8](repeating: 0, count: 32)
        let utf8 = Array(password.utf8)
        let ok = utf8.withUnsafeBufferPointer { pw in
            PKCS5_PBKDF2_HMAC(pw.baseAddress.map { UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self) },
                              Int32(clamping: utf8.count), salt, Int32(clamping: salt.count), Int32(iterations),
                              ccass_sha256(), 32, &out)
        }
        guard ok == 1 else { throw CryptoFailure(operation: "PKCS5_PBKDF2_HMAC") }
        return out
    }

    public func hash(_ password: String) throws -> PasswordHash {
        let salt = try SecureRandom.bytes(Self.saltLength)
        return PasswordHash(iterations: iterations, salt: salt,
                            hash: try Self.derive(password, salt: salt, iterations: iterations))
    }

    /// Recomputes with the stored salt and cost and compares in constant time.
    public func verify(_ password: String, against stored: PasswordHash) throws -> Bool {
        constantTimeEqual(try Self.derive(password, salt: stored.salt, iterations: stored.iterations), stored.hash)
    }

    /// True when the record was made at a lower cost than the policy asks for now.
    public func needsRehash(_ stored: PasswordHash) -> Bool { stored.iterations < iterations }

    /// Burns the same time as a real verification, for an unknown user ID.
    public func dummyVerify(_ password: String) throws {
        _ = try Self.derive(password, salt: Self.dummySalt, iterations: iterations)
    }

    private static let dummySalt = [UInt8](repeating: 0x5A, count: saltLength)
}
