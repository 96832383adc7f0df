import Foundation

/// HOTP (RFC 4226) and TOTP (RFC 6238) code generation and verification.
public struct OneTimePassword: Sendable, Equatable {
    public let algorithm: HashAlgorithm
    public let digits: Int
    public let period: Int

    public static let issued = OneTimePassword(algorithm: .sha1, digits: 6, period: 30)

    public init(algorithm: HashAlgorithm = .sha1, digits: Int = 6, period: Int = 30) {
        self.algorithm = algorithm
        self.digits = digits
        self.period = period
    }

    private static let powers: [UInt32] = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000]

    /// The RFC 4226 value for `counter` as a number (before zero-padding).
    @inline(__always)
    func value(secret: [UInt8], counter: UInt64, context: HMACContext) -> UInt32? {
        var message = counter.bigEndian
        var mac = (UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0))
        return withUnsafeMutableBytes(of: &mac) { out -> UInt32? in
            let ok = secret.withUnsafeBytes { key in
                withUnsafeBytes(of: &message) { data in context.authenticate(key: key, data: data, into: out) }
            }
            guard ok else { return nil }
            let length = algorithm.digestLength
            let offset = Int(out[length - 1] & 0x0F)
            let binary = (UInt32(out[offset] & 0x7F) << 24) | (UInt32(out[offset + 1]) << 16)
                | (UInt32(out[offset + 2]) << 8) | UInt32(out[offset + 3])
            return binary % Self.powers[digits]
        }
    }

    private func format(_ value: UInt32) -> String {
        let text = String(value)
        return String(repeating: "0", count: digits - text.count) + text
    }

    /// HOTP code for a counter.
    public func hotp(secret: [UInt8], counter: UInt64) throws -> String {
        let context = try HMACContext.current(for: algorithm)
        guard let value = value(secret: secret, counter: counter, context: context) else {
            throw HMACContext.Failure(description: "HMAC-\(algorithm.rawValue) failed")
        }
        return format(value)
    }

    /// The time step of a moment (T0 = 0).
    public func step(at date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 / Double(period)).rounded(.down))
    }

    public func totp(secret: [UInt8], at date: Date) throws -> String {
        try hotp(secret: secret, counter: UInt64(max(0, step(at: date))))
    }

    /// Seconds until the code shown at `date` changes.
    public func secondsRemaining(at date: Date) -> Int {
        period - Int(date.timeIntervalSince1970.rounded(.down)) % period
    }

    /// The step a TOTP code matches within ±`window` steps of `date`, skipping steps at or
    /// before `after` (replays); nil when none matches. The current step is tried first.
    /// The code is compared as a number in constant time per step; its shape is checked first.
    public func matchingStep(code: String, secret: [UInt8], at date: Date, window: Int = 1,
                             after lastAccepted: Int64? = nil) throws -> Int64? {
        guard let submitted = Self.parseDigits(code, count: digits) else { return nil }
        let context = try HMACContext.current(for: algorithm)
        let now = step(at: date)
        var match: Int64? = nil
        // The current step first, then outwards (0, -1, +1, -2, +2, ...): most codes match at
        // once. Counted rather than listed: an array a call showed in the verification rate.
        for attempt in 0...(2 * window) {
            let distance = Int64((attempt + 1) / 2)
            let candidate = attempt % 2 == 1 ? now - distance : now + distance
            guard candidate >= 0 else { continue }
            guard let value = value(secret: secret, counter: UInt64(candidate), context: context) else {
                throw HMACContext.Failure(description: "HMAC-\(algorithm.rawValue) failed")
            }
            // Fixed-width integers compare in constant time; stopping at a match only tells
            // which step matched, which the caller records anyway.
            if (value ^ submitted) == 0 {
                match = candidate
                break
            }
        }
        guard let step = match else { return nil }
        if let last = lastAccepted, step <= last { return nil }
        return step
    }

    /// The code as a number if it is exactly `count` ASCII digits.
    @inline(__always)
    static func parseDigits(_ code: String, count: Int) -> UInt32? {
        var value: UInt32 = 0
        var seen = 0
        for byte in code.utf8 {
            guard byte >= 48, byte <= 57, seen < count else { return nil }
            value = value &* 10 &+ UInt32(byte - 48)
            seen += 1
        }
        return seen == count ? value : nil
    }
}
