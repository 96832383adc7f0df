#ifndef CCASS_CCRYPTO_SHIM_H
#define CCASS_CCRYPTO_SHIM_H

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/core_names.h>
#include <openssl/params.h>
#include <openssl/rand.h>
#include <openssl/hmac.h>
#include <string.h>

/* OSSL_PARAM arrays are awkward to build from Swift; these helpers keep the
   parameter plumbing in C and leave every cryptographic operation to libcrypto. */

/* Initialise an HMAC context with a key and a digest name ("SHA1", "SHA256", "SHA512"). */
static inline int ccass_hmac_init(EVP_MAC_CTX *ctx, const char *digest,
                                  const unsigned char *key, size_t keylen) {
    OSSL_PARAM params[2];
    params[0] = OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, (char *)digest, 0);
    params[1] = OSSL_PARAM_construct_end();
    return EVP_MAC_init(ctx, key, keylen, params);
}

/* One HMAC over `data` with an already fetched EVP_MAC context; returns the MAC length or 0. */
static inline size_t ccass_hmac(EVP_MAC_CTX *ctx, const char *digest,
                                const unsigned char *key, size_t keylen,
                                const unsigned char *data, size_t datalen,
                                unsigned char *out, size_t outsize) {
    size_t outlen = 0;
    if (ccass_hmac_init(ctx, digest, key, keylen) != 1) return 0;
    if (EVP_MAC_update(ctx, data, datalen) != 1) return 0;
    if (EVP_MAC_final(ctx, out, &outlen, outsize) != 1) return 0;
    return outlen;
}

static inline const EVP_MD *ccass_sha256(void) { return EVP_sha256(); }
static inline const EVP_CIPHER *ccass_aes_256_gcm(void) { return EVP_aes_256_gcm(); }

static inline int ccass_gcm_set_ivlen(EVP_CIPHER_CTX *ctx, int len) {
    return EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_SET_IVLEN, len, NULL);
}
static inline int ccass_gcm_get_tag(EVP_CIPHER_CTX *ctx, unsigned char *tag, int len) {
    return EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_GET_TAG, len, tag);
}
static inline int ccass_gcm_set_tag(EVP_CIPHER_CTX *ctx, unsigned char *tag, int len) {
    return EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_SET_TAG, len, tag);
}

#endif
