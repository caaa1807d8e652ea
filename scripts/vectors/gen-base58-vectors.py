#!/usr/bin/env python3
"""Generates Tests/EncodingTests/Vectors/base58-python.json with Python's `base58` package
(an implementation independent of bond's), for the Base58 and Base58Check cross-check tests.

Run:  $(scripts/python-env scripts/vectors/requirements.txt .venv-vectors)/bin/python \
          scripts/vectors/gen-base58-vectors.py

Each vector is {"hex", "base58", "base58check"}: the payload's hex (no 0x), b58encode of it,
and b58encode_check of it. Inputs are deterministic (seeded): every length 0-80, lengths up to
2,048 bytes, runs of leading zero bytes (the '1' rule), all-0xff and single-byte values.
"""
import json
import os
import random

import base58

rng = random.Random(0x626F6E64)  # "bond"
inputs = []

for length in range(0, 81):                       # every short length
    inputs.append(bytes(rng.randrange(256) for _ in range(length)))
for zeros in range(0, 12):                        # leading zeros before random bytes
    for tail in (0, 1, 2, 5, 20, 33):
        inputs.append(bytes(zeros) + bytes(rng.randrange(1, 256) for _ in range(1)) * (tail > 0)
                      + bytes(rng.randrange(256) for _ in range(max(0, tail - 1))))
for value in range(256):                          # every single byte
    inputs.append(bytes([value]))
for length in (32, 33, 34, 64, 65, 100, 255, 256, 257, 500, 1000, 1024, 2048):
    inputs.append(b"\xff" * length)
    inputs.append(bytes(length))
while len(inputs) < 1200:                         # random lengths, some long
    length = rng.choice([rng.randrange(1, 64), rng.randrange(64, 600), 34])
    zeros = rng.choice([0, 0, 0, 1, 2, 5])
    inputs.append(bytes(zeros) + bytes(rng.randrange(256) for _ in range(length)))

vectors = [
    {
        "hex": data.hex(),
        "base58": base58.b58encode(data).decode("ascii"),
        "base58check": base58.b58encode_check(data).decode("ascii"),
    }
    for data in inputs
]
for vector in vectors:  # the package must agree with itself both ways
    assert base58.b58decode(vector["base58"]).hex() == vector["hex"]
    assert base58.b58decode_check(vector["base58check"]).hex() == vector["hex"]

out = os.path.join(os.path.dirname(__file__), "..", "..", "Tests", "EncodingTests", "Vectors", "base58-python.json")
with open(out, "w") as f:
    json.dump({"generator": "scripts/vectors/gen-base58-vectors.py", "package": "base58==2.1.1",
               "vectors": vectors}, f, indent=0)
    f.write("\n")
print(f"wrote {len(vectors)} vectors to {os.path.normpath(out)}")
