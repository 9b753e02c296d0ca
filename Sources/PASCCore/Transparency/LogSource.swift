import PASCDomain
import PASCTransparency

/// Where the verifier reads a log: a PASC server over HTTP, or a database directly.
public protocol LogSource: Sendable {
    /// What the source is, for messages ("https://…", "pasc.sqlite").
    var name: String { get }
    /// The latest signed checkpoint, as served.
    func checkpointNote() async throws -> String
    func consistencyProof(from size1: Int, to size2: Int) async throws -> [MerkleHash]
    func inclusionProof(index: Int, size: Int) async throws -> [MerkleHash]
    /// Leaves `range`, by index (fewer at the end of the log).
    func leaves(_ range: Range<Int>) async throws -> [LogLeaf]
    /// The leaves of a dossier's events; empty for an unknown dossier.
    func dossierLeaves(_ code: DossierCode) async throws -> [LogLeaf]
    /// The dossier's steps as the source shows them (the public page, or the database's events),
    /// to compare with its leaves; nil if the dossier is unknown.
    func dossierSteps(_ code: DossierCode) async throws -> [PublicStep]?
    /// What the source states of the dossier beside its steps (its page, or its columns), to
    /// compare with what its leaves lead to; nil if the dossier is unknown.
    func dossierClaims(_ code: DossierCode) async throws -> DossierClaims?
    /// The database behind the source, for the checks only it allows (events against leaves).
    var database: (any TransparencyLogStore)? { get }
}

/// What a page (or a database's columns) states of a dossier beside its steps.
public struct DossierClaims: Hashable, Sendable {
    public let status: String
    public let phase: String
    public let due: LocalDateTime?
    public let holder: String?

    public init(status: String, phase: String, due: LocalDateTime?, holder: String?) {
        self.status = status
        self.phase = phase
        self.due = due
        self.holder = holder
    }
}

/// The public fields of one step, as a leaf records them and a tracking page shows them.
public struct PublicStep: Hashable, Sendable {
    public let action: String
    public let to: String
    public let at: String

    public init(action: String, to: String, at: String) {
        self.action = action
        self.to = to
        self.at = at
    }
}

/// A database read directly (a backup, or the server's own file): proofs from its stored tree.
public struct StoreLogSource: LogSource {
    public let name: String
    let store: any TransparencyLogStore & DossierStore
    let log: TransparencyLog

    public init(name: String, store: any TransparencyLogStore & DossierStore, clock: any Clock) {
        self.name = name
        self.store = store
        log = TransparencyLog(store: store, clock: clock)
    }

    public var database: (any TransparencyLogStore)? { store }

    public func checkpointNote() async throws -> String {
        guard let checkpoint = try await store.latestCheckpoint() else {
            throw AuditFailure(entry: "checkpoint", reason: "no checkpoint has been signed yet")
        }
        return checkpoint.note
    }

    public func consistencyProof(from size1: Int, to size2: Int) async throws -> [MerkleHash] {
        try await log.consistencyProof(from: size1, to: size2)
    }

    public func inclusionProof(index: Int, size: Int) async throws -> [MerkleHash] {
        try await log.inclusionProof(index: index, size: size)
    }

    public func leaves(_ range: Range<Int>) async throws -> [LogLeaf] { try await store.logLeaves(range) }
    public func dossierLeaves(_ code: DossierCode) async throws -> [LogLeaf] { try await store.logLeaves(ofDossier: code) }

    public func dossierClaims(_ code: DossierCode) async throws -> DossierClaims? {
        try await store.dossier(code).map {
            DossierClaims(status: $0.status.rawValue, phase: $0.status.phase.rawValue, due: $0.appointmentDue, holder: $0.holder)
        }
    }

    public func dossierSteps(_ code: DossierCode) async throws -> [PublicStep]? {
        guard try await store.dossier(code) != nil else { return nil }
        return try await store.events(of: code).map { PublicStep(action: $0.action.rawValue, to: $0.to.rawValue, at: VietnamTime.format($0.at)) }
    }
}

/// Why the verifier stopped: the first entry that failed, and how.
public struct AuditFailure: Error, Equatable, Sendable, CustomStringConvertible {
    /// "checkpoint", "leaf 17", "event 2 of dossier …", "change 5".
    public let entry: String
    public let reason: String

    public init(entry: String, reason: String) {
        self.entry = entry
        self.reason = reason
    }

    public var description: String { "\(entry): \(reason)" }
}
