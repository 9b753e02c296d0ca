import Foundation
import PASCDomain
import PASCTransparency

/// `pasc verify`: checks a log against a public key the caller trusts, and stops at the first
/// entry that fails, naming it.
///
/// Always: the checkpoint's signature, and its consistency with the checkpoint accepted last
/// time (the log may only grow). With `full` (always for a database): every leaf's hash, the root
/// they hash to, and, reading a database, every stored event and public change against its leaf
/// and every event having one. With a dossier: each of its events included in the checkpoint
/// and matching the steps the source shows.
public struct LogAudit: Sendable {
    public let verifier: LogVerifier
    public let source: any LogSource

    public struct Options: Sendable {
        /// The checkpoint accepted last time (its signed note), if any.
        public var saved: String?
        /// The key that signed `saved`, when the log's key was rotated since (else the trusted key).
        public var savedVerifier: LogVerifier?
        public var dossier: DossierCode?
        /// Read every leaf (implied for a database).
        public var full: Bool
        /// Accept leaves a database holds beyond the checkpoint (a live server signs every few
        /// seconds); off by default, as an unsigned leaf is what a forger would add.
        public var allowUnsigned: Bool

        public init(
            saved: String? = nil,
            savedVerifier: LogVerifier? = nil,
            dossier: DossierCode? = nil,
            full: Bool = false,
            allowUnsigned: Bool = false
        ) {
            self.saved = saved
            self.savedVerifier = savedVerifier
            self.dossier = dossier
            self.full = full
            self.allowUnsigned = allowUnsigned
        }
    }

    public struct Report: Sendable {
        public let checkpoint: Checkpoint
        /// The note to keep for the next run.
        public let note: String
        public var lines: [String] = []
    }

    public init(verifier: LogVerifier, source: any LogSource) {
        self.verifier = verifier
        self.source = source
    }

    /// Leaves read per request.
    static let page = 1000

    public func run(_ options: Options, progress: @Sendable (String) -> Void = { _ in }) async throws(AuditFailure) -> Report {
        do {
            return try await check(options, progress: progress)
        } catch let failure as AuditFailure {
            throw failure
        } catch {
            throw AuditFailure(entry: "source \(source.name)", reason: "\(error)")
        }
    }

    func check(_ options: Options, progress: @Sendable (String) -> Void) async throws -> Report {
        let note = try await source.checkpointNote()
        let checkpoint: Checkpoint
        do { checkpoint = try Checkpoint.open(note, verifier: verifier) } catch {
            throw AuditFailure(entry: "checkpoint", reason: "not accepted: \(error)")
        }
        let size = Int(clamping: checkpoint.size)
        var report = Report(checkpoint: checkpoint, note: note)
        report.lines.append("checkpoint \(size) of \(checkpoint.origin): signature good (\(verifier.name))")
        if let saved = options.saved {
            try await checkConsistency(saved: saved, signedBy: options.savedVerifier ?? verifier, with: checkpoint)
            report.lines.append("consistent with the checkpoint accepted before")
        }
        if options.full || source.database != nil {
            report.lines += try await checkAllLeaves(checkpoint, allowUnsigned: options.allowUnsigned, progress: progress)
        }
        if let code = options.dossier {
            report.lines.append(try await checkDossier(code, in: checkpoint))
        }
        return report
    }

    /// One dossier against the signed checkpoint `note`, as its tracking page states it: the
    /// signature, every step shown matching its leaf (hash recomputed), each leaf proved into the root.
    public func checkDossier(_ code: DossierCode, against note: String) async throws(AuditFailure) -> Checkpoint {
        do {
            let checkpoint: Checkpoint
            do { checkpoint = try Checkpoint.open(note, verifier: verifier) } catch {
                throw AuditFailure(entry: "checkpoint", reason: "not accepted: \(error)")
            }
            _ = try await checkDossier(code, in: checkpoint)
            return checkpoint
        } catch let failure as AuditFailure {
            throw failure
        } catch {
            throw AuditFailure(entry: "source \(source.name)", reason: "\(error)")
        }
    }

    func checkConsistency(saved: String, signedBy savedVerifier: LogVerifier, with checkpoint: Checkpoint) async throws {
        let old: Checkpoint
        do { old = try Checkpoint.open(saved, verifier: savedVerifier) } catch {
            throw AuditFailure(entry: "saved checkpoint", reason: "not accepted: \(error)")
        }
        // A rotated key signs under a new origin; the same origin is required otherwise.
        guard old.origin == checkpoint.origin || savedVerifier.verifierKey != verifier.verifierKey else {
            throw AuditFailure(entry: "checkpoint", reason: "it is for log \(checkpoint.origin), the saved one for \(old.origin)")
        }
        if old.size > checkpoint.size {
            throw AuditFailure(entry: "checkpoint \(checkpoint.size)", reason: "smaller than the saved checkpoint \(old.size): the log shrank")
        }
        if old.size == checkpoint.size {
            guard old.root == checkpoint.root else {
                throw AuditFailure(
                    entry: "checkpoint \(checkpoint.size)",
                    reason: "same size as the saved checkpoint but another root: the log was rewritten"
                )
            }
            return
        }
        guard old.size > 0 else { return }
        let proof = try await source.consistencyProof(from: Int(old.size), to: Int(checkpoint.size))
        do {
            try MerkleVerification.verifyConsistency(size1: old.size, size2: checkpoint.size, proof: proof, root1: old.root, root2: checkpoint.root)
        } catch {
            throw AuditFailure(
                entry: "checkpoint \(checkpoint.size)",
                reason: "not consistent with the saved checkpoint \(old.size) (\(error)): entries before \(old.size) were rewritten"
            )
        }
    }

    /// Every leaf: its hash from its text, the root at the checkpoint, and against the database.
    func checkAllLeaves(_ checkpoint: Checkpoint, allowUnsigned: Bool, progress: @Sendable (String) -> Void) async throws -> [String] {
        let size = Int(checkpoint.size)
        var frontier = MerkleFrontier()
        // A database's stored tree (log_nodes, log_state) is recomputed from every leaf it holds.
        var whole = MerkleFrontier()
        var innerNodes = 0
        var leafCounts: [String: Int] = [:]
        var loggedChanges = Set<Int>()
        var index = 0
        var unsigned = 0
        // A server is read up to the checkpoint; a database to its end, where a forger would append.
        while source.database != nil || index < size {
            let start = index
            let end = source.database == nil ? min(start + Self.page, size) : start + Self.page
            let leaves = try await source.leaves(start..<end)
            var completed: [MerkleFrontier.CompletedNode] = []
            for leaf in leaves {
                guard leaf.index == index else {
                    throw AuditFailure(entry: "leaf \(index)", reason: "missing (the next stored leaf is \(leaf.index))")
                }
                let hash = leaf.entry.leafHash
                guard hash == leaf.hash else {
                    throw AuditFailure(entry: "leaf \(index)", reason: "its text hashes to \(hash.hex), the stored hash is \(leaf.hash.hex)")
                }
                if source.database != nil {
                    completed += whole.append(hash)
                }
                if index < size {
                    _ = frontier.append(hash)
                } else if allowUnsigned {
                    unsigned += 1
                } else {
                    throw AuditFailure(entry: "leaf \(index)", reason: "not covered by any signed checkpoint (the latest has \(size) leaves)")
                }
                index += 1
            }
            if let database = source.database {
                try await checkAgainstDatabase(leaves, database, leafCounts: &leafCounts, changes: &loggedChanges)
                try await Self.checkStoredNodes(completed, database)
                innerNodes += completed.count
            }
            if index % (Self.page * 50) == 0 || index == size { progress("\(min(index, size)) of \(size) leaves checked") }
            if leaves.count < end - start { break }
        }
        guard index >= size else {
            throw AuditFailure(entry: "leaf \(index)", reason: "missing: the checkpoint has \(size) leaves, the log \(index)")
        }
        guard frontier.root == checkpoint.root else {
            throw AuditFailure(
                entry: "checkpoint \(size)",
                reason: "the leaves hash to root \(frontier.root.hex), the signed root is \(checkpoint.root.hex)"
            )
        }
        var lines = ["\(size) leaves hash to the signed root"]
        if unsigned > 0 { lines.append("\(unsigned) newer leaves wait for the next checkpoint") }
        if let database = source.database {
            for (code, count) in try await database.eventCounts().sorted(by: { $0.key < $1.key }) where (leafCounts[code] ?? 0) < count {
                throw AuditFailure(entry: "event \(leafCounts[code] ?? 0) of dossier \(code)", reason: "has no leaf in the log")
            }
            for id in try await database.publicChangeIDs() where !loggedChanges.contains(id) {
                throw AuditFailure(entry: "change \(id)", reason: "a public master-data change with no leaf in the log")
            }
            lines.append("every stored event and public change matches its leaf")
            try await Self.checkStoredState(whole, innerNodes: innerNodes, database)
            lines.append("the stored tree (\(innerNodes) inner nodes) and the log's state row recompute from the leaves")
            lines.append(try await Self.checkPublicStates(database, progress: progress))
        }
        return lines
    }

    /// The inner nodes the leaves complete, against `log_nodes`: a proof is built from these rows,
    /// so a rewritten one would be served as if it were the log.
    static func checkStoredNodes(_ completed: [MerkleFrontier.CompletedNode], _ database: any TransparencyLogStore) async throws {
        let inner = completed.filter { $0.level > 0 }
        guard !inner.isEmpty else { return }
        let stored = try await database.logNodes(Set(inner.map { NodeKey(level: $0.level, index: $0.index) }))
        for node in inner {
            let name = "log_nodes level \(node.level) index \(node.index)"
            guard let hash = stored[NodeKey(level: node.level, index: node.index)] else {
                throw AuditFailure(entry: name, reason: "missing: the leaves complete this subtree but no hash is stored for it")
            }
            guard hash == node.hash else {
                throw AuditFailure(entry: name, reason: "stored \(hash.hex), the leaves below it hash to \(node.hash.hex)")
            }
        }
    }

    /// The state row (size and right edge) and the number of stored nodes, against the leaves.
    static func checkStoredState(_ whole: MerkleFrontier, innerNodes: Int, _ database: any TransparencyLogStore) async throws {
        let state = try await database.logStateRow()
        guard state.size == whole.size else {
            throw AuditFailure(entry: "log_state", reason: "says \(state.size) leaves, the log holds \(whole.size)")
        }
        guard state.frontier == whole.storedText else {
            throw AuditFailure(entry: "log_state", reason: "its right edge is not the one the leaves hash to (root \(whole.root.hex))")
        }
        let count = try await database.logNodeCount()
        guard count == innerNodes else {
            throw AuditFailure(entry: "log_nodes", reason: "\(count) rows stored, the leaves make \(innerNodes) inner nodes")
        }
    }

    /// Every dossier's columns (status, appointment, holder, apology) against the state its logged
    /// events lead to. The events were matched with their leaves before, so a difference is a
    /// column rewritten outside the lifecycle.
    public static func checkPublicStates(_ database: any TransparencyLogStore, progress: @Sendable (String) -> Void) async throws -> String {
        var after: String?
        var checked = 0
        while true {
            let page = try await database.storedPublicStates(after: after, limit: Self.page)
            guard let last = page.last else { break }
            let logged = try await database.loggedDossiers(Set(page.map(\.code)))
            for stored in page {
                guard let dossier = logged[stored.code], let state = DossierPublicState.replay(dossier.events, agency: stored.agency) else {
                    throw AuditFailure(entry: "dossier \(stored.code)", reason: "has no event in the log")
                }
                let differences = state.differences(fromStored: stored.state)
                guard differences.isEmpty else {
                    throw AuditFailure(
                        entry: "dossier \(stored.code)",
                        reason: "its columns say other than its logged events: " + differences.joined(separator: "; ")
                    )
                }
            }
            checked += page.count
            if checked % (Self.page * 50) == 0 { progress("\(checked) dossiers' public state checked") }
            after = last.code
        }
        return "\(checked) dossiers show the status, appointment, holder and apology their logged events lead to"
    }

    func checkAgainstDatabase(
        _ leaves: [LogLeaf],
        _ database: any TransparencyLogStore,
        leafCounts: inout [String: Int],
        changes: inout Set<Int>
    ) async throws {
        let codes = Set(leaves.filter { $0.entry.kind == .dossierEvent }.map(\.entry.reference))
        let dossiers = try await database.loggedDossiers(codes)
        let ids = Set(leaves.filter { $0.entry.kind == .masterData }.compactMap { Int($0.entry.reference) })
        let stored = try await database.loggedChanges(ids)
        for leaf in leaves {
            let entry = leaf.entry
            switch entry.kind {
            case .dossierEvent:
                let name = "event \(entry.ordinal) of dossier \(entry.reference) (leaf \(leaf.index))"
                guard let dossier = dossiers[entry.reference] else { throw AuditFailure(entry: name, reason: "the dossier is not in the database") }
                guard entry.ordinal == leafCounts[entry.reference] ?? 0 else {
                    throw AuditFailure(entry: name, reason: "out of order: event \(leafCounts[entry.reference] ?? 0) was expected next")
                }
                guard entry.ordinal < dossier.events.count else { throw AuditFailure(entry: name, reason: "the event is not in the database") }
                let version = Int(Self.fields(entry.text)["v"] ?? "") ?? LogEntry.version
                let expected = LogEntry.dossierEvent(dossier.events[entry.ordinal], ordinal: entry.ordinal, of: dossier.facts, version: version)
                guard expected.text == entry.text else {
                    throw AuditFailure(entry: name, reason: "the stored event differs from its leaf: \(Self.difference(expected.text, entry.text))")
                }
                leafCounts[entry.reference, default: 0] += 1
            case .masterData:
                let name = "change \(entry.reference) (leaf \(leaf.index))"
                guard let id = Int(entry.reference), let change = stored[id] else {
                    throw AuditFailure(entry: name, reason: "not in the change record")
                }
                guard change.entry?.text == entry.text else {
                    throw AuditFailure(
                        entry: name,
                        reason: "the recorded change differs from its leaf: \(Self.difference(change.entry?.text ?? "", entry.text))"
                    )
                }
                changes.insert(id)
            }
        }
    }

    /// A dossier leaf as a step of ``DossierPublicState/fold(_:agency:)``; nil if it does not read.
    static func step(of entry: LogEntry) -> DossierPublicState.Step? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(entry.text.utf8)) as? [String: Any],
            let action = (object["action"] as? String).flatMap(DossierAction.init(rawValue:)),
            let to = (object["to"] as? String).flatMap(DossierStatus.init(rawValue:)),
            let at = (object["at"] as? String).flatMap(VietnamTime.parseInstant)
        else { return nil }
        let due = (object["due"] as? String).flatMap(LocalDateTime.init(iso:))
        return DossierPublicState.Step(action: action, to: to, at: at, effect: .init(due: due, holder: object["holder"] as? String))
    }

    /// The first differing field of two leaf texts, for the message (never the private part's input).
    static func difference(_ expected: String, _ found: String) -> String {
        let a = fields(expected)
        let b = fields(found)
        for key in Set(a.keys).union(b.keys).sorted() where a[key] != b[key] {
            return "field \(key): stored \(a[key] ?? "absent"), leaf \(b[key] ?? "absent")"
        }
        return "the texts differ"
    }

    static func fields(_ text: String) -> [String: String] {
        guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else { return [:] }
        return object.mapValues { "\($0)" }
    }

    /// A dossier's events: each included in the checkpoint, in order, matching the steps shown.
    func checkDossier(_ code: DossierCode, in checkpoint: Checkpoint) async throws -> String {
        let leaves = try await source.dossierLeaves(code)
        guard let steps = try await source.dossierSteps(code) else {
            throw AuditFailure(entry: "dossier \(code)", reason: "unknown to \(source.name)")
        }
        for (ordinal, step) in steps.enumerated() {
            let name = "event \(ordinal) of dossier \(code)"
            guard ordinal < leaves.count, leaves[ordinal].entry.ordinal == ordinal else {
                throw AuditFailure(entry: name, reason: "has no leaf in the log")
            }
            let leaf = leaves[ordinal]
            let fields = Self.fields(leaf.entry.text)
            guard fields["action"] == step.action, fields["to"] == step.to, fields["at"] == step.at else {
                throw AuditFailure(
                    entry: name,
                    reason:
                        "the step shown (\(step.action) → \(step.to) at \(step.at)) differs from leaf \(leaf.index) (\(fields["action"] ?? "?") → \(fields["to"] ?? "?") at \(fields["at"] ?? "?"))"
                )
            }
            guard UInt64(leaf.index) < checkpoint.size else {
                throw AuditFailure(entry: name, reason: "leaf \(leaf.index) is not yet covered by a signed checkpoint (size \(checkpoint.size))")
            }
            let proof = try await source.inclusionProof(index: leaf.index, size: Int(checkpoint.size))
            do {
                try MerkleVerification.verifyInclusion(
                    index: UInt64(leaf.index),
                    size: checkpoint.size,
                    leaf: leaf.entry.leafHash,
                    proof: proof,
                    root: checkpoint.root
                )
            } catch {
                throw AuditFailure(entry: name, reason: "leaf \(leaf.index) is not included in checkpoint \(checkpoint.size): \(error)")
            }
        }
        guard leaves.count == steps.count else {
            throw AuditFailure(entry: "event \(steps.count) of dossier \(code)", reason: "the log has a leaf for a step the source does not show")
        }
        // What the page states beside the steps must be what its leaves lead to: the status and
        // phase always; the appointment and the holder where every leaf records them (version 2).
        var unchecked = ""
        if let shown = try await source.dossierClaims(code), let agency = leaves.first.flatMap({ Self.fields($0.entry.text)["agency"] }) {
            let folded = leaves.compactMap { Self.step(of: $0.entry) }
            let complete = folded.count == leaves.count && leaves.allSatisfy { (Int(Self.fields($0.entry.text)["v"] ?? "") ?? 1) >= 2 }
            if let logged = DossierPublicState.fold(folded, agency: agency) {
                var differences: [String] = []
                if shown.status != logged.status.rawValue || shown.phase != logged.phase.rawValue {
                    differences.append(
                        "shows status \(shown.status) (phase \(shown.phase)); its leaves end at \(logged.status.rawValue) (phase \(logged.phase.rawValue))"
                    )
                }
                if complete {
                    if let due = logged.due, let shownDue = shown.due, shownDue != due {
                        differences.append("shows the appointment \(shownDue); its leaves fix \(due)")
                    }
                    if let holder = shown.holder, holder != logged.holder {
                        differences.append("shows it held by \(holder); its leaves hand it to \(logged.holder)")
                    }
                } else {
                    unchecked = "; appointment and holder unchecked (leaves of version 1)"
                }
                guard differences.isEmpty else {
                    throw AuditFailure(entry: "dossier \(code)", reason: "\(source.name) " + differences.joined(separator: "; "))
                }
            }
        }
        return "dossier \(code): \(steps.count) events, each included in checkpoint \(checkpoint.size)\(unchecked)"
    }
}
