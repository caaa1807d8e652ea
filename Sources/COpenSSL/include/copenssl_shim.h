// bond's door to OpenSSL's libcrypto (3.0): the EVP digests and ciphers, PBKDF2, scrypt and
// RAND_bytes that bond uses. libcrypto is loaded with dlopen on first use, not linked: loading
// it costs about 0.7 ms, which every run would pay, and `bond base58 encode` never needs it.
// Types come from libssl-dev's headers; each function bond calls goes through a bond_
// wrapper of the same signature (the real names stay libcrypto's own, so that libcurl, which
// loads libcrypto for TLS, never binds to these).
#ifndef BOND_COPENSSL_SHIM_H
#define BOND_COPENSSL_SHIM_H
#include <openssl/evp.h>
#include <openssl/kdf.h>
#include <openssl/rand.h>

/// Loads libcrypto.so.3 once. Returns 0, or -1 with a message in `error`. The wrappers below
/// load it themselves and abort the process with that message if it cannot be loaded, as a
/// missing libc would: libcrypto is part of bond's installation (Debian libssl3).
int bond_crypto_load(char *error, size_t size);

EVP_MD *bond_EVP_MD_fetch(OSSL_LIB_CTX *context, const char *algorithm, const char *properties);
const EVP_MD *bond_EVP_sha256(void);
EVP_MD_CTX *bond_EVP_MD_CTX_new(void);
void bond_EVP_MD_CTX_free(EVP_MD_CTX *context);
int bond_EVP_DigestInit_ex2(EVP_MD_CTX *context, const EVP_MD *type, const OSSL_PARAM params[]);
int bond_EVP_DigestUpdate(EVP_MD_CTX *context, const void *data, size_t count);
int bond_EVP_DigestFinal_ex(EVP_MD_CTX *context, unsigned char *digest, unsigned int *size);
int bond_EVP_Digest(const void *data, size_t count, unsigned char *digest, unsigned int *size, const EVP_MD *type, ENGINE *engine);
const EVP_CIPHER *bond_EVP_aes_128_ctr(void);
EVP_CIPHER_CTX *bond_EVP_CIPHER_CTX_new(void);
void bond_EVP_CIPHER_CTX_free(EVP_CIPHER_CTX *context);
int bond_EVP_EncryptInit_ex(EVP_CIPHER_CTX *context, const EVP_CIPHER *cipher, ENGINE *engine, const unsigned char *key, const unsigned char *iv);
int bond_EVP_EncryptUpdate(EVP_CIPHER_CTX *context, unsigned char *out, int *outLength, const unsigned char *in, int inLength);
int bond_EVP_EncryptFinal_ex(EVP_CIPHER_CTX *context, unsigned char *out, int *outLength);
int bond_PKCS5_PBKDF2_HMAC(const char *password, int passwordLength, const unsigned char *salt, int saltLength, int iterations,
                           const EVP_MD *digest, int keyLength, unsigned char *out);
int bond_EVP_PBE_scrypt(const char *password, size_t passwordLength, const unsigned char *salt, size_t saltLength, uint64_t n,
                        uint64_t r, uint64_t p, uint64_t maximumMemory, unsigned char *key, size_t keyLength);
int bond_RAND_bytes(unsigned char *buffer, int count);
#endif
