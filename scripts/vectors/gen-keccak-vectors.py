#!/usr/bin/env python3
"""Generates Tests/HashingTests/Vectors/keccak256-pycryptodome.json: Keccak-256 (original
padding, as Ethereum) computed by pycryptodome's Crypto.Hash.keccak, an implementation
independent of bond's, for every message length 0-600 bytes (which covers the rate
boundaries 135, 136, 137, 271, 272, 273) and a few long ones.

The message of length n is the bytes (31 * i + n) mod 256 for i in 0..n-1; the Swift test
builds the same bytes.
Run:  $(scripts/python-env scripts/vectors/requirements.txt .venv-vectors)/bin/python \
          scripts/vectors/gen-keccak-vectors.py
"""
import json
import os

from Crypto.Hash import keccak


def message(n):
    return bytes((31 * i + n) % 256 for i in range(n))


lengths = list(range(0, 601)) + [1087, 1088, 1089, 4096, 16384, 100_000]
vectors = [{"length": n, "keccak256": keccak.new(digest_bits=256, data=message(n)).hexdigest()} for n in lengths]
out = os.path.join(os.path.dirname(__file__), "..", "..", "Tests", "HashingTests", "Vectors", "keccak256-pycryptodome.json")
with open(out, "w") as f:
    json.dump({"generator": "scripts/vectors/gen-keccak-vectors.py", "package": "pycryptodome==3.23.0",
               "message": "byte i of the message of length n is (31 * i + n) mod 256", "vectors": vectors}, f, indent=0)
    f.write("\n")
print(f"wrote {len(vectors)} vectors to {os.path.normpath(out)}")
