import CCrypto
#if canImport(Glibc)
import Glibc
#endif

/// Digest algorithms an OTP or MAC can use.
public enum HashAlgorithm: String, Sendable, CaseIterable, Codable {
    case sha1 = "SHA1"
    case sha256 = "SHA256"
    case sha512 = "SHA512"

    public var digestLength: Int {
        switch self {
        case .sha1: 20
        case .sha256: 32
        case .sha512: 64
        }
    }
}

/// The HMAC implementation fetched once from the default provider; fetching per call
/// would repeat a locked name lookup on the hot path.
nonisolated(unsafe) private let fetchedHMAC: OpaquePointer? = EVP_MAC_fetch(nil, "HMAC", nil)

/// A reusable HMAC context for one digest. Not thread-safe: use one per thread
/// (`HMACContext.current(for:)` keeps one per thread and algorithm).
public final class HMACContext {
    public let algorithm: HashAlgorithm
    private let ctx: OpaquePointer

    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    public init(_ algorithm: HashAlgorithm) throws {
        guard let mac = fetchedHMAC, let ctx = EVP_MAC_CTX_new(mac) else {
            throw Failure(description: "OpenSSL could not provide HMAC")
        }
        self.algorithm = algorithm
        self.ctx = ctx
        // Set the digest once with a throwaway key; later calls only change the key.
        let zero = [UInt8](repeating: 0, count: 1)
        guard ccass_hmac_init(ctx, algorithm.rawValue, zero, 1) == 1 else {
            EVP_MAC_CTX_free(ctx)
            throw Failure(description: "OpenSSL has no HMAC-\(algorithm.rawValue)")
        }
    }

    deinit { EVP_MAC_CTX_free(ctx) }

    /// HMAC(key, data) written into `out`, which must hold `algorithm.digestLength` bytes.
    @inline(__always)
    public func authenticate(key: UnsafeRawBufferPointer, data: UnsafeRawBufferPointer,
                             into out: UnsafeMutableRawBufferPointer) -> Bool {
        var outlen = 0
        guard EVP_MAC_init(ctx, key.baseAddress?.assumingMemoryBound(to: UInt8.self), key.count, nil) == 1,
              EVP_MAC_update(ctx, data.baseAddress?.assumingMemoryBound(to: UInt8.self), data.count) == 1,
              EVP_MAC_final(ctx, out.baseAddress?.assumingMemoryBound(to: UInt8.self), &outlen, out.count) == 1
        else { return false }
        return outlen == algorithm.digestLength
    }

    public func authenticate(key: [UInt8], data: [UInt8]) throws -> [UInt8] {
        var out = [UInt8](repeating: 0, count: algorithm.digestLength)
        let ok = key.withUnsafeBytes { k in
            data.withUnsafeBytes { d in out.withUnsafeMutableBytes { o in authenticate(key: k, data: d, into: o) } }
        }
        guard ok else { throw Failure(description: "HMAC-\(algorithm.rawValue) failed") }
        return out
    }

    // One context per thread and algorithm, released when the thread ends. The slots are
    // indexed by algorithm so the hot path is a pthread lookup and an array read.
    private final class PerThread {
        var contexts: [HMACContext?] = [nil, nil, nil]
    }

    private static let threadKey: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key) { pointer in
            if let pointer { Unmanaged<PerThread>.fromOpaque(pointer).release() }
        }
        return key
    }()

    private static func slot(_ algorithm: HashAlgorithm) -> Int {
        switch algorithm {
        case .sha1: 0
        case .sha256: 1
        case .sha512: 2
        }
    }

    /// This thread's context for `algorithm`.
    @inline(__always)
    public static func current(for algorithm: HashAlgorithm) throws -> HMACContext {
        let perThread: PerThread
        if let raw = pthread_getspecific(threadKey) {
            perThread = Unmanaged<PerThread>.fromOpaque(raw).takeUnretainedValue()
        } else {
            perThread = PerThread()
            pthread_setspecific(threadKey, Unmanaged.passRetained(perThread).toOpaque())
        }
        let index = slot(algorithm)
        if let existing = perThread.contexts[index] { return existing }
        let made = try HMACContext(algorithm)
        perThread.contexts[index] = made
        return made
    }
}
