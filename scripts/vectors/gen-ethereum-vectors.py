#!/usr/bin/env python3
"""Generates the cross-implementation vectors of bond's Ethereum layer with eth-account and
eth-abi (independent of bond), into Tests/EthereumTests/Vectors/:

- transactions-eth-account.json: 1,200+ transactions of the three types signed by
  eth-account's Account.sign_transaction: with and without `to`, data of 0-2,048 bytes,
  access lists, chain ids 1, 137, 246 (Energy Web), 73799 (Volta) and up to 2^53, values up
  to 2^256-1, and transactions chosen so that r or s has a leading zero byte.
- abi-eth-abi.json: calldata built with eth-abi's encode and eth-utils' function selector
  for every type bond encodes.
- addresses-eth-account.json: private keys, their addresses (EIP-55) and public keys.
- Tests/EthCryptoTests/Vectors/keystores-eth-account.json: keystores written by eth-account's
  Account.encrypt (scrypt with its default n = 2^18, r = 8, p = 1, and pbkdf2), with their
  password and key.

Run:  $(scripts/python-env scripts/vectors/requirements.txt .venv-vectors)/bin/python \
          scripts/vectors/gen-ethereum-vectors.py
"""
import json
import os
import random

from eth_abi import encode as abi_encode
from eth_account import Account
from eth_keys import keys as eth_keys
from eth_utils import function_signature_to_4byte_selector, to_checksum_address

OUT = os.path.join(os.path.dirname(__file__), "..", "..", "Tests", "EthereumTests", "Vectors")
rng = random.Random(0xB0D)
SECP256K1_ORDER = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141


def random_key():
    while True:
        k = rng.getrandbits(256)
        if 0 < k < SECP256K1_ORDER:
            return "0x" + k.to_bytes(32, "big").hex()


def random_address():
    return to_checksum_address("0x" + bytes(rng.getrandbits(8) for _ in range(20)).hex())


def random_value():
    return rng.choice([0, 1, 10**18, rng.getrandbits(64), rng.getrandbits(128), rng.getrandbits(256), 2**256 - 1])


def random_data():
    length = rng.choice([0, 0, 1, 4, 36, 68, 100, 255, 256, 1024, 2048, rng.randrange(0, 2049)])
    return "0x" + bytes(rng.getrandbits(8) for _ in range(length)).hex()


def random_access_list():
    return [
        {"address": random_address(),
         "storageKeys": ["0x" + bytes(rng.getrandbits(8) for _ in range(32)).hex() for _ in range(rng.randrange(0, 4))]}
        for _ in range(rng.randrange(0, 4))
    ]


CHAIN_IDS = [1, 137, 246, 73799, 2**53, 2**53 - 1, 5, 1337]


def make_transaction(kind):
    tx = {
        "nonce": rng.choice([0, 1, 2, 127, 128, 255, 256, rng.getrandbits(32), rng.getrandbits(64)]),
        "gas": rng.choice([21000, 400000, rng.getrandbits(32)]),
        "value": random_value(),
        "data": random_data(),
    }
    if rng.random() < 0.85:
        tx["to"] = random_address()
    if kind == "legacy-155":
        tx["gasPrice"] = rng.choice([0, 1, 10**9, 10**8, rng.getrandbits(64), rng.getrandbits(256)])
        tx["chainId"] = rng.choice(CHAIN_IDS)
    elif kind == "legacy":
        tx["gasPrice"] = rng.choice([1, 10**9, rng.getrandbits(64)])
    elif kind == "2930":
        tx["type"] = 1
        tx["gasPrice"] = rng.choice([1, 10**9, rng.getrandbits(64)])
        tx["chainId"] = rng.choice(CHAIN_IDS)
        tx["accessList"] = random_access_list()
    else:
        tx["type"] = 2
        tx["maxPriorityFeePerGas"] = rng.choice([0, 1, 10**9, rng.getrandbits(64)])
        tx["maxFeePerGas"] = rng.choice([10**9, 10**11, rng.getrandbits(64), rng.getrandbits(256)])
        tx["chainId"] = rng.choice(CHAIN_IDS)
        if rng.random() < 0.5:
            tx["accessList"] = random_access_list()
    return tx


def as_bond_input(tx):
    """The transaction as a JSON line for bond: quantities as decimal strings (they pass 2^53)."""
    out = {}
    for key, value in tx.items():
        if key in ("nonce", "gas", "value", "gasPrice", "maxFeePerGas", "maxPriorityFeePerGas", "chainId"):
            out[key] = str(value)
        else:
            out[key] = value
    return out


def sign(tx, key):
    to_sign = dict(tx)
    if "to" not in to_sign:
        to_sign["to"] = b""
    signed = Account.sign_transaction(to_sign, key)
    raw = signed.raw_transaction if hasattr(signed, "raw_transaction") else signed.rawTransaction
    return {
        "key": key,
        "input": as_bond_input(tx),
        "raw": "0x" + bytes(raw).hex(),
        "hash": "0x" + bytes(signed.hash).hex(),
        "from": Account.from_key(key).address,
        "v": str(signed.v),
        "r": "0x" + signed.r.to_bytes(32, "big").hex(),
        "s": "0x" + signed.s.to_bytes(32, "big").hex(),
    }


def transactions():
    vectors = []
    kinds = ["legacy-155", "legacy", "2930", "1559"]
    for i in range(1200):
        kind = kinds[i % 4] if i % 10 else "legacy-155"
        vectors.append(sign(make_transaction(kind), random_key()))
    # Signatures whose r or s starts with a zero byte: RLP drops it, so it must not be padded.
    found = {"r": 0, "s": 0}
    while found["r"] < 12 or found["s"] < 12:
        tx = make_transaction(rng.choice(kinds))
        vector = sign(tx, random_key())
        for part in ("r", "s"):
            if vector[part].startswith("0x00") and found[part] < 12:
                found[part] += 1
                vectors.append(vector)
                break
    return vectors


ABI_CASES = [
    ("saveSmartMeterRead(uint256,uint256,bool,bytes32,uint256,bool)",
     lambda: [7, 336, False, bytes(rng.getrandbits(8) for _ in range(32)), 0, False]),
    ("saveSmartMeterRead(uint256,uint256,bool,bytes32,uint256,bool)",
     lambda: [rng.getrandbits(256), rng.getrandbits(64), True, bytes(32), rng.getrandbits(128), True]),
    ("transfer(address,uint256)", lambda: [random_address(), rng.getrandbits(256)]),
    ("f(uint8,int8,int256,int64)", lambda: [255, -128, -(2**255), rng.getrandbits(63) * rng.choice([-1, 1])]),
    ("f(int256)", lambda: [-1]),
    ("f(int16,uint16)", lambda: [-(rng.getrandbits(15)), rng.getrandbits(16)]),
    ("f(bytes1,bytes4,bytes31)", lambda: [b"\x01", bytes(rng.getrandbits(8) for _ in range(4)), bytes(range(31))]),
    ("f(bytes)", lambda: [bytes(rng.getrandbits(8) for _ in range(rng.randrange(0, 100)))]),
    ("f(string)", lambda: [rng.choice(["", "hello", "énergie ☀", "x" * 65])]),
    ("f(uint256[])", lambda: [[rng.getrandbits(256) for _ in range(rng.randrange(0, 5))]]),
    ("f(uint256[3])", lambda: [[rng.getrandbits(64) for _ in range(3)]]),
    ("f(address[2],bool)", lambda: [[random_address(), random_address()], True]),
    ("f(string[])", lambda: [["a", "", "bcd" * 20]]),
    ("f(bytes[2])", lambda: [[b"\x01\x02", bytes(40)]]),
    ("f((uint256,bool))", lambda: [(rng.getrandbits(32), True)]),
    ("f((uint256,string),uint8)", lambda: [(5, "dynamic"), 9]),
    ("f((address,bytes)[],uint256)", lambda: [[(random_address(), b"\xff" * 3), (random_address(), b"")], 42]),
    ("f(uint256[][])", lambda: [[[1, 2], [], [3]]]),
    ("f(bool,bytes,uint256,string,bytes32[2])", lambda: [False, b"\x00" * 33, 2**255, "z", [bytes(32), b"\x11" * 32]]),
    ("f()", lambda: []),
]


def to_json_argument(value, abi_type):
    """Arguments as bond reads them in JSON: integers as decimal strings, bytes as 0x hex."""
    if abi_type.startswith("(") and not abi_type.endswith("]"):
        members = split_types(abi_type[1:-1])
        return [to_json_argument(v, t) for v, t in zip(value, members)]
    if abi_type.endswith("]"):
        inner = abi_type[:abi_type.rindex("[")]
        return [to_json_argument(v, inner) for v in value]
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return str(value)
    if isinstance(value, bytes):
        return "0x" + value.hex()
    return value


def split_types(text):
    parts, depth, current = [], 0, ""
    for ch in text:
        if ch == "," and depth == 0:
            parts.append(current)
            current = ""
            continue
        depth += ch in "(["
        depth -= ch in ")]"
        current += ch
    if current:
        parts.append(current)
    return parts


def abi_vectors():
    vectors = []
    for _ in range(6):
        for signature, make in ABI_CASES:
            types = split_types(signature[signature.index("(") + 1:-1])
            values = make()
            calldata = function_signature_to_4byte_selector(signature) + abi_encode(types, values)
            vectors.append({"function": signature,
                            "args": [to_json_argument(v, t) for v, t in zip(values, types)],
                            "calldata": "0x" + calldata.hex()})
    return vectors


def address_vectors():
    vectors = []
    for _ in range(100):
        key = random_key()
        private = eth_keys.PrivateKey(bytes.fromhex(key[2:]))
        vectors.append({"key": key, "address": private.public_key.to_checksum_address(),
                        "public_key": "0x" + private.public_key.to_bytes().hex()})
    return vectors


def write(name, generator_note, vectors):
    path = os.path.join(OUT, name)
    with open(path, "w") as f:
        json.dump({"generator": "scripts/vectors/gen-ethereum-vectors.py", "packages": generator_note,
                   "vectors": vectors}, f, indent=0)
        f.write("\n")
    print(f"wrote {len(vectors)} vectors to {os.path.normpath(path)}")


def keystore_vectors():
    vectors = []
    for kdf in ("scrypt", "pbkdf2"):
        for password in ("testpassword", "pässwörd with spaces"):
            key = random_key()
            vectors.append({"password": password, "key": key, "address": Account.from_key(key).address,
                            "keystore": Account.encrypt(key, password, kdf=kdf)})
    return vectors


os.makedirs(OUT, exist_ok=True)
write("transactions-eth-account.json", "eth-account==0.13.7", transactions())
write("abi-eth-abi.json", "eth-abi==5.2.0", abi_vectors())
write("addresses-eth-account.json", "eth-account==0.13.7 (eth-keys)", address_vectors())
path = os.path.join(os.path.dirname(__file__), "..", "..", "Tests", "EthCryptoTests", "Vectors", "keystores-eth-account.json")
with open(path, "w") as f:
    json.dump({"generator": "scripts/vectors/gen-ethereum-vectors.py", "packages": "eth-account==0.13.7",
               "vectors": keystore_vectors()}, f, indent=1)
    f.write("\n")
print(f"wrote keystores to {os.path.normpath(path)}")
