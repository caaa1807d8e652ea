import ChainLog
import Foundation
import Hashing
import Testing

@Suite("RFC 9162 Merkle tree")
struct MerkleTreeTests {
    /// Certificate Transparency's test leaves and tree hashes (RFC 6962 reference tests).
    static let ctLeaves = ["", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f"]
        .map { MerkleTree.leafHash(Reference.bytes($0)) }
    static let ctRoots = [
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d", "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77", "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4", "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
        "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c", "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
    ].map(Reference.hash)

    @Test("tree hashes of the 8 CT test leaves, sizes 0 to 8")
    func ctRoots() {
        #expect(MerkleTree.root([Bytes32]()) == Reference.hash("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"))
        for size in 1...8 {
            #expect(MerkleTree.root(Self.ctLeaves[0..<size]) == Self.ctRoots[size - 1], "size \(size)")
        }
    }

    @Test("CT's published inclusion proofs (leaves 0 and 5 of 8) and consistency proofs (2 and 6 to 8)")
    func ctProofs() {
        let inclusion: [(Int, [String])] = [
            (0, ["96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7", "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                 "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"]),
            (5, ["bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b", "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                 "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"]),
        ]
        for (index, path) in inclusion {
            let proof = MerkleTree.inclusionProof(Self.ctLeaves, index: index, size: 8)
            #expect(proof == path.map(Reference.hash))
            #expect(MerkleTree.verifyInclusion(leafHash: Self.ctLeaves[index], index: index, size: 8, proof: proof, root: Self.ctRoots[7]))
        }
        let consistency: [(Int, [String])] = [
            (2, ["5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e", "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"]),
            (6, ["0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a", "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                 "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"]),
        ]
        for (first, path) in consistency {
            let proof = MerkleTree.consistencyProof(Self.ctLeaves, first: first, second: 8)
            #expect(proof == path.map(Reference.hash))
            #expect(MerkleTree.verifyConsistency(first: first, second: 8, firstRoot: Self.ctRoots[first - 1], secondRoot: Self.ctRoots[7], proof: proof))
        }
    }

    struct ReferenceTrees: Decodable {
        let leaves: [String]
        let roots: [String: String]
        let inclusion: [String: [String]]
        let consistency: [String: [String]]
    }

    @Test("every size 1 to 64, every leaf and every earlier size: the same as the Python reference")
    func againstReference() throws {
        let reference = try JSONDecoder().decode(ReferenceTrees.self, from: try Reference.run("merkle-reference.py", ["64"]))
        let leaves = reference.leaves.map { MerkleTree.leafHash(Reference.bytes($0)) }
        for size in 1...64 {
            let root = MerkleTree.root(leaves[0..<size])
            #expect(root == Reference.hash(try #require(reference.roots["\(size)"])), "root \(size)")
            for index in 0..<size {
                let proof = MerkleTree.inclusionProof(leaves, index: index, size: size)
                #expect(proof == reference.inclusion["\(size)/\(index)"]?.map(Reference.hash), "inclusion \(index) of \(size)")
                #expect(MerkleTree.verifyInclusion(leafHash: leaves[index], index: index, size: size, proof: proof, root: root))
                if let last = proof.last {
                    var bad = proof
                    bad[bad.count - 1] = Bytes32(last.map { $0 ^ 1 })!
                    #expect(!MerkleTree.verifyInclusion(leafHash: leaves[index], index: index, size: size, proof: bad, root: root))
                    #expect(!MerkleTree.verifyInclusion(leafHash: leaves[index], index: index, size: size, proof: proof.dropLast(), root: root))
                }
            }
            for first in 0...size {
                let proof = MerkleTree.consistencyProof(leaves, first: first, second: size)
                #expect(proof == reference.consistency["\(first)/\(size)"]?.map(Reference.hash), "consistency \(first) to \(size)")
                let firstRoot = MerkleTree.root(leaves[0..<first])
                #expect(MerkleTree.verifyConsistency(first: first, second: size, firstRoot: firstRoot, secondRoot: root, proof: proof))
                if !proof.isEmpty {
                    #expect(!MerkleTree.verifyConsistency(first: first, second: size, firstRoot: firstRoot, secondRoot: root, proof: proof.dropLast()))
                }
            }
        }
    }
}
