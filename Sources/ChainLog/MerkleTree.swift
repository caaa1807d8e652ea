import Hashing

/// The Merkle tree of RFC 9162 (Certificate Transparency version 2.0), section 2.1, with
/// SHA-256: leaf hash SHA-256(0x00 || leaf input), node hash SHA-256(0x01 || left || right),
/// the tree hash of the first n leaves, inclusion proofs (2.1.3) and consistency proofs
/// (2.1.4), and their verification.
///
/// Trees are given by their leaf hashes, computed once with ``leafHash(_:)``.
public enum MerkleTree {
    /// The tree hash of the empty tree: SHA-256 of nothing.
    public static let emptyRoot = SHA256.hash([UInt8]())

    /// SHA-256(0x00 || `input`).
    public static func leafHash(_ input: some ByteContainer) -> Bytes32 {
        var hasher = SHA256()
        hasher.update([UInt8(0)])
        hasher.update(input)
        return hasher.finalize()
    }

    /// SHA-256(0x01 || `left` || `right`).
    public static func nodeHash(_ left: Bytes32, _ right: Bytes32) -> Bytes32 {
        var hasher = SHA256()
        hasher.update([UInt8(1)])
        hasher.update(left)
        hasher.update(right)
        return hasher.finalize()
    }

    /// The tree hash of `leaves` (leaf hashes): MTH of RFC 9162, 2.1.1. Computed bottom up,
    /// an odd node at the end of a level rising unhashed, which gives the same tree as the
    /// RFC's split at the largest power of two.
    public static func root(_ leaves: ArraySlice<Bytes32>) -> Bytes32 {
        guard !leaves.isEmpty else { return emptyRoot }
        var level = Array(leaves)
        while level.count > 1 {
            var next: [Bytes32] = []
            next.reserveCapacity((level.count + 1) / 2)
            var index = 0
            while index + 1 < level.count {
                next.append(nodeHash(level[index], level[index + 1]))
                index += 2
            }
            if index < level.count { next.append(level[index]) }
            level = next
        }
        return level[0]
    }

    public static func root(_ leaves: [Bytes32]) -> Bytes32 { root(leaves[...]) }

    /// The largest power of two smaller than `n` (n ≥ 2): where RFC 9162 splits a tree.
    static func split(_ n: Int) -> Int {
        var k = 1
        while k << 1 < n { k <<= 1 }
        return k
    }

    /// The inclusion proof of leaf `index` in the tree of the first `size` leaves: PATH(m, D[n])
    /// of RFC 9162, 2.1.3.1, from the leaf's sibling up.
    /// - Precondition: `index < size <= leaves.count`.
    public static func inclusionProof(_ leaves: [Bytes32], index: Int, size: Int) -> [Bytes32] {
        precondition(index >= 0 && index < size && size <= leaves.count)
        return path(index, leaves[0..<size])
    }

    private static func path(_ m: Int, _ leaves: ArraySlice<Bytes32>) -> [Bytes32] {
        let n = leaves.count
        guard n > 1 else { return [] }
        let k = split(n)
        let start = leaves.startIndex
        if m < k {
            return path(m, leaves[start..<(start + k)]) + [root(leaves[(start + k)...])]
        }
        return path(m - k, leaves[(start + k)...]) + [root(leaves[start..<(start + k)])]
    }

    /// The consistency proof between the trees of the first `first` and `second` leaves:
    /// PROOF(m, D[n]) of RFC 9162, 2.1.4.1. Empty when `first` is 0 or equals `second`.
    /// - Precondition: `first <= second <= leaves.count`.
    public static func consistencyProof(_ leaves: [Bytes32], first: Int, second: Int) -> [Bytes32] {
        precondition(first >= 0 && first <= second && second <= leaves.count)
        guard first > 0, first < second else { return [] }
        return subproof(first, leaves[0..<second], complete: true)
    }

    private static func subproof(_ m: Int, _ leaves: ArraySlice<Bytes32>, complete: Bool) -> [Bytes32] {
        let n = leaves.count
        if m == n { return complete ? [] : [root(leaves)] }
        let k = split(n)
        let start = leaves.startIndex
        if m <= k {
            return subproof(m, leaves[start..<(start + k)], complete: complete) + [root(leaves[(start + k)...])]
        }
        return subproof(m - k, leaves[(start + k)...], complete: false) + [root(leaves[start..<(start + k)])]
    }

    /// Whether `proof` shows the leaf with hash `leafHash` at `index` in a tree of `size`
    /// leaves whose tree hash is `root`: the verification of RFC 9162, 2.1.3.2.
    public static func verifyInclusion(leafHash: Bytes32, index: Int, size: Int, proof: [Bytes32], root: Bytes32) -> Bool {
        guard index >= 0, index < size else { return false }
        var fn = index
        var sn = size - 1
        var r = leafHash
        for p in proof {
            if sn == 0 { return false }
            if fn & 1 == 1 || fn == sn {
                r = nodeHash(p, r)
                if fn & 1 == 0 {
                    while fn & 1 == 0 && fn != 0 {
                        fn >>= 1
                        sn >>= 1
                    }
                }
            } else {
                r = nodeHash(r, p)
            }
            fn >>= 1
            sn >>= 1
        }
        return sn == 0 && r == root
    }

    /// Whether `proof` shows that the tree of `first` leaves with hash `firstRoot` is a prefix
    /// of the tree of `second` leaves with hash `secondRoot`: RFC 9162, 2.1.4.2.
    public static func verifyConsistency(first: Int, second: Int, firstRoot: Bytes32, secondRoot: Bytes32, proof: [Bytes32]) -> Bool {
        guard first >= 0, first <= second else { return false }
        if first == second { return proof.isEmpty && firstRoot == secondRoot }
        if first == 0 { return proof.isEmpty && firstRoot == emptyRoot }
        var path = proof
        if first & (first - 1) == 0 { path.insert(firstRoot, at: 0) }
        guard !path.isEmpty else { return false }
        var fn = first - 1
        var sn = second - 1
        while fn & 1 == 1 {
            fn >>= 1
            sn >>= 1
        }
        var fr = path[0]
        var sr = path[0]
        for c in path.dropFirst() {
            if sn == 0 { return false }
            if fn & 1 == 1 || fn == sn {
                fr = nodeHash(c, fr)
                sr = nodeHash(c, sr)
                if fn & 1 == 0 {
                    while fn & 1 == 0 && fn != 0 {
                        fn >>= 1
                        sn >>= 1
                    }
                }
            } else {
                sr = nodeHash(sr, c)
            }
            fn >>= 1
            sn >>= 1
        }
        return fr == firstRoot && sr == secondRoot && sn == 0
    }
}
