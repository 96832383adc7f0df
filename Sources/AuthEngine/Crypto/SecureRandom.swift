import CCrypto
import Synchronization

/// Random bytes from OpenSSL's CSPRNG. A failing `RAND_bytes` is never ignored.
public enum SecureRandom {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String { "the system random number generator (RAND_bytes) failed" }
    }

    public static func bytes(_ count: Int) throws -> [UInt8] {
        var out = [UInt8](repeating: 0, count: count)
        guard count == 0 || RAND_bytes(&out, Int32(count)) == 1 else { throw Failure() }
        return out
    }

    /// A uniformly distributed decimal string of `digits` digits (rejection sampling, no modulo bias).
    public static func digits(_ digits: Int, from source: RandomSource = .system) throws -> String {
        var result = ""
        while result.count < digits {
            for byte in try source.bytes(digits * 2) where byte < 250 && result.count < digits {
                result.append(Character(String(byte % 10)))
            }
        }
        return result
    }
}

/// Where the engine's secrets come from: the CSPRNG, or, for repeatable scenario runs only,
/// a deterministic stream (so the same scenario shows the same keys and codes every time).
public struct RandomSource: Sendable {
    public let bytes: @Sendable (Int) throws -> [UInt8]

    public init(bytes: @escaping @Sendable (Int) throws -> [UInt8]) { self.bytes = bytes }

    public static let system = RandomSource { try SecureRandom.bytes($0) }

    /// HMAC-SHA256(seed, counter) blocks. Predictable by design: never for real accounts.
    public static func deterministic(seed: String) -> RandomSource {
        let counter = Mutex<UInt64>(0)
        let key = Array(seed.utf8)
        return RandomSource { count in
            var out: [UInt8] = []
            while out.count < count {
                let n = counter.withLock { value -> UInt64 in
                    defer { value += 1 }
                    return value
                }
                out += try HMACContext.current(for: .sha256).authenticate(key: key, data: withUnsafeBytes(of: n.bigEndian, Array.init))
            }
            return Array(out.prefix(count))
        }
    }
}

/// Constant-time comparison through `CRYPTO_memcmp`; lengths are compared first (they are public).
public func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
    guard a.count == b.count else { return false }
    if a.isEmpty { return true }
    return a.withUnsafeBytes { pa in
        b.withUnsafeBytes { pb in CRYPTO_memcmp(pa.baseAddress, pb.baseAddress, a.count) == 0 }
    }
}

/// Overwrites a secret buffer before it is released.
public func wipe(_ bytes: inout [UInt8]) {
    bytes.withUnsafeMutableBytes { raw in
        if let base = raw.baseAddress { OPENSSL_cleanse(base, raw.count) }
    }
}
