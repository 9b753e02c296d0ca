/// The tree's shape (RFC 6962 §2.1): the hash of `n` leaves splits them at `k`, the largest power
/// of two below `n`, so every left subtree is perfect and only the right border is ragged.
///
/// A log stores the hash of every *perfect* subtree (`level`, `index`: the leaves `index << level
/// ..< (index + 1) << level`) once it is complete; every other hash a proof or a root needs is
/// computed from at most log₂ n of them. The functions here take those stored hashes through a
/// closure, so the same code serves an in-memory tree in tests and the database's tables.
public enum MerkleTree {
    /// Where a perfect subtree's hash comes from.
    public typealias PerfectNode = (_ level: Int, _ index: Int) throws -> MerkleHash

    /// The largest power of two strictly below `n` (n ≥ 2).
    static func split(_ n: Int) -> Int {
        precondition(n >= 2, "a split needs two leaves")
        var k = 1
        while k << 1 < n { k <<= 1 }
        return k
    }

    /// MTH(D[start ..< end]) from the stored perfect subtrees.
    public static func hash(_ start: Int, _ end: Int, node: PerfectNode) rethrows -> MerkleHash {
        let n = end - start
        precondition(n >= 0 && start >= 0, "a range of leaves")
        if n == 0 { return .emptyRoot }
        if n & (n - 1) == 0, start % n == 0 { return try node(n.trailingZeroBitCount, start / n) }
        let k = split(n)
        return MerkleHash.node(try hash(start, start + k, node: node), try hash(start + k, end, node: node))
    }

    /// The root of a tree of `size` leaves.
    public static func root(size: Int, node: PerfectNode) rethrows -> MerkleHash {
        try hash(0, size, node: node)
    }

    /// The audit path of leaf `index` in a tree of `size` leaves (RFC 6962 §2.1.1), leaf end first.
    /// ``ProofRequestError`` for an index outside the tree; the node source's errors pass through.
    public static func inclusionProof(index: Int, size: Int, node: PerfectNode) throws -> [MerkleHash] {
        guard size > 0, index >= 0, index < size else { throw ProofRequestError.indexOutOfRange(index: index, size: size) }
        var path: [MerkleHash] = []
        var m = index
        var start = 0
        var end = size
        var siblings: [(Int, Int)] = []
        // Down from the root; the siblings are collected root end first, then reversed.
        while end - start > 1 {
            let k = split(end - start)
            if m < k {
                siblings.append((start + k, end))
                end = start + k
            } else {
                siblings.append((start, start + k))
                m -= k
                start += k
            }
        }
        for (from, to) in siblings.reversed() { path.append(try hash(from, to, node: node)) }
        return path
    }

    /// The proof that the tree of `size1` leaves is a prefix of the tree of `size2` (RFC 6962 §2.1.2).
    public static func consistencyProof(size1: Int, size2: Int, node: PerfectNode) throws -> [MerkleHash] {
        guard size1 >= 0, size1 <= size2 else { throw ProofRequestError.sizesOutOfRange(size1: size1, size2: size2) }
        guard size1 > 0, size1 < size2 else { return [] }
        // SUBPROOF(m, D[start ..< end], whole), unrolled: the ranges whose hashes the proof lists,
        // found root end first, listed leaf end first.
        var ranges: [(Int, Int)] = []
        var m = size1
        var start = 0
        var end = size2
        var whole = true
        while m != end - start {
            let k = split(end - start)
            if m <= k {
                ranges.append((start + k, end))
                end = start + k
            } else {
                ranges.append((start, start + k))
                m -= k
                start += k
                whole = false
            }
        }
        if !whole { ranges.append((start, end)) }
        return try ranges.reversed().map { try hash($0.0, $0.1, node: node) }
    }
}

/// A proof asked for outside the tree: names the valid range.
public enum ProofRequestError: Error, Equatable, Sendable {
    case indexOutOfRange(index: Int, size: Int)
    case sizesOutOfRange(size1: Int, size2: Int)
}
