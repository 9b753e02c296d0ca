import PASCDomain
import PASCTransparency

/// A leaf as stored: its place in the log, what it stands for, its bytes and hash.
public struct LogLeaf: Hashable, Sendable {
    public let index: Int
    public let entry: LogEntry
    /// The hash kept with the leaf; equal to `entry.leafHash` unless someone edited one of them.
    public let hash: MerkleHash
    public let appendedAt: String

    public init(index: Int, entry: LogEntry, hash: MerkleHash, appendedAt: String) {
        self.index = index
        self.entry = entry
        self.hash = hash
        self.appendedAt = appendedAt
    }
}

/// A signed checkpoint as published.
public struct StoredCheckpoint: Hashable, Sendable {
    public let size: Int
    public let root: MerkleHash
    /// The signed note (C2SP tlog-checkpoint), exactly as served.
    public let note: String
    public let signedAt: String

    public init(size: Int, root: MerkleHash, note: String, signedAt: String) {
        self.size = size
        self.root = root
        self.note = note
        self.signedAt = signedAt
    }
}

/// A perfect subtree's place: `level` 0 is a leaf.
public struct NodeKey: Hashable, Sendable {
    public let level: Int
    public let index: Int

    public init(level: Int, index: Int) {
        self.level = level
        self.index = index
    }
}

/// A dossier's events as the log committed to them, with the facts each leaf repeats.
public struct LoggedDossier: Sendable {
    public let facts: LogEntry.DossierFacts
    /// In the order they were recorded; the position is the leaf's ordinal.
    public let events: [DossierEvent]

    public init(facts: LogEntry.DossierFacts, events: [DossierEvent]) {
        self.facts = facts
        self.events = events
    }
}

/// A public master-data change as recorded, to check its leaf.
public struct LoggedChange: Hashable, Sendable {
    public let id: Int
    public let entity: String
    public let key: String
    public let at: String
    public let old: String?
    public let new: String?

    public init(id: Int, entity: String, key: String, at: String, old: String?, new: String?) {
        self.id = id
        self.entity = entity
        self.key = key
        self.at = at
        self.old = old
        self.new = new
    }

    public var entry: LogEntry? { LogEntry.masterData(id: id, entity: entity, key: key, at: at, old: old, new: new) }
}

/// The public log's tables. Leaves are appended by the store itself, in the transaction of the
/// event or change they record; this port reads them and keeps the signed checkpoints.
public protocol TransparencyLogStore: Sendable {
    /// The number of leaves and the root over all of them.
    func logHead() async throws -> (size: Int, root: MerkleHash)
    /// Leaves `start ..< end` (fewer if the log is shorter), by index.
    func logLeaves(_ range: Range<Int>) async throws -> [LogLeaf]
    /// The leaves of one dossier's events, by ordinal.
    func logLeaves(ofDossier code: DossierCode) async throws -> [LogLeaf]
    /// The stored hashes of these perfect subtrees; a missing one is absent from the answer.
    func logNodes(_ keys: Set<NodeKey>) async throws -> [NodeKey: MerkleHash]
    /// The largest checkpoint signed, if any.
    func latestCheckpoint() async throws -> StoredCheckpoint?
    /// Keeps a checkpoint; false (and nothing written) if one of that size exists already.
    func saveCheckpoint(_ checkpoint: StoredCheckpoint) async throws -> Bool

    // For the verifier, reading a database.
    /// The dossiers with these codes as the log saw them; absent codes are absent.
    func loggedDossiers(_ codes: Set<String>) async throws -> [String: LoggedDossier]
    /// How many events each dossier has.
    func eventCounts() async throws -> [String: Int]
    /// The public master-data changes with these ids.
    func loggedChanges(_ ids: Set<Int>) async throws -> [Int: LoggedChange]
    /// The ids of every public master-data change.
    func publicChangeIDs() async throws -> [Int]
    /// Dossiers after `code` (by code), with the public state their columns show.
    func storedPublicStates(after code: String?, limit: Int) async throws -> [StoredPublicState]
    /// The log's state row as stored: its size and its right edge's text.
    func logStateRow() async throws -> (size: Int, frontier: String)
    /// How many inner nodes (`log_nodes` rows) are stored.
    func logNodeCount() async throws -> Int
}

/// A dossier's columns as the public reads them, for the verifier to compare with its events.
public struct StoredPublicState: Hashable, Sendable {
    public let code: String
    public let agency: String
    public let state: DossierPublicState

    public init(code: String, agency: String, state: DossierPublicState) {
        self.code = code
        self.agency = agency
        self.state = state
    }
}
