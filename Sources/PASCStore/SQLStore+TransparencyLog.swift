import Foundation
import PASCCore
import PASCDomain
import PASCTransparency
import SQLKit

/// The public log in four tables: leaves, the perfect subtrees above them, the size with its
/// right edge (`log_state`, one row that every append locks), and the signed checkpoints.
extension SQLStore: TransparencyLogStore {
    /// Rows per multi-row INSERT of leaves (7 values each).
    static let logChunk = 200

    /// Appends leaves inside the caller's transaction and returns their indices.
    ///
    /// The state row is updated first to take its lock (PostgreSQL holds it to the commit; SQLite
    /// has one writer), so appends from several servers get consecutive indices and the frontier
    /// read is the one the previous append left.
    static func appendToLog(_ db: any SQLDatabase, _ entries: [LogEntry], at: String) async throws -> [Int] {
        guard !entries.isEmpty else { return [] }
        guard let row = try await db.raw("UPDATE log_state SET size = size WHERE id = 1 RETURNING size, frontier").first() else {
            throw StoreError.unreachable("the log's state row is missing")
        }
        let size = try row.decode(column: "size", as: Int.self)
        guard var frontier = MerkleFrontier(size: size, storedText: try row.decode(column: "frontier", as: String.self)) else {
            throw CorruptRecord(table: "log_state", key: "1", reason: "the frontier does not fit size \(size)")
        }
        var leaves: [(index: Int, entry: LogEntry, hash: MerkleHash)] = []
        var nodes: [MerkleFrontier.CompletedNode] = []
        for entry in entries {
            let hash = entry.leafHash
            leaves.append((frontier.size, entry, hash))
            nodes += frontier.append(hash)
        }
        for start in stride(from: 0, to: leaves.count, by: logChunk) {
            var sql: SQLQueryString = "INSERT INTO log_leaves (idx, kind, reference, ordinal, data, leaf_hash, appended_at) VALUES "
            for (offset, leaf) in leaves[start..<min(start + logChunk, leaves.count)].enumerated() {
                if offset > 0 { sql += ", " }
                sql += """
                    (\(bind: leaf.index), \(bind: leaf.entry.kind.rawValue), \(bind: leaf.entry.reference), \(bind: leaf.entry.ordinal),
                    \(bind: leaf.entry.text), \(bind: leaf.hash.hex), \(bind: at))
                    """
            }
            try await db.raw(sql).run()
        }
        for start in stride(from: 0, to: nodes.count, by: logChunk) {
            var sql: SQLQueryString = "INSERT INTO log_nodes (level, idx, hash) VALUES "
            for (offset, node) in nodes[start..<min(start + logChunk, nodes.count)].enumerated() {
                if offset > 0 { sql += ", " }
                sql += "(\(bind: node.level), \(bind: node.index), \(bind: node.hash.hex))"
            }
            try await db.raw(sql).run()
        }
        try await db.raw("UPDATE log_state SET size = \(bind: frontier.size), frontier = \(bind: frontier.storedText) WHERE id = 1").run()
        return leaves.map(\.index)
    }

    /// Appends entries in one transaction (bulk loads and benchmarks) and returns their indices.
    /// Each leaf must stand for a stored event or change, or `pasc verify` names it.
    @discardableResult
    public func appendLogEntries(_ entries: [LogEntry]) async throws -> [Int] {
        let at = VietnamTime.format(clock.now())
        return try await backend.transaction { db in try await Self.appendToLog(db, entries, at: at) }
    }

    /// Appends the leaf of an event just inserted for `code`, inside the caller's transaction.
    ///
    /// The dossier's row is locked first (PostgreSQL) so two events of one dossier cannot take
    /// the same ordinal. A dossier without a salt predates the log: the backfill logs it whole.
    static func logDossierEvent(_ db: any SQLDatabase, code: DossierCode, _ event: DossierEvent) async throws {
        guard
            let row = try await db.raw(
                """
                UPDATE dossiers SET log_salt = log_salt WHERE code = \(bind: code.description)
                RETURNING procedure_code, office_code, agency_code, log_salt
                """
            ).first(),
            let salt = try row.decode(column: "log_salt", as: String?.self)
        else { return }
        let facts = LogEntry.DossierFacts(
            code: code,
            procedure: try ProcedureCode(row.decode(column: "procedure_code", as: String.self)),
            office: try OfficeCode(row.decode(column: "office_code", as: String.self)),
            agency: try row.decode(column: "agency_code", as: String.self),
            salt: salt
        )
        let count = try await db.raw("SELECT count(*) AS n FROM dossier_events WHERE dossier_code = \(bind: code.description)").first()
        let ordinal = try (count?.decode(column: "n", as: Int.self) ?? 1) - 1
        _ = try await appendToLog(db, [LogEntry.dossierEvent(event, ordinal: ordinal, of: facts)], at: VietnamTime.format(event.at))
    }

    /// Logs what predates the log (a database made before migration 14): public changes first,
    /// then dossiers in order of reception, a batch per transaction. Runs after every migration;
    /// finds nothing to do once done.
    func backfillLog() async throws {
        while true {
            let done = try await backend.transaction { db in
                let rows = try await db.raw(
                    "SELECT * FROM change_log WHERE log_index IS NULL AND entity IN (\(literals: Array(LogEntry.publicEntities).sorted(), joinedBy: ", ")) ORDER BY id LIMIT 500"
                ).all()
                for row in rows {
                    let change = try Self.loggedChange(row)
                    guard let entry = change.entry else { continue }
                    let index = try await Self.appendToLog(db, [entry], at: change.at)
                    try await db.raw("UPDATE change_log SET log_index = \(bind: index[0]) WHERE id = \(bind: change.id)").run()
                }
                return rows.isEmpty
            }
            if done { break }
        }
        while true {
            let done = try await backend.transaction { db in
                let codes = try await db.raw("SELECT code FROM dossiers WHERE log_salt IS NULL ORDER BY received_at, code LIMIT 200").all()
                    .map { try $0.decode(column: "code", as: String.self) }
                guard !codes.isEmpty else { return true }
                for code in codes {
                    try await db.raw("UPDATE dossiers SET log_salt = \(bind: LogEntry.newSalt()) WHERE code = \(bind: code)").run()
                }
                let logged = try await Self.loggedDossiers(db, Set(codes))
                var entries: [LogEntry] = []
                for code in codes {
                    guard let dossier = logged[code] else { continue }
                    for (ordinal, event) in dossier.events.enumerated() {
                        entries.append(LogEntry.dossierEvent(event, ordinal: ordinal, of: dossier.facts))
                    }
                }
                _ = try await Self.appendToLog(db, entries, at: VietnamTime.format(self.clock.now()))
                return false
            }
            if done { break }
        }
    }

    public func logHead() async throws -> (size: Int, root: MerkleHash) {
        try await backend.withSession { db in
            guard let row = try await db.raw("SELECT size, frontier FROM log_state WHERE id = 1").first() else {
                throw StoreError.unreachable("the log's state row is missing")
            }
            let size = try row.decode(column: "size", as: Int.self)
            guard let frontier = MerkleFrontier(size: size, storedText: try row.decode(column: "frontier", as: String.self)) else {
                throw CorruptRecord(table: "log_state", key: "1", reason: "the frontier does not fit size \(size)")
            }
            return (size, frontier.root)
        }
    }

    public func logStateRow() async throws -> (size: Int, frontier: String) {
        try await backend.withSession { db in
            guard let row = try await db.raw("SELECT size, frontier FROM log_state WHERE id = 1").first() else {
                throw StoreError.unreachable("the log's state row is missing")
            }
            return (try row.decode(column: "size", as: Int.self), try row.decode(column: "frontier", as: String.self))
        }
    }

    public func logNodeCount() async throws -> Int {
        try await backend.withSession { db in
            try await db.raw("SELECT COUNT(*) AS n FROM log_nodes").first()?.decode(column: "n", as: Int.self) ?? 0
        }
    }

    public func storedPublicStates(after code: String?, limit: Int) async throws -> [StoredPublicState] {
        try await backend.withSession { db in
            try await db.raw("SELECT * FROM dossiers WHERE code > \(bind: code ?? "") ORDER BY code LIMIT \(bind: limit)").all().map { row in
                let dossier = try Self.storedDossier(row)
                return StoredPublicState(
                    code: dossier.code.description,
                    agency: dossier.agency,
                    state: DossierPublicState(
                        status: dossier.status,
                        due: dossier.appointmentDue,
                        holder: dossier.holder,
                        apologisedAt: dossier.apologisedAt
                    )
                )
            }
        }
    }

    public func logLeaves(_ range: Range<Int>) async throws -> [LogLeaf] {
        try await backend.withSession { db in
            try await db.raw(
                "SELECT * FROM log_leaves WHERE idx >= \(bind: range.lowerBound) AND idx < \(bind: range.upperBound) ORDER BY idx"
            ).all().map(Self.logLeaf)
        }
    }

    public func logLeaves(ofDossier code: DossierCode) async throws -> [LogLeaf] {
        try await backend.withSession { db in
            try await db.raw(
                """
                SELECT * FROM log_leaves WHERE kind = \(bind: LogEntry.Kind.dossierEvent.rawValue) AND reference = \(bind: code.description)
                ORDER BY ordinal, idx
                """
            ).all().map(Self.logLeaf)
        }
    }

    static func logLeaf(_ row: any SQLRow) throws -> LogLeaf {
        let index = try row.decode(column: "idx", as: Int.self)
        let hashText = try row.decode(column: "leaf_hash", as: String.self)
        guard let hash = MerkleHash(hex: hashText), let kind = LogEntry.Kind(rawValue: try row.decode(column: "kind", as: String.self)) else {
            throw CorruptRecord(table: "log_leaves", key: String(index), reason: "kind or hash \(hashText)")
        }
        return LogLeaf(
            index: index,
            entry: LogEntry(
                kind: kind,
                reference: try row.decode(column: "reference", as: String.self),
                ordinal: try row.decode(column: "ordinal", as: Int.self),
                text: try row.decode(column: "data", as: String.self)
            ),
            hash: hash,
            appendedAt: try row.decode(column: "appended_at", as: String.self)
        )
    }

    public func logNodes(_ keys: Set<NodeKey>) async throws -> [NodeKey: MerkleHash] {
        guard !keys.isEmpty else { return [:] }
        return try await backend.withSession { db in
            var found: [NodeKey: MerkleHash] = [:]
            let leaves = keys.filter { $0.level == 0 }.map(\.index)
            if !leaves.isEmpty {
                for row in try await db.raw("SELECT idx, leaf_hash FROM log_leaves WHERE idx IN (\(binds: leaves))").all() {
                    let index = try row.decode(column: "idx", as: Int.self)
                    if let hash = MerkleHash(hex: try row.decode(column: "leaf_hash", as: String.self)) {
                        found[NodeKey(level: 0, index: index)] = hash
                    }
                }
            }
            let inner = keys.filter { $0.level > 0 }
            if !inner.isEmpty {
                var sql: SQLQueryString = "SELECT level, idx, hash FROM log_nodes WHERE "
                for (offset, key) in inner.enumerated() {
                    if offset > 0 { sql += " OR " }
                    sql += "(level = \(bind: key.level) AND idx = \(bind: key.index))"
                }
                for row in try await db.raw(sql).all() {
                    let key = NodeKey(level: try row.decode(column: "level", as: Int.self), index: try row.decode(column: "idx", as: Int.self))
                    if let hash = MerkleHash(hex: try row.decode(column: "hash", as: String.self)) { found[key] = hash }
                }
            }
            return found
        }
    }

    public func latestCheckpoint() async throws -> StoredCheckpoint? {
        try await backend.withSession { db in
            guard let row = try await db.raw("SELECT * FROM log_checkpoints ORDER BY size DESC LIMIT 1").first() else { return nil }
            let size = try row.decode(column: "size", as: Int.self)
            guard let root = MerkleHash(hex: try row.decode(column: "root", as: String.self)) else {
                throw CorruptRecord(table: "log_checkpoints", key: String(size), reason: "root")
            }
            return StoredCheckpoint(
                size: size,
                root: root,
                note: try row.decode(column: "note", as: String.self),
                signedAt: try row.decode(column: "signed_at", as: String.self)
            )
        }
    }

    public func saveCheckpoint(_ checkpoint: StoredCheckpoint) async throws -> Bool {
        try await backend.transaction { db in
            try await db.raw(
                """
                INSERT INTO log_checkpoints (size, root, note, signed_at)
                VALUES (\(bind: checkpoint.size), \(bind: checkpoint.root.hex), \(bind: checkpoint.note), \(bind: checkpoint.signedAt))
                ON CONFLICT (size) DO NOTHING RETURNING size
                """
            ).first() != nil
        }
    }

    public func loggedDossiers(_ codes: Set<String>) async throws -> [String: LoggedDossier] {
        try await backend.withSession { db in try await Self.loggedDossiers(db, codes) }
    }

    static func loggedDossiers(_ db: any SQLDatabase, _ codes: Set<String>) async throws -> [String: LoggedDossier] {
        guard !codes.isEmpty else { return [:] }
        var facts: [String: LogEntry.DossierFacts] = [:]
        for row in try await db.raw(
            "SELECT code, procedure_code, office_code, agency_code, log_salt FROM dossiers WHERE code IN (\(binds: Array(codes)))"
        ).all() {
            let code = try row.decode(column: "code", as: String.self)
            facts[code] = LogEntry.DossierFacts(
                code: try DossierCode(code),
                procedure: try ProcedureCode(row.decode(column: "procedure_code", as: String.self)),
                office: try OfficeCode(row.decode(column: "office_code", as: String.self)),
                agency: try row.decode(column: "agency_code", as: String.self),
                // A missing salt cannot reproduce any commitment: the check names the dossier.
                salt: try row.decode(column: "log_salt", as: String?.self) ?? ""
            )
        }
        var events: [String: [DossierEvent]] = [:]
        for row in try await db.raw("SELECT * FROM dossier_events WHERE dossier_code IN (\(binds: Array(codes))) ORDER BY id").all() {
            events[try row.decode(column: "dossier_code", as: String.self), default: []].append(try Self.dossierEvent(row))
        }
        return facts.mapValues { LoggedDossier(facts: $0, events: events[$0.code.description] ?? []) }
    }

    public func eventCounts() async throws -> [String: Int] {
        try await backend.withSession { db in
            var counts: [String: Int] = [:]
            for row in try await db.raw("SELECT dossier_code, count(*) AS n FROM dossier_events GROUP BY dossier_code").all() {
                counts[try row.decode(column: "dossier_code", as: String.self)] = try row.decode(column: "n", as: Int.self)
            }
            return counts
        }
    }

    public func loggedChanges(_ ids: Set<Int>) async throws -> [Int: LoggedChange] {
        guard !ids.isEmpty else { return [:] }
        return try await backend.withSession { db in
            var changes: [Int: LoggedChange] = [:]
            for row in try await db.raw("SELECT * FROM change_log WHERE id IN (\(binds: Array(ids)))").all() {
                let change = try Self.loggedChange(row)
                changes[change.id] = change
            }
            return changes
        }
    }

    public func publicChangeIDs() async throws -> [Int] {
        try await backend.withSession { db in
            try await db.raw(
                "SELECT id FROM change_log WHERE entity IN (\(literals: Array(LogEntry.publicEntities).sorted(), joinedBy: ", ")) ORDER BY id"
            ).all()
                .map { try $0.decode(column: "id", as: Int.self) }
        }
    }

    static func loggedChange(_ row: any SQLRow) throws -> LoggedChange {
        LoggedChange(
            id: try row.decode(column: "id", as: Int.self),
            entity: try row.decode(column: "entity", as: String.self),
            key: try row.decode(column: "entity_key", as: String.self),
            at: try row.decode(column: "at", as: String.self),
            old: try row.decode(column: "old_value", as: String?.self),
            new: try row.decode(column: "new_value", as: String?.self)
        )
    }
}
