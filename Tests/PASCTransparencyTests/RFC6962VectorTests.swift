import Foundation
import PASCTransparency
import Testing

/// The verifier against transparency-dev/merkle's test vectors (copied with their Apache 2.0
/// licence into Resources/rfc6962-vectors), and proofs built from a tree against the verifier.
@Suite("RFC 6962 proofs")
struct RFC6962VectorTests {
    struct InclusionCase: Decodable {
        let leafIdx: UInt64
        let treeSize: UInt64
        let root: String
        let leafHash: String
        let proof: [String]?
        let desc: String
        let wantErr: Bool
    }

    struct ConsistencyCase: Decodable {
        let size1: UInt64
        let size2: UInt64
        let root1: String
        let root2: String
        let proof: [String]?
        let desc: String
        let wantErr: Bool
    }

    static func cases<T: Decodable>(_ kind: String) throws -> [(String, T)] {
        let folder = try #require(Bundle.module.url(forResource: "rfc6962-vectors", withExtension: nil)).appendingPathComponent(kind)
        let files = try #require(FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil))
        var found: [(String, T)] = []
        for case let url as URL in files where url.pathExtension == "json" {
            found.append(
                (url.path.replacingOccurrences(of: folder.path + "/", with: ""), try JSONDecoder().decode(T.self, from: Data(contentsOf: url)))
            )
        }
        return found.sorted { $0.0 < $1.0 }
    }

    static func bytes(_ base64: String) -> [UInt8] { Array(Data(base64Encoded: base64) ?? Data()) }

    @Test func theVerifierAcceptsEveryGoodInclusionProofAndRejectsEveryBadOne() throws {
        let cases: [(String, InclusionCase)] = try Self.cases("inclusion")
        #expect(cases.count >= 90)
        for (name, vector) in cases {
            let outcome = Result { () throws(MerkleVerification.Failure) in
                try MerkleVerification.verifyInclusion(
                    index: vector.leafIdx,
                    size: vector.treeSize,
                    leaf: Self.bytes(vector.leafHash),
                    proof: (vector.proof ?? []).map(Self.bytes),
                    root: Self.bytes(vector.root)
                )
            }
            switch outcome {
            case .success: #expect(!vector.wantErr, "accepted \(name): \(vector.desc)")
            case .failure(let failure): #expect(vector.wantErr, "rejected \(name): \(vector.desc): \(failure)")
            }
        }
    }

    @Test func theVerifierAcceptsEveryGoodConsistencyProofAndRejectsEveryBadOne() throws {
        let cases: [(String, ConsistencyCase)] = try Self.cases("consistency")
        #expect(cases.count >= 90)
        for (name, vector) in cases {
            let outcome = Result { () throws(MerkleVerification.Failure) in
                try MerkleVerification.verifyConsistency(
                    size1: vector.size1,
                    size2: vector.size2,
                    proof: (vector.proof ?? []).map(Self.bytes),
                    root1: Self.bytes(vector.root1),
                    root2: Self.bytes(vector.root2)
                )
            }
            switch outcome {
            case .success: #expect(!vector.wantErr, "accepted \(name): \(vector.desc)")
            case .failure(let failure): #expect(vector.wantErr, "rejected \(name): \(vector.desc): \(failure)")
            }
        }
    }

    /// The classic eight leaves of transparency-dev/merkle `testonly/constants.go`.
    static let leaves: [[UInt8]] = ["", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f"].map { hex in
        stride(from: 0, to: hex.count, by: 2).map { i in
            UInt8(hex[hex.index(hex.startIndex, offsetBy: i)..<hex.index(hex.startIndex, offsetBy: i + 2)], radix: 16)!
        }
    }

    /// Every perfect subtree's hash of `leaves`, as a log stores them.
    static func perfectNodes(_ leaves: [[UInt8]]) -> [Int: [MerkleHash]] {
        var levels: [Int: [MerkleHash]] = [0: leaves.map { MerkleHash.leaf($0) }]
        var level = 0
        while let below = levels[level], below.count > 1 {
            levels[level + 1] = stride(from: 0, to: below.count - 1, by: 2).map { MerkleHash.node(below[$0], below[$0 + 1]) }
            level += 1
        }
        return levels
    }

    @Test func theEightLeafTreeHasTheReferenceRoots() throws {
        let nodes = Self.perfectNodes(Self.leaves)
        func root(_ size: Int) -> String { MerkleTree.root(size: size) { level, index in nodes[level]![index] }.hex }
        #expect(root(0) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(root(1).hasPrefix("6e340b9c"))
        #expect(root(2).hasPrefix("fac54203"))
        #expect(root(8) == "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328")
    }

    @Test func proofsBuiltFromStoredNodesVerifyForEveryIndexAndSize() throws {
        let leaves = (0..<37).map { [UInt8]("leaf \($0)".utf8) }
        let nodes = Self.perfectNodes(leaves)
        let node: MerkleTree.PerfectNode = { level, index in nodes[level]![index] }
        for size in 1...leaves.count {
            let root = try MerkleTree.root(size: size, node: node)
            for index in 0..<size {
                let proof = try MerkleTree.inclusionProof(index: index, size: size, node: node)
                try MerkleVerification.verifyInclusion(
                    index: UInt64(index),
                    size: UInt64(size),
                    leaf: .leaf(leaves[index]),
                    proof: proof,
                    root: root
                )
            }
            for size1 in 1...size {
                let proof = try MerkleTree.consistencyProof(size1: size1, size2: size, node: node)
                try MerkleVerification.verifyConsistency(
                    size1: UInt64(size1),
                    size2: UInt64(size),
                    proof: proof,
                    root1: try MerkleTree.root(size: size1, node: node),
                    root2: root
                )
            }
        }
        // A proof for one leaf does not prove another; sizes out of range are refused with the range.
        let proof = try MerkleTree.inclusionProof(index: 3, size: 10, node: node)
        #expect(throws: MerkleVerification.Failure.self) {
            try MerkleVerification.verifyInclusion(
                index: 4,
                size: 10,
                leaf: .leaf(leaves[3]),
                proof: proof,
                root: try MerkleTree.root(size: 10, node: node)
            )
        }
        #expect(throws: ProofRequestError.indexOutOfRange(index: 10, size: 10)) { try MerkleTree.inclusionProof(index: 10, size: 10, node: node) }
        #expect(throws: ProofRequestError.sizesOutOfRange(size1: 5, size2: 4)) { try MerkleTree.consistencyProof(size1: 5, size2: 4, node: node) }
    }
}
