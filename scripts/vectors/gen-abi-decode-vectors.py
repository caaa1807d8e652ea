#!/usr/bin/env python3
"""Generates the ABI decoding vectors of bond's `bond call` with eth-abi (independent of
bond), into Tests/EthereumTests/Vectors/abi-decode-eth-abi.json:

- valid: random values of every type bond decodes, encoded by eth-abi's encode, and those
  encodings changed where eth-abi still decodes them (a value's byte, trailing bytes); the
  expected values are eth-abi's decode of that data, written as bond prints them (integers
  as decimal strings, addresses in lower-case hex, bytes as 0x hex, bools, strings, lists);
- invalid: those encodings mutated (a padding byte set, a bool of 2, a bad sign extension,
  an offset or length past the end, data cut short, a string that is not UTF-8), kept only
  where eth-abi's strict decode refuses them.

Run:  $(scripts/python-env scripts/vectors/requirements.txt .venv-vectors)/bin/python \\
          scripts/vectors/gen-abi-decode-vectors.py
"""
import json
import os
import random

from eth_abi import decode as abi_decode
from eth_abi import encode as abi_encode

OUT = os.path.join(os.path.dirname(__file__), "..", "..", "Tests", "EthereumTests", "Vectors", "abi-decode-eth-abi.json")
rng = random.Random(0xCA11)

ELEMENTARY = ["uint8", "uint32", "uint64", "uint256", "int8", "int16", "int128", "int256", "address", "bool",
              "bytes1", "bytes4", "bytes20", "bytes32", "bytes", "string"]


def random_type(depth=0):
    roll = rng.random()
    if depth < 2 and roll < 0.15:
        return random_type(depth + 1) + "[]"
    if depth < 2 and roll < 0.25:
        return random_type(depth + 1) + "[%d]" % rng.randrange(1, 4)
    if depth < 2 and roll < 0.33:
        return "(" + ",".join(random_type(depth + 1) for _ in range(rng.randrange(1, 4))) + ")"
    return rng.choice(ELEMENTARY)


def split_tuple(inner):
    parts, depth, current = [], 0, ""
    for ch in inner:
        if ch == "," and depth == 0:
            parts.append(current)
            current = ""
            continue
        depth += ch == "("
        depth -= ch == ")"
        current += ch
    parts.append(current)
    return parts


def random_value(t):
    if t.endswith("[]"):
        return [random_value(t[:-2]) for _ in range(rng.randrange(0, 4))]
    if t.endswith("]"):
        base, count = t[:t.rindex("[")], int(t[t.rindex("[") + 1:-1])
        return [random_value(base) for _ in range(count)]
    if t.startswith("("):
        return tuple(random_value(p) for p in split_tuple(t[1:-1]))
    if t.startswith("uint"):
        bits = int(t[4:])
        return rng.choice([0, 1, 2**bits - 1, rng.getrandbits(bits)])
    if t.startswith("int"):
        bits = int(t[3:])
        return rng.choice([0, -1, 2**(bits - 1) - 1, -2**(bits - 1), rng.getrandbits(bits - 1) * rng.choice([1, -1])])
    if t == "address":
        return "0x" + bytes(rng.getrandbits(8) for _ in range(20)).hex()
    if t == "bool":
        return rng.choice([True, False])
    if t == "bytes":
        return bytes(rng.getrandbits(8) for _ in range(rng.choice([0, 1, 31, 32, 33, 70])))
    if t.startswith("bytes"):
        return bytes(rng.getrandbits(8) for _ in range(int(t[5:])))
    if t == "string":
        return rng.choice(["", "Wh", "Grüße", "日本語", "x" * 40, "meter \u2603"])
    raise ValueError(t)


def shown(v):
    if isinstance(v, bool):
        return v
    if isinstance(v, int):
        return str(v)
    if isinstance(v, bytes):
        return "0x" + v.hex()
    if isinstance(v, str):
        return v.lower() if v.startswith("0x") and len(v) == 42 else v
    return [shown(x) for x in v]


def mutations(data):
    """Single-byte and structural changes of an encoding."""
    out = []
    for _ in range(6):
        if not data:
            break
        i = rng.randrange(len(data))
        changed = bytearray(data)
        changed[i] ^= rng.choice([0x01, 0x80, 0xFF])
        out.append(bytes(changed))
    if len(data) >= 32:
        out.append(data[:-1])
        out.append(data[:-32])
    out.append(data + b"\x00" * 3)
    return out


def main():
    valid, invalid, mutated = [], [], []
    while len(valid) < 400:
        types = [random_type() for _ in range(rng.randrange(1, 4))]
        values = [random_value(t) for t in types]
        data = abi_encode(types, values)
        decoded = abi_decode(types, data)
        valid.append({"types": types, "data": "0x" + data.hex(), "values": shown(list(decoded))})
        for bad in mutations(data):
            try:
                accepted = abi_decode(types, bad)
            except Exception as error:  # eth-abi refuses it: bond must too
                if len(invalid) < 600:
                    invalid.append({"types": types, "data": "0x" + bad.hex(), "eth_abi_error": type(error).__name__})
            else:  # eth-abi takes the changed data (a changed value, trailing bytes): so must bond
                if len(mutated) < 400:
                    mutated.append({"types": types, "data": "0x" + bad.hex(), "values": shown(list(accepted))})
    # Hand-made refusals eth-abi's strict mode makes.
    for types, data in [
        (["bool"], (2).to_bytes(32, "big")),
        (["address"], b"\x01" + b"\x00" * 31),
        (["uint8"], (256).to_bytes(32, "big")),
        (["int8"], (128).to_bytes(32, "big")),
        (["bytes1"], b"\xaa\x01" + b"\x00" * 30),
        (["string"], (32).to_bytes(32, "big") + (2).to_bytes(32, "big") + b"\xff\xfe" + b"\x00" * 30),
        (["bytes"], (32).to_bytes(32, "big") + (64).to_bytes(32, "big") + b"\x00" * 32),
        (["uint256[]"], (32).to_bytes(32, "big") + (2**40).to_bytes(32, "big")),
    ]:
        try:
            abi_decode(types, data)
            raise SystemExit("eth-abi accepted %s %s" % (types, data.hex()))
        except SystemExit:
            raise
        except Exception as error:
            invalid.append({"types": types, "data": "0x" + data.hex(), "eth_abi_error": type(error).__name__})
    with open(OUT, "w") as f:
        json.dump({"generator": "scripts/vectors/gen-abi-decode-vectors.py", "valid": valid + mutated, "invalid": invalid}, f, indent=0,
                  ensure_ascii=False)


if __name__ == "__main__":
    main()
