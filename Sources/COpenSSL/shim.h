// The parts of OpenSSL's libcrypto (3.0) that bond uses: EVP message digests.
// Later modules add HMAC, KDFs (PBKDF2, scrypt), ciphers and RAND_bytes here.
#ifndef BOND_COPENSSL_SHIM_H
#define BOND_COPENSSL_SHIM_H
#include <openssl/evp.h>
#include <openssl/err.h>
#endif
