// See include/copenssl_shim.h.
#include "copenssl_shim.h"

#include <library_loader.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

// Each function: its return type, name, parameters, and the arguments passed on.
#define BOND_CRYPTO_FUNCTIONS(X) \
    X(EVP_MD *, EVP_MD_fetch, (OSSL_LIB_CTX *a, const char *b, const char *c), (a, b, c)) \
    X(const EVP_MD *, EVP_sha256, (void), ()) \
    X(EVP_MD_CTX *, EVP_MD_CTX_new, (void), ()) \
    X(void, EVP_MD_CTX_free, (EVP_MD_CTX *a), (a)) \
    X(int, EVP_DigestInit_ex2, (EVP_MD_CTX *a, const EVP_MD *b, const OSSL_PARAM c[]), (a, b, c)) \
    X(int, EVP_DigestUpdate, (EVP_MD_CTX *a, const void *b, size_t c), (a, b, c)) \
    X(int, EVP_DigestFinal_ex, (EVP_MD_CTX *a, unsigned char *b, unsigned int *c), (a, b, c)) \
    X(int, EVP_Digest, (const void *a, size_t b, unsigned char *c, unsigned int *d, const EVP_MD *e, ENGINE *f), (a, b, c, d, e, f)) \
    X(const EVP_CIPHER *, EVP_aes_128_ctr, (void), ()) \
    X(EVP_CIPHER_CTX *, EVP_CIPHER_CTX_new, (void), ()) \
    X(void, EVP_CIPHER_CTX_free, (EVP_CIPHER_CTX *a), (a)) \
    X(int, EVP_EncryptInit_ex, (EVP_CIPHER_CTX *a, const EVP_CIPHER *b, ENGINE *c, const unsigned char *d, const unsigned char *e), (a, b, c, d, e)) \
    X(int, EVP_EncryptUpdate, (EVP_CIPHER_CTX *a, unsigned char *b, int *c, const unsigned char *d, int e), (a, b, c, d, e)) \
    X(int, EVP_EncryptFinal_ex, (EVP_CIPHER_CTX *a, unsigned char *b, int *c), (a, b, c)) \
    X(int, PKCS5_PBKDF2_HMAC, (const char *a, int b, const unsigned char *c, int d, int e, const EVP_MD *f, int g, unsigned char *h), (a, b, c, d, e, f, g, h)) \
    X(int, EVP_PBE_scrypt, (const char *a, size_t b, const unsigned char *c, size_t d, uint64_t e, uint64_t f, uint64_t g, uint64_t h, unsigned char *i, size_t j), (a, b, c, d, e, f, g, h, i, j)) \
    X(int, RAND_bytes, (unsigned char *a, int b), (a, b))

#define BOND_SLOT(type, name, parameters, arguments) type(*name) parameters;
static struct { BOND_CRYPTO_FUNCTIONS(BOND_SLOT) } crypto;

#define BOND_NAME(type, name, parameters, arguments) #name,
static const char *const names[] = { BOND_CRYPTO_FUNCTIONS(BOND_NAME) };

#define BOND_ADDRESS(type, name, parameters, arguments) (void **)&crypto.name,
static void **const slots[] = { BOND_CRYPTO_FUNCTIONS(BOND_ADDRESS) };

static pthread_once_t once = PTHREAD_ONCE_INIT;
static char load_error[512];
static int loaded = -1;

static void load(void) {
    if (bond_library_open("libcrypto.so.3", "libssl3", "hashing, keys and keystores", 0, names, slots,
                          sizeof names / sizeof names[0], load_error, sizeof load_error) == NULL) return;
    loaded = 0;
}

int bond_crypto_load(char *error, size_t size) {
    pthread_once(&once, load);
    if (loaded != 0 && error != NULL && size > 0) snprintf(error, size, "%s", load_error);
    return loaded;
}

static void ensure(void) {
    pthread_once(&once, load);
    if (loaded != 0) {
        fprintf(stderr, "bond: error: %s\n", load_error);
        exit(69);
    }
}

#define BOND_WRAPPER(type, name, parameters, arguments) \
    type bond_##name parameters { \
        ensure(); \
        return crypto.name arguments; \
    }
BOND_CRYPTO_FUNCTIONS(BOND_WRAPPER)
