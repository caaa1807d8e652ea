// libsecp256k1 (Bitcoin Core's) with its recovery module: keys, recoverable ECDSA
// signatures with RFC 6979 nonces, public-key recovery. Debian: libsecp256k1-dev.
#ifndef BOND_CSECP256K1_SHIM_H
#define BOND_CSECP256K1_SHIM_H
#include <secp256k1.h>
#include <secp256k1_recovery.h>
#endif
