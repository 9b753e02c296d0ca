import Crypto
import Foundation

/// Checks inclusion and consistency proofs against roots (after transparency-dev/merkle's
/// `proof/verify.go`, checked against its test vectors). A proof is only as good as the root it is
/// checked against: take the root from a checkpoint whose signature was checked (``Checkpoint``),
/// never from the server alone.
///
/// The checks work on raw bytes, as proofs arrive from outside: a hash of the wrong length simply
/// leads to a root that does not match.
public enum MerkleVerification {
    /// Why a proof was not accepted.
    public enum Failure: Error, Equatable, Sendable, CustomStringConvertible {
        case indexOutOfRange(index: UInt64, size: UInt64)
        case wrongLeafLength(Int)
        case wrongProofLength(got: Int, want: Int)
        case sizesOutOfOrder(size1: UInt64, size2: UInt64)
        case fromEmptyTree
        case nonEmptyProof(size1: UInt64, size2: UInt64)
        case emptyProof
        case rootMismatch(calculated: [UInt8], expected: [UInt8])

        public var description: String {
            switch self {
            case .indexOutOfRange(let index, let size): "leaf index \(index) is outside a tree of \(size) leaves"
            case .wrongLeafLength(let length): "the leaf hash has \(length) bytes, 32 expected"
            case .wrongProofLength(let got, let want): "the proof has \(got) hashes, \(want) expected"
            case .sizesOutOfOrder(let size1, let size2): "tree size \(size2) is smaller than \(size1)"
            case .fromEmptyTree: "a consistency proof from the empty tree proves nothing"
            case .nonEmptyProof(let size1, let size2): "the proof between sizes \(size1) and \(size2) must be empty"
            case .emptyProof: "the proof is empty"
            case .rootMismatch(let calculated, let expected): "the proof leads to root \(Self.hex(calculated)), not \(Self.hex(expected))"
            }
        }

        static func hex(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined() }
    }

    // MARK: Typed

    public static func verifyInclusion(index: UInt64, size: UInt64, leaf: MerkleHash, proof: [MerkleHash], root: MerkleHash) throws(Failure) {
        try verifyInclusion(index: index, size: size, leaf: leaf.bytes, proof: proof.map(\.bytes), root: root.bytes)
    }

    public static func verifyConsistency(size1: UInt64, size2: UInt64, proof: [MerkleHash], root1: MerkleHash, root2: MerkleHash) throws(Failure) {
        try verifyConsistency(size1: size1, size2: size2, proof: proof.map(\.bytes), root1: root1.bytes, root2: root2.bytes)
    }

    // MARK: Raw bytes

    /// The root an inclusion proof leads to from `leaf` at `index` in a tree of `size`.
    public static func rootFromInclusionProof(index: UInt64, size: UInt64, leaf: [UInt8], proof: [[UInt8]]) throws(Failure) -> [UInt8] {
        guard index < size else { throw .indexOutOfRange(index: index, size: size) }
        guard leaf.count == MerkleHash.size else { throw .wrongLeafLength(leaf.count) }
        let (inner, border) = decomposeInclusionProof(index: index, size: size)
        guard proof.count == inner + border else { throw .wrongProofLength(got: proof.count, want: inner + border) }
        return chainBorderRight(chainInner(leaf, proof[..<inner], index: index), proof[inner...])
    }

    public static func verifyInclusion(index: UInt64, size: UInt64, leaf: [UInt8], proof: [[UInt8]], root: [UInt8]) throws(Failure) {
        let calculated = try rootFromInclusionProof(index: index, size: size, leaf: leaf, proof: proof)
        guard calculated == root else { throw .rootMismatch(calculated: calculated, expected: root) }
    }

    public static func verifyConsistency(size1: UInt64, size2: UInt64, proof: [[UInt8]], root1: [UInt8], root2: [UInt8]) throws(Failure) {
        guard size1 <= size2 else { throw .sizesOutOfOrder(size1: size1, size2: size2) }
        // Everything extends the empty tree: a verifier that saved size 0 accepts any later checkpoint itself.
        guard size1 > 0 else { throw .fromEmptyTree }
        if size1 == size2 {
            guard proof.isEmpty else { throw .nonEmptyProof(size1: size1, size2: size2) }
            guard root1 == root2 else { throw .rootMismatch(calculated: root1, expected: root2) }
            return
        }
        guard !proof.isEmpty else { throw .emptyProof }
        var (inner, border) = decomposeInclusionProof(index: size1 - 1, size: size2)
        let shift = size1.trailingZeroBitCount
        inner -= shift  // shift < inner when size1 < size2
        // The proof starts with the root of the subtree of size 2^shift, unless size1 is that subtree.
        var seed = proof[0]
        var start = 1
        if size1 == 1 << UInt64(shift) {
            seed = root1
            start = 0
        }
        guard proof.count == start + inner + border else { throw .wrongProofLength(got: proof.count, want: start + inner + border) }
        let rest = proof[start...]
        let innerPart = rest.prefix(inner)
        let borderPart = rest.dropFirst(inner)
        let mask = (size1 - 1) >> UInt64(shift)
        let hash1 = chainBorderRight(chainInnerRight(seed, innerPart, index: mask), borderPart)
        guard hash1 == root1 else { throw .rootMismatch(calculated: hash1, expected: root1) }
        let hash2 = chainBorderRight(chainInner(seed, innerPart, index: mask), borderPart)
        guard hash2 == root2 else { throw .rootMismatch(calculated: hash2, expected: root2) }
    }

    /// The inclusion proof's inner part (below the point where the leaf's and the last leaf's paths
    /// meet) and border part (the left siblings above it).
    static func decomposeInclusionProof(index: UInt64, size: UInt64) -> (inner: Int, border: Int) {
        let inner = UInt64.bitWidth - (index ^ (size - 1)).leadingZeroBitCount
        let border = (index >> UInt64(inner)).nonzeroBitCount
        return (inner, border)
    }

    static func node(_ left: [UInt8], _ right: [UInt8]) -> [UInt8] {
        var hasher = SHA256()
        hasher.update(data: [0x01])
        hasher.update(data: left)
        hasher.update(data: right)
        return Array(hasher.finalize())
    }

    static func chainInner(_ seed: [UInt8], _ proof: ArraySlice<[UInt8]>, index: UInt64) -> [UInt8] {
        var hash = seed
        for (i, sibling) in proof.enumerated() {
            hash = (index >> UInt64(i)) & 1 == 0 ? node(hash, sibling) : node(sibling, hash)
        }
        return hash
    }

    static func chainInnerRight(_ seed: [UInt8], _ proof: ArraySlice<[UInt8]>, index: UInt64) -> [UInt8] {
        var hash = seed
        for (i, sibling) in proof.enumerated() where (index >> UInt64(i)) & 1 == 1 {
            hash = node(sibling, hash)
        }
        return hash
    }

    static func chainBorderRight(_ seed: [UInt8], _ proof: ArraySlice<[UInt8]>) -> [UInt8] {
        proof.reduce(seed) { node($1, $0) }
    }
}
