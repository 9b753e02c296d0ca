import Foundation
import PASCDomain
import PASCTransparency

/// The public log as a service: signs checkpoints when it has grown and answers proofs from the
/// stored perfect subtrees (at most about 2·log₂ n rows a proof).
public struct TransparencyLog: Sendable {
    public let store: any TransparencyLogStore
    public let clock: any Clock

    public init(store: any TransparencyLogStore, clock: any Clock) {
        self.store = store
        self.clock = clock
    }

    /// Signs and keeps a checkpoint of the whole log if it has grown since the last one (or none
    /// exists yet, so `GET /log/checkpoint` always has one). Several servers may race: the first
    /// checkpoint of a size is kept, and both are signed by the one deployment key.
    @discardableResult
    public func publish(signer: LogSigner) async throws -> StoredCheckpoint? {
        let head = try await store.logHead()
        if let latest = try await store.latestCheckpoint(), latest.size >= head.size { return nil }
        // Never sign a state row the stored tree does not bear out.
        try await checkState()
        let checkpoint = Checkpoint(origin: signer.name, size: UInt64(head.size), root: head.root)
        let stored = StoredCheckpoint(
            size: head.size,
            root: head.root,
            note: try checkpoint.signed(by: signer),
            signedAt: VietnamTime.format(clock.now())
        )
        return try await store.saveCheckpoint(stored) ? stored : nil
    }

    /// The audit path of leaf `index` in the tree of `size` leaves, checked before it is handed
    /// out: the leaf's hash recomputed from its text must prove into the signed root of that size
    /// (or, for a size no checkpoint names, the root of the stored tree). A rewritten stored node
    /// is refused here (``LogIntegrityError``) instead of being served as the log.
    public func inclusionProof(index: Int, size: Int) async throws -> [MerkleHash] {
        try await checkSize(size)
        let proof = try await withStoredNodes { node in try MerkleTree.inclusionProof(index: index, size: size, node: node) }
        guard let leaf = try await store.logLeaves(index..<(index + 1)).first, leaf.index == index else {
            throw LogIntegrityError.missingNode(level: 0, index: index)
        }
        let root = try await trustedRoot(size: size)
        do {
            try MerkleVerification.verifyInclusion(index: UInt64(index), size: UInt64(size), leaf: leaf.entry.leafHash, proof: proof, root: root)
        } catch {
            throw LogIntegrityError.proofFails(what: "inclusion of leaf \(index) in the tree of \(size)")
        }
        return proof
    }

    /// The proof that the tree of `size1` leaves is a prefix of the tree of `size2`, checked
    /// before it is handed out against the roots of both sizes (signed ones where a checkpoint names them).
    public func consistencyProof(from size1: Int, to size2: Int) async throws -> [MerkleHash] {
        try await checkSize(size2)
        let proof = try await withStoredNodes { node in try MerkleTree.consistencyProof(size1: size1, size2: size2, node: node) }
        guard size1 > 0, size1 < size2 else { return proof }
        let root1 = try await trustedRoot(size: size1)
        let root2 = try await trustedRoot(size: size2)
        do {
            try MerkleVerification.verifyConsistency(size1: UInt64(size1), size2: UInt64(size2), proof: proof, root1: root1, root2: root2)
        } catch {
            throw LogIntegrityError.proofFails(what: "consistency of the trees of \(size1) and \(size2)")
        }
        return proof
    }

    /// The root a proof must reach: the latest checkpoint's signed root at its size, else the stored tree's.
    func trustedRoot(size: Int) async throws -> MerkleHash {
        if let latest = try await store.latestCheckpoint(), latest.size == size { return latest.root }
        return try await withStoredNodes { node in try MerkleTree.root(size: size, node: node) }
    }

    /// Checks the log's state row against what the stored tree holds: its size is the number of
    /// leaves, each hash of its right edge is the stored subtree it names, and the latest signed
    /// root is the stored tree's root at its size. Cheap (a few dozen rows); the server runs it at
    /// start and before it signs, `pasc verify --database` recomputes everything.
    public func checkState() async throws {
        // Another server may append between the reads: a leaf past the size read is damage only
        // if the state row did not grow meanwhile (leaves and stored subtrees never change once written).
        var state = try await store.logStateRow()
        for attempt in 1...5 {
            let last = try await store.logLeaves(max(0, state.size - 1)..<(state.size + 1))
            if last.map(\.index) == (state.size == 0 ? [] : [state.size - 1]) { break }
            let again = try await store.logStateRow()
            if again.size > state.size, attempt < 5 {
                state = again
                continue
            }
            let held = last.last.map { $0.index + 1 } ?? 0
            throw LogIntegrityError.stateDisagrees(
                reason: "the state row says \(state.size) leaves, the log holds \(held == state.size ? "more" : String(held))"
            )
        }
        guard let frontier = MerkleFrontier(size: state.size, storedText: state.frontier) else {
            throw LogIntegrityError.stateDisagrees(reason: "its right edge does not fit \(state.size) leaves")
        }
        let keys = Self.edgeKeys(size: state.size)
        let stored = try await store.logNodes(Set(keys))
        for (key, hash) in zip(keys, frontier.hashes) where stored[key] != hash {
            throw LogIntegrityError.stateDisagrees(reason: "its right edge at level \(key.level), index \(key.index) is not the stored subtree")
        }
        if let latest = try await store.latestCheckpoint(), latest.size > 0, latest.size <= state.size {
            let root = try await withStoredNodes { node in try MerkleTree.root(size: latest.size, node: node) }
            guard root == latest.root else {
                throw LogIntegrityError.stateDisagrees(reason: "the stored tree's root at \(latest.size) is not the signed one")
            }
        }
    }

    /// The perfect subtrees of a tree of `size` leaves, largest first (the right edge's order).
    static func edgeKeys(size: Int) -> [NodeKey] {
        var keys: [NodeKey] = []
        var start = 0
        for level in stride(from: Int.bitWidth - 2, through: 0, by: -1) where size & (1 << level) != 0 {
            keys.append(NodeKey(level: level, index: start >> level))
            start += 1 << level
        }
        return keys
    }

    /// The root of the tree of `size` leaves, from the stored subtrees.
    public func root(size: Int) async throws -> MerkleHash {
        try await checkSize(size)
        return try await withStoredNodes { node in try MerkleTree.root(size: size, node: node) }
    }

    func checkSize(_ size: Int) async throws {
        let head = try await store.logHead()
        guard size >= 0, size <= head.size else { throw LogRequestError.sizeBeyondLog(size: size, logSize: head.size) }
    }

    /// Runs `compute` twice: first to learn which stored subtrees it reads (the recursion depends
    /// on sizes only, never on hash values), then over those subtrees fetched in one query.
    func withStoredNodes<T>(_ compute: (MerkleTree.PerfectNode) throws -> T) async throws -> T {
        var wanted = Set<NodeKey>()
        let placeholder = MerkleHash.emptyRoot
        _ = try compute { level, index in
            wanted.insert(NodeKey(level: level, index: index))
            return placeholder
        }
        let nodes = try await store.logNodes(wanted)
        return try compute { level, index in
            guard let hash = nodes[NodeKey(level: level, index: index)] else {
                throw LogIntegrityError.missingNode(level: level, index: index)
            }
            return hash
        }
    }
}

/// A request the log cannot answer: names what is allowed.
public enum LogRequestError: Error, Equatable, Sendable {
    case sizeBeyondLog(size: Int, logSize: Int)
}

/// The stored tree is not whole: a subtree a complete size needs is missing.
public enum LogIntegrityError: Error, Equatable, Sendable, CustomStringConvertible {
    case missingNode(level: Int, index: Int)
    /// A proof built from the stored tree does not recompute to the root it must reach.
    case proofFails(what: String)
    /// The state row (size, right edge) disagrees with the stored leaves and subtrees.
    case stateDisagrees(reason: String)

    public var description: String {
        switch self {
        case .missingNode(let level, let index): "the log's stored subtree at level \(level), index \(index) is missing"
        case .proofFails(let what): "the stored tree does not prove the \(what): a stored subtree was changed"
        case .stateDisagrees(let reason): "the log's state row disagrees with its stored tree: \(reason)"
        }
    }
}
