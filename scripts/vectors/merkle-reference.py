#!/usr/bin/env python3
"""An independent implementation of RFC 9162's Merkle tree (section 2.1) with hashlib, for
bond's tests: written from the RFC's recursive definitions (MTH, PATH, PROOF/SUBPROOF),
not from bond's code.

    merkle-reference.py N     prints, for the leaf inputs SHA-256(b"bond leaf %d") of
                              trees of 1..N leaves, a JSON object:
    {"leaves": [hex...], "roots": {n: hex}, "inclusion": {"n/m": [hex...]},
     "consistency": {"m/n": [hex...]}}
"""
import hashlib
import json
import sys


def sha256(data):
    return hashlib.sha256(data).digest()


def leaf_hash(data):
    return sha256(b"\x00" + data)


def largest_power_of_two_below(n):
    k = 1
    while k * 2 < n:
        k *= 2
    return k


def mth(entries):
    n = len(entries)
    if n == 0:
        return sha256(b"")
    if n == 1:
        return leaf_hash(entries[0])
    k = largest_power_of_two_below(n)
    return sha256(b"\x01" + mth(entries[:k]) + mth(entries[k:]))


def path(m, entries):
    n = len(entries)
    if n == 1:
        return []
    k = largest_power_of_two_below(n)
    if m < k:
        return path(m, entries[:k]) + [mth(entries[k:])]
    return path(m - k, entries[k:]) + [mth(entries[:k])]


def subproof(m, entries, b):
    n = len(entries)
    if m == n:
        return [] if b else [mth(entries)]
    k = largest_power_of_two_below(n)
    if m <= k:
        return subproof(m, entries[:k], b) + [mth(entries[k:])]
    return subproof(m - k, entries[k:], False) + [mth(entries[:k])]


def proof(m, entries):
    if m == 0 or m == len(entries):
        return []
    return subproof(m, entries, True)


def main():
    limit = int(sys.argv[1])
    inputs = [sha256(b"bond leaf %d" % i) for i in range(limit)]
    out = {"leaves": [x.hex() for x in inputs], "roots": {}, "inclusion": {}, "consistency": {}}
    for n in range(1, limit + 1):
        tree = inputs[:n]
        out["roots"][str(n)] = mth(tree).hex()
        for m in range(n):
            out["inclusion"][f"{n}/{m}"] = [h.hex() for h in path(m, tree)]
        for m in range(0, n + 1):
            out["consistency"][f"{m}/{n}"] = [h.hex() for h in proof(m, tree)]
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
