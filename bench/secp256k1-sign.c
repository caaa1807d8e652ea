/* bench/secp256k1-sign: the reference for bond's signing row: raw libsecp256k1 recoverable
 * ECDSA signing (RFC 6979 nonces) in a C loop on one core, over distinct message hashes.
 *   secp256k1-sign COUNT      prints signatures per second */
#include <secp256k1.h>
#include <secp256k1_recovery.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

int main(int argc, char **argv) {
    long count = argc > 1 ? atol(argv[1]) : 20000;
    secp256k1_context *context = secp256k1_context_create(SECP256K1_CONTEXT_NONE);
    unsigned char key[32], hash[32];
    memset(key, 0x46, sizeof key);
    memset(hash, 0, sizeof hash);
    secp256k1_ecdsa_recoverable_signature signature;
    unsigned char compact[64];
    int recid, checksum = 0;
    struct timespec start, end;
    clock_gettime(CLOCK_MONOTONIC, &start);
    for (long i = 0; i < count; i++) {
        memcpy(hash, &i, sizeof i);
        secp256k1_ecdsa_sign_recoverable(context, &signature, hash, key, NULL, NULL);
        secp256k1_ecdsa_recoverable_signature_serialize_compact(context, compact, &recid, &signature);
        checksum += compact[0] + recid;
    }
    clock_gettime(CLOCK_MONOTONIC, &end);
    double seconds = (end.tv_sec - start.tv_sec) + (end.tv_nsec - start.tv_nsec) / 1e9;
    printf("%.1f %d\n", count / seconds, checksum & 1);
    secp256k1_context_destroy(context);
    return 0;
}
