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
        let checkpoint = Checkpoint(origin: signer.name, size: UInt64(head.size), root: head.root)
        let stored = StoredCheckpoint(
            size: head.size,
            root: head.root,
            note: try checkpoint.signed(by: signer),
            signedAt: VietnamTime.format(clock.now())
        )
        return try await store.saveCheckpoint(stored) ? stored : nil
    }

    /// The audit path of leaf `index` in the tree of `size` leaves.
    public func inclusionProof(index: Int, size: Int) async throws -> [MerkleHash] {
        try await checkSize(size)
        return try await withStoredNodes { node in try MerkleTree.inclusionProof(index: index, size: size, node: node) }
    }

    /// The proof that the tree of `size1` leaves is a prefix of the tree of `size2`.
    public func consistencyProof(from size1: Int, to size2: Int) async throws -> [MerkleHash] {
        try await checkSize(size2)
        return try await withStoredNodes { node in try MerkleTree.consistencyProof(size1: size1, size2: size2, node: node) }
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

    public var description: String {
        switch self {
        case .missingNode(let level, let index): "the log's stored subtree at level \(level), index \(index) is missing"
        }
    }
}
