#!/usr/bin/env python3
"""An independent computation of a file's IPFS CIDv0 as `ipfs add --only-hash` makes it with
its defaults, for bond's tests: written from the dag-pb and UnixFS specifications
(ipld/specs, ipfs/specs), hashlib only, not from bond's code.

Chunks of 262,144 bytes; each chunk a dag-pb node whose Data is UnixFS {Type: File, Data,
filesize}; several chunks a balanced tree, at most 174 links per node, each link {Hash,
Name: "", Tsize: the child's serialized size and all below it}, each inner node's Data
UnixFS {Type: File, filesize, blocksizes}. The CID is the Base58btc of the root's
multihash (0x12 0x20 + SHA-256).

    unixfs-cid.py PATH...     prints one CID per line
"""
import hashlib
import sys

CHUNK = 262144
LINKS = 174
ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"


def varint(n):
    out = bytearray()
    while True:
        byte = n & 0x7F
        n >>= 7
        if n:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)


def key(field, wire):
    return varint(field << 3 | wire)


def length_delimited(field, data):
    return key(field, 2) + varint(len(data)) + data


def number(field, n):
    return key(field, 0) + varint(n)


def base58(data):
    n = int.from_bytes(data, "big")
    text = ""
    while n:
        n, r = divmod(n, 58)
        text = ALPHABET[r] + text
    zeros = len(data) - len(data.lstrip(b"\x00"))
    return "1" * zeros + text


def multihash(block):
    return b"\x12\x20" + hashlib.sha256(block).digest()


def leaf(chunk):
    unixfs = number(1, 2) + (length_delimited(2, chunk) if chunk else b"") + number(3, len(chunk))
    block = length_delimited(1, unixfs)
    return multihash(block), len(block), len(chunk)


def inner(children):
    links = b"".join(length_delimited(2, length_delimited(1, h) + length_delimited(2, b"") + number(3, t))
                     for h, t, _ in children)
    size = sum(s for _, _, s in children)
    unixfs = number(1, 2) + number(3, size) + b"".join(number(4, s) for _, _, s in children)
    block = links + length_delimited(1, unixfs)
    return multihash(block), len(block) + sum(t for _, t, _ in children), size


def cid(data):
    nodes = [leaf(data[i:i + CHUNK]) for i in range(0, len(data), CHUNK)] or [leaf(b"")]
    while len(nodes) > 1:
        nodes = [inner(nodes[i:i + LINKS]) for i in range(0, len(nodes), LINKS)]
    return base58(nodes[0][0])


if __name__ == "__main__":
    for path in sys.argv[1:]:
        with open(path, "rb") as f:
            print(cid(f.read()))
