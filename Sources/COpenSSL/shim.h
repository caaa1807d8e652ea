// The parts of OpenSSL's libcrypto (3.0) that bond uses: EVP message digests and ciphers.
// Also the key derivation functions (PBKDF2, scrypt), AES-128-CTR and RAND_bytes.
#ifndef BOND_COPENSSL_SHIM_H
#define BOND_COPENSSL_SHIM_H
#include <openssl/evp.h>
#include <openssl/err.h>
#include <openssl/kdf.h>
#include <openssl/rand.h>
#endif
