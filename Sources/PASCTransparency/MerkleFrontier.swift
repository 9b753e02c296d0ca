/// The right edge of a log: the hashes of the perfect subtrees that cover its leaves, largest
/// first, one per set bit of the size. Appending a leaf needs only these (never a read of the
/// tree), and the root is them folded from the right, so a store keeps the frontier beside the
/// size and touches about two rows per leaf.
public struct MerkleFrontier: Hashable, Sendable {
    public private(set) var size: Int
    /// Largest subtree first; `hashes.count == size.nonzeroBitCount`.
    public private(set) var hashes: [MerkleHash]

    /// A perfect subtree completed by an append: the store keeps it for proofs.
    public struct CompletedNode: Hashable, Sendable {
        public let level: Int
        public let index: Int
        public let hash: MerkleHash
    }

    public init() {
        size = 0
        hashes = []
    }

    /// A stored frontier; nil when the number of hashes does not fit the size.
    public init?(size: Int, hashes: [MerkleHash]) {
        guard size >= 0, hashes.count == size.nonzeroBitCount else { return nil }
        self.size = size
        self.hashes = hashes
    }

    /// Appends one leaf hash; returns the inner subtrees (level ≥ 1) it completed, lowest first.
    public mutating func append(_ leaf: MerkleHash) -> [CompletedNode] {
        var completed: [CompletedNode] = []
        var hash = leaf
        var level = 0
        // Each trailing 1 bit of the old size is a subtree of that level waiting for a right sibling.
        while (size >> level) & 1 == 1 {
            hash = MerkleHash.node(hashes.removeLast(), hash)
            level += 1
            completed.append(CompletedNode(level: level, index: ((size + 1) >> level) - 1, hash: hash))
        }
        hashes.append(hash)
        size += 1
        return completed
    }

    /// The tree's root (RFC 6962 MTH of all the leaves).
    public var root: MerkleHash {
        guard var hash = hashes.last else { return .emptyRoot }
        for left in hashes.dropLast().reversed() { hash = MerkleHash.node(left, hash) }
        return hash
    }

    /// The frontier as stored: the hex hashes joined by commas.
    public var storedText: String { hashes.map(\.hex).joined(separator: ",") }

    /// From ``storedText``; nil if it does not parse or does not fit the size.
    public init?(size: Int, storedText: String) {
        let parts = storedText.isEmpty ? [] : storedText.split(separator: ",").map { MerkleHash(hex: String($0)) }
        guard parts.allSatisfy({ $0 != nil }) else { return nil }
        self.init(size: size, hashes: parts.map { $0! })
    }
}
