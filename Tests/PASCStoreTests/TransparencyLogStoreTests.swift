import Foundation
import PASCCore
import PASCDomain
import PASCStore
import PASCTestSupport
import PASCTransparency
import Testing

/// The public log kept by the store: every event and public change is a leaf in its own
/// transaction, proofs from the stored subtrees verify, and the verifier names each tampering.
@Suite("Transparency log store")
struct TransparencyLogStoreTests {
    static let signer = LogSigner(name: "pasc.test/log")

    /// Three dossiers, one moved on twice, and the announced days' seed: a small real log.
    static func fill(_ store: SQLStore) async throws -> [DossierCode] {
        _ = try await store.seedIfEmpty(Fixtures.demo)
        let office = Fixtures.demo.offices.first { $0.level == .communePoint }!.code
        let day = try LocalDate(iso: "2026-09-15")
        var codes: [DossierCode] = []
        for index in 0..<3 {
            codes.append(try await store.acceptDossier(DossierStoreContractTests.newDossier(office: office, day: day, index: index)))
        }
        let actor = EventActor(username: "chuyenvien.b", role: .specialist, agency: "ubnd.25750")
        var status = DossierStatus.accepted
        for (action, reason) in [(DossierAction.startProcessing, nil), (.requestSupplement, "Thiếu bản sao giấy khai sinh của Trần Thị Thử")] {
            let event = try DossierLifecycle.event(action, on: status, by: actor, at: Fixtures.t0.addingTimeInterval(3600), reason: reason)
            try await store.applyEvent(event, to: codes[1], update: DossierUpdate())
            status = event.to
        }
        let holiday = try AnnouncedDay(
            date: LocalDate(iso: "2026-12-31"),
            kind: .dayOff,
            name: "Nghỉ bù",
            nameEn: "Swap day off",
            reference: "Thông báo thử"
        )
        try await store.putAnnouncedDay(
            holiday,
            change: ChangeRecord(
                at: "2026-09-15T09:00:00+07:00",
                actor: "admin.tinh",
                entity: "announcedDay",
                key: "2026-12-31",
                oldValue: nil,
                newValue: #"{"name":"Nghỉ bù"}"#
            )
        )
        return codes
    }

    static func audit(_ store: SQLStore, _ options: LogAudit.Options = .init()) async throws(AuditFailure) -> LogAudit.Report {
        try await LogAudit(verifier: signer.verifier, source: StoreLogSource(name: "test", store: store, clock: Fixtures.clock)).run(options)
    }

    static func publish(_ store: SQLStore) async throws -> StoredCheckpoint? {
        try await TransparencyLog(store: store, clock: Fixtures.clock).publish(signer: signer)
    }

    @Test(arguments: TestDatabases.backends)
    func everyEventAndPublicChangeIsALeafWithProofs(_ backend: TestDatabases.Backend) async throws {
        try await TestDatabases.withStore(backend) { store in
            let codes = try await Self.fill(store)
            let head = try await store.logHead()
            let changes = try await store.publicChangeIDs()
            #expect(head.size == 3 + 2 + changes.count, "five events and each public change, nothing else")
            let leaves = try await store.logLeaves(0..<head.size)
            #expect(leaves.map(\.index) == Array(0..<head.size))
            let second = try await store.logLeaves(ofDossier: codes[1])
            #expect(second.map(\.entry.ordinal) == [0, 1, 2])
            #expect(second[2].entry.text.contains(#""action":"requestSupplement","from":"processing","to":"supplementRequested""#))
            // No personal data in any leaf: not the applicant, not the reason naming her, not the officers.
            for leaf in leaves {
                for secret in ["Trần Thị Thử", "074190012345", "0912345678", "Phú Cường", "motcua.a", "chuyenvien.b", "admin.tinh", "giấy khai sinh"]
                {
                    #expect(!leaf.entry.text.contains(secret), "leaf \(leaf.index) shows \(secret)")
                }
                #expect(leaf.hash == leaf.entry.leafHash)
            }
            // The root kept with the state equals the root from the stored subtrees, and every proof verifies.
            let log = TransparencyLog(store: store, clock: Fixtures.clock)
            #expect(try await log.root(size: head.size) == head.root)
            for size in 1...head.size {
                let root = try await log.root(size: size)
                for leaf in leaves.prefix(size) {
                    let proof = try await log.inclusionProof(index: leaf.index, size: size)
                    try MerkleVerification.verifyInclusion(index: UInt64(leaf.index), size: UInt64(size), leaf: leaf.hash, proof: proof, root: root)
                }
                let proof = try await log.consistencyProof(from: size, to: head.size)
                try MerkleVerification.verifyConsistency(size1: UInt64(size), size2: UInt64(head.size), proof: proof, root1: root, root2: head.root)
            }
            await #expect(throws: LogRequestError.sizeBeyondLog(size: head.size + 1, logSize: head.size)) {
                try await log.inclusionProof(index: 0, size: head.size + 1)
            }
            // A checkpoint is signed once per size; the audit accepts the untouched log.
            let first = try #require(try await Self.publish(store))
            #expect(first.size == head.size)
            #expect(try await Self.publish(store) == nil, "nothing new, no new checkpoint")
            let report = try await Self.audit(store, .init(dossier: codes[1]))
            #expect(report.checkpoint.size == UInt64(head.size))
        }
    }

    /// The tracking page's one query gives what the two separate reads give.
    @Test(arguments: TestDatabases.backends)
    func aDossierWithItsEventsInOneQueryMatchesTheSeparateReads(_ backend: TestDatabases.Backend) async throws {
        try await TestDatabases.withStore(backend) { store in
            let codes = try await Self.fill(store)
            for code in codes {
                let (dossier, events) = try #require(try await store.dossierWithEvents(code))
                #expect(events == (try await store.events(of: code)))
                let separate = try #require(try await store.dossier(code))
                #expect(dossier.code == separate.code && dossier.status == separate.status && dossier.office == separate.office)
                #expect(dossier.agency == separate.agency && dossier.appointmentDue == separate.appointmentDue && dossier.holder == separate.holder)
            }
            #expect(try await store.events(of: codes[1]).count == 3)
            #expect(try await store.dossierWithEvents(try DossierCode("000.03.11.H56-260915-0999")) == nil)
        }
    }

    /// A database made before the log: its dossiers and public changes are logged when it migrates.
    @Test(arguments: TestDatabases.backends)
    func anOlderDatabaseIsLoggedWhenItMigrates(_ backend: TestDatabases.Backend) async throws {
        try await TestDatabases.withStore(backend) { store in
            let codes = try await Self.fill(store)
            // As the tables were before migration 14 filled them: no leaves, no salts.
            for sql in [
                "DELETE FROM log_leaves", "DELETE FROM log_nodes", "UPDATE log_state SET size = 0, frontier = ''",
                "UPDATE dossiers SET log_salt = NULL", "UPDATE change_log SET log_index = NULL",
            ] { try await store.execute(unsafeSQL: sql) }
            try await store.migrate()
            let changes = try await store.publicChangeIDs()
            #expect(try await store.logHead().size == 5 + changes.count)
            #expect(try await store.logLeaves(ofDossier: codes[1]).map(\.entry.ordinal) == [0, 1, 2])
            _ = try await Self.publish(store)
            _ = try await Self.audit(store)
            try await store.migrate()
            #expect(try await store.logHead().size == 5 + changes.count, "logged once")
        }
    }

    /// After a key rotation the new key's checkpoint must extend the old key's last one: accepted
    /// with the old key named for the saved checkpoint, refused without it.
    @Test(arguments: TestDatabases.backends)
    func aRotatedKeyExtendsTheOldKeysCheckpoint(_ backend: TestDatabases.Backend) async throws {
        try await TestDatabases.withStore(backend) { store in
            let codes = try await Self.fill(store)
            let saved = try #require(try await Self.publish(store)).note
            let actor = EventActor(username: "chuyenvien.b", role: .specialist, agency: "ubnd.25750")
            try await store.applyEvent(
                try DossierLifecycle.event(.startProcessing, on: .accepted, by: actor, at: Fixtures.t0),
                to: codes[0],
                update: DossierUpdate()
            )
            let newKey = LogSigner(name: "pasc.test/log-2027")
            _ = try #require(try await TransparencyLog(store: store, clock: Fixtures.clock).publish(signer: newKey))
            let source = StoreLogSource(name: "test", store: store, clock: Fixtures.clock)
            let report = try await LogAudit(verifier: newKey.verifier, source: source).run(.init(saved: saved, savedVerifier: Self.signer.verifier))
            #expect(report.checkpoint.origin == "pasc.test/log-2027")
            await #expect(throws: AuditFailure.self) {
                try await LogAudit(verifier: newKey.verifier, source: source).run(.init(saved: saved))
            }
        }
    }

    /// A malformed checkpoint (served or saved) is a named failure, never a crash.
    @Test func malformedCheckpointsAreRefusedWithAReason() async throws {
        try await TestDatabases.withStore(.sqlite) { store in
            _ = try await Self.fill(store)
            let good = try #require(try await Self.publish(store))
            for (saved, entry) in [
                ("", "saved checkpoint"), ("garbage\n", "saved checkpoint"),
                (good.note.replacingOccurrences(of: "\n\n", with: "\n"), "saved checkpoint"),
            ] {
                do {
                    _ = try await Self.audit(store, .init(saved: saved))
                    Issue.record("accepted a saved checkpoint \(saved.debugDescription)")
                } catch let error as AuditFailure {
                    #expect(error.entry == entry, "\(error)")
                }
            }
            for note in [
                "", "\n\n", "pasc.test/log\nnot a number\nAAAA\n\n— pasc.test/log AAAA\n",
                String(good.note.dropLast(20)), good.note.replacingOccurrences(of: "pasc.test/log\n", with: "other/log\n"),
            ] {
                try await store.execute(unsafeSQL: "DELETE FROM log_checkpoints")
                try await store.execute(
                    unsafeSQL:
                        "INSERT INTO log_checkpoints (size, root, note, signed_at) VALUES (1, '\(good.root.hex)', '\(note.replacingOccurrences(of: "'", with: "''"))', 'x')"
                )
                do {
                    _ = try await Self.audit(store)
                    Issue.record("accepted the checkpoint \(note.debugDescription)")
                } catch let error as AuditFailure {
                    #expect(error.entry == "checkpoint", "\(error)")
                }
            }
        }
    }

    /// The mutations the issue lists, each on a fresh log: the verifier fails and names the entry.
    /// Two servers on one database: one appends while the other checks its state row and signs;
    /// an append between the checker's reads is growth, not damage.
    @Test func theStateCheckHoldsWhileAnotherServerAppends() async throws {
        guard TestDatabases.postgresURL != nil else { return }
        try await TestDatabases.withTwoPostgresStores { writer, checker in
            _ = try await writer.seedIfEmpty(Fixtures.demo)
            let office = Fixtures.demo.offices.first { $0.level == .communePoint }!.code
            let day = try LocalDate(iso: "2026-09-15")
            let log = TransparencyLog(store: checker, clock: Fixtures.clock)
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    for index in 0..<150 {
                        _ = try await writer.acceptDossier(DossierStoreContractTests.newDossier(office: office, day: day, index: index))
                    }
                }
                group.addTask {
                    for _ in 0..<150 {
                        try await log.checkState()
                        _ = try await log.publish(signer: Self.signer)
                    }
                }
                try await group.waitForAll()
            }
            try await log.checkState()
            _ = try await Self.audit(checker)
        }
    }

    @Test(arguments: TestDatabases.backends)
    func theVerifierNamesEachTampering(_ backend: TestDatabases.Backend) async throws {
        func tampered(_ expectedEntry: String, _ reasonPart: String, _ tamper: (SQLStore, [DossierCode], String) async throws -> Void) async throws {
            try await TestDatabases.withStore(backend) { store in
                let codes = try await Self.fill(store)
                let saved = try #require(try await Self.publish(store)).note
                _ = try await Self.audit(store, .init(saved: saved))
                try await tamper(store, codes, saved)
                do {
                    _ = try await Self.audit(store, .init(saved: saved))
                    Issue.record("the verifier accepted: \(expectedEntry)")
                } catch let error as AuditFailure {
                    #expect(error.entry.hasPrefix(expectedEntry), "\(error)")
                    #expect(error.reason.contains(reasonPart), "\(error)")
                }
            }
        }
        // One stored event changed.
        try await tampered("event 1 of dossier", "field at") { store, codes, _ in
            try await store.execute(
                unsafeSQL:
                    "UPDATE dossier_events SET at = '2026-09-14T09:00:00+07:00' WHERE id = (SELECT id FROM dossier_events WHERE dossier_code = '\(codes[1])' ORDER BY id LIMIT 1 OFFSET 1)"
            )
        }
        // A private field changed (the reason): only the salted commitment catches it.
        try await tampered("event 2 of dossier", "field private") { store, _, _ in
            try await store.execute(unsafeSQL: "UPDATE dossier_events SET reason = 'Đủ giấy tờ' WHERE action = 'requestSupplement'")
        }
        // One leaf's text changed.
        try await tampered("leaf 2", "hashes to") { store, _, _ in
            try await store.execute(unsafeSQL: "UPDATE log_leaves SET data = replace(data, '\"accept\"', '\"refuse\"') WHERE idx = 2")
        }
        // A leaf's text and hash changed together.
        try await tampered("event 0 of dossier", "field action") { store, _, _ in
            let leaf = try #require(try await store.logLeaves(2..<3).first)
            let forged = leaf.entry.text.replacingOccurrences(of: #""accept""#, with: #""refuse""#)
            try await store.execute(
                unsafeSQL: "UPDATE log_leaves SET data = '\(forged)', leaf_hash = '\(MerkleHash.leaf(Array(forged.utf8)).hex)' WHERE idx = 2"
            )
        }
        // An event removed.
        try await tampered("event 2 of dossier", "not in the database") { store, codes, _ in
            try await store.execute(unsafeSQL: "DELETE FROM dossier_events WHERE action = 'requestSupplement'")
        }
        // A leaf removed.
        try await tampered("leaf 3", "missing") { store, _, _ in
            try await store.execute(unsafeSQL: "DELETE FROM log_leaves WHERE idx = 3")
        }
        // A forged leaf appended, with its event, but no new signed checkpoint.
        try await tampered("leaf", "not covered by any signed checkpoint") { store, codes, _ in
            let actor = EventActor(username: "ke.gia.mao", role: .specialist, agency: "ubnd.25750")
            let event = try DossierLifecycle.event(.startProcessing, on: .accepted, by: actor, at: Fixtures.t0)
            try await store.applyEvent(event, to: codes[0], update: DossierUpdate())
        }
        // A dossier's columns rewritten: what the public reads no longer follows its logged events.
        try await tampered("dossier", "status: stored resultReady") { store, codes, _ in
            try await store.execute(unsafeSQL: "UPDATE dossiers SET status = 'resultReady' WHERE code = '\(codes[0])'")
        }
        try await tampered("dossier", "appointment_due: stored 2027") { store, codes, _ in
            try await store.execute(
                unsafeSQL: "UPDATE dossiers SET appointment_due = replace(appointment_due, '2026', '2027') WHERE code = '\(codes[2])'"
            )
        }
        try await tampered("dossier", "holder_code: stored bhxh-tinh") { store, codes, _ in
            try await store.execute(unsafeSQL: "UPDATE dossiers SET holder_code = 'bhxh-tinh' WHERE code = '\(codes[1])'")
        }
        try await tampered("dossier", "apology_at") { store, codes, _ in
            try await store.execute(unsafeSQL: "UPDATE dossiers SET apology_at = '2026-09-16T10:00:00+07:00' WHERE code = '\(codes[0])'")
        }
        // The stored tree rewritten: a subtree's hash, the state row's size, its right edge.
        try await tampered("log_nodes level 1 index 0", "the leaves below it hash to") { store, _, _ in
            try await store.execute(unsafeSQL: "UPDATE log_nodes SET hash = '\(String(repeating: "0", count: 64))' WHERE level = 1 AND idx = 0")
            // The server refuses to serve a proof through it, and says why.
            do {
                _ = try await TransparencyLog(store: store, clock: Fixtures.clock).inclusionProof(index: 3, size: try await store.logHead().size)
                Issue.record("a proof through a rewritten subtree was served")
            } catch let error as LogIntegrityError {
                #expect("\(error)".contains("inclusion of leaf 3"))
            }
        }
        try await tampered("log_state", "says") { store, _, _ in
            try await store.execute(unsafeSQL: "UPDATE log_state SET size = size - 1, frontier = '' WHERE id = 1")
            await #expect(throws: LogIntegrityError.self, "the server refuses to start on it") {
                try await TransparencyLog(store: store, clock: Fixtures.clock).checkState()
            }
        }
        try await tampered("log_state", "right edge") { store, _, _ in
            let state = try await store.logStateRow()
            let forged = state.frontier.split(separator: ",").map { _ in String(repeating: "ab", count: 32) }.joined(separator: ",")
            try await store.execute(unsafeSQL: "UPDATE log_state SET frontier = '\(forged)' WHERE id = 1")
            await #expect(throws: LogIntegrityError.self) { try await TransparencyLog(store: store, clock: Fixtures.clock).checkState() }
        }
        // The whole history rewritten consistently (event, leaf, subtrees, state) and re-signed
        // with the real key: only the checkpoint saved before catches it.
        try await tampered("checkpoint", "rewritten") { store, codes, _ in
            try await store.execute(unsafeSQL: "UPDATE dossier_events SET at = '2026-09-14T09:00:00+07:00' WHERE action = 'requestSupplement'")
            let size = try await store.logHead().size
            var leaves = try await store.logLeaves(0..<size)
            let logged = try await store.loggedDossiers([codes[1].description])[codes[1].description]!
            let index = try #require(leaves.firstIndex { $0.entry.reference == codes[1].description && $0.entry.ordinal == 2 })
            let entry = LogEntry.dossierEvent(logged.events[2], ordinal: 2, of: logged.facts)
            leaves[index] = LogLeaf(index: leaves[index].index, entry: entry, hash: entry.leafHash, appendedAt: leaves[index].appendedAt)
            try await store.execute(
                unsafeSQL: "UPDATE log_leaves SET data = '\(entry.text)', leaf_hash = '\(entry.leafHash.hex)' WHERE idx = \(leaves[index].index)"
            )
            var frontier = MerkleFrontier()
            try await store.execute(unsafeSQL: "DELETE FROM log_nodes")
            for leaf in leaves {
                for node in frontier.append(leaf.hash) {
                    try await store.execute(
                        unsafeSQL: "INSERT INTO log_nodes (level, idx, hash) VALUES (\(node.level), \(node.index), '\(node.hash.hex)')"
                    )
                }
            }
            try await store.execute(unsafeSQL: "UPDATE log_state SET frontier = '\(frontier.storedText)' WHERE id = 1")
            try await store.execute(unsafeSQL: "DELETE FROM log_checkpoints")
            _ = try #require(try await Self.publish(store))
        }
    }
}
