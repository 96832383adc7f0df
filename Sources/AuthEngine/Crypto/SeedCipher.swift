import CCrypto
import Foundation
import SafeIO

/// AES-256-GCM for secrets at rest (TOTP seeds). The stored form is nonce(12) | ciphertext | tag(16);
/// the account's user ID is bound as associated data so a seed cannot be moved to another account.
public struct SeedCipher: Sendable {
    public static let keyLength = 32
    /// Overwritten when the last copy of the cipher goes.
    private let key: SecretBytes

    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    public init(key: [UInt8]) throws {
        guard key.count == Self.keyLength else {
            throw Failure(description: "the store key must be \(Self.keyLength) bytes, found \(key.count)")
        }
        self.key = SecretBytes(key)
    }

    public func seal(_ plaintext: [UInt8], associatedData: String) throws -> [UInt8] {
        let nonce = try SecureRandom.bytes(12)
        guard let ctx = EVP_CIPHER_CTX_new() else { throw Failure(description: "no cipher context") }
        defer { EVP_CIPHER_CTX_free(ctx) }
        let aad = Array(associatedData.utf8)
        var out = [UInt8](repeating: 0, count: plaintext.count + 16)
        var len: Int32 = 0
        var tag = [UInt8](repeating: 0, count: 16)
        guard EVP_EncryptInit_ex(ctx, ccass_aes_256_gcm(), nil, nil, nil) == 1,
              ccass_gcm_set_ivlen(ctx, 12) == 1,
              key.withBytes({ EVP_EncryptInit_ex(ctx, nil, nil, $0.baseAddress!.assumingMemoryBound(to: UInt8.self), nonce) }) == 1,
              aad.isEmpty || EVP_EncryptUpdate(ctx, nil, &len, aad, Int32(aad.count)) == 1,
              EVP_EncryptUpdate(ctx, &out, &len, plaintext, Int32(plaintext.count)) == 1
        else { throw Failure(description: "AES-256-GCM encryption failed") }
        var total = Int(len)
        let finalOK = out.withUnsafeMutableBufferPointer { buf in
            EVP_EncryptFinal_ex(ctx, buf.baseAddress! + total, &len) == 1
        }
        guard finalOK, ccass_gcm_get_tag(ctx, &tag, 16) == 1 else {
            throw Failure(description: "AES-256-GCM encryption failed")
        }
        total += Int(len)
        return nonce + out[0..<total] + tag
    }

    public func open(_ sealed: [UInt8], associatedData: String) throws -> [UInt8] {
        guard sealed.count >= 28 else { throw Failure(description: "sealed secret is too short") }
        let nonce = Array(sealed[0..<12])
        var tag = Array(sealed[(sealed.count - 16)...])
        let body = Array(sealed[12..<(sealed.count - 16)])
        guard let ctx = EVP_CIPHER_CTX_new() else { throw Failure(description: "no cipher context") }
        defer { EVP_CIPHER_CTX_free(ctx) }
        let aad = Array(associatedData.utf8)
        var out = [UInt8](repeating: 0, count: body.count + 16)
        var len: Int32 = 0
        guard EVP_DecryptInit_ex(ctx, ccass_aes_256_gcm(), nil, nil, nil) == 1,
              ccass_gcm_set_ivlen(ctx, 12) == 1,
              key.withBytes({ EVP_DecryptInit_ex(ctx, nil, nil, $0.baseAddress!.assumingMemoryBound(to: UInt8.self), nonce) }) == 1,
              aad.isEmpty || EVP_DecryptUpdate(ctx, nil, &len, aad, Int32(aad.count)) == 1,
              EVP_DecryptUpdate(ctx, &out, &len, body, Int32(body.count)) == 1,
              ccass_gcm_set_tag(ctx, &tag, 16) == 1
        else { throw Failure(description: "AES-256-GCM decryption failed") }
        let total = Int(len)
        let finalOK = out.withUnsafeMutableBufferPointer { buf in
            EVP_DecryptFinal_ex(ctx, buf.baseAddress! + total, &len) == 1
        }
        guard finalOK else {
            throw Failure(description: "a stored secret failed its integrity check (wrong store key, or the record was altered)")
        }
        return Array(out[0..<(total + Int(len))])
    }
}
