import CCrypto

/// libcrypto, set up once per process before its first use.
public enum CryptoLibrary {
    /// Initialises libcrypto without reading the system's OpenSSL configuration file: the
    /// package fixes every algorithm this program uses (HMAC-SHA1/256/512, PBKDF2-HMAC-SHA256,
    /// AES-256-GCM, the default random generator), so nothing in it is ours to take from the
    /// host, and reading and applying it cost a third of `authenticator code`'s own work
    /// (1.7 M instructions). The first initialisation decides: later implicit ones do not
    /// load it either.
    public static func prepare() {
        _ = OPENSSL_init_crypto(UInt64(OPENSSL_INIT_NO_LOAD_CONFIG), nil)
    }
}
