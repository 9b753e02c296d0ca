import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import PASCCore
import PASCDomain
import PASCStore
import PASCTestSupport
import PASCTransparency
import Testing

@testable import PASCApp

/// The public log over HTTP: checkpoints, leaves, proofs, a dossier's leaves; bad ranges get a
/// 400 naming the valid one; `pasc verify --server`'s reader checks a live server.
@Suite("Transparency over HTTP")
struct TransparencyRoutesTests {
    static let signer = LogSigner(name: "pasc.test/log")

    /// A seeded store with the staff fixtures, served with the log's key (over a socket when `live`).
    static func withLogApp(
        live: Bool = false,
        _ body: @escaping @Sendable (any TestClientProtocol, SQLStore) async throws -> Void
    ) async throws {
        try await TestDatabases.withStore(.sqlite) { store in
            _ = try await store.seedIfEmpty(Fixtures.demo)
            let hasher = BcryptPasswordHasher(cost: 10)
            let hash = try hasher.hash(StaffFixture.password)
            for member in StaffFixture.members { try await store.insertStaff(member, passwordHash: hash, actor: "test") }
            var settings = AuthenticationSettings()
            settings.failureDelayMilliseconds = 0
            let (router, _) = try buildRoutes(
                store: store,
                clock: Fixtures.clock,
                passwords: hasher,
                authenticationSettings: settings,
                logVerifier: signer.verifier
            )
            let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)), logger: WholeRunLog.serverLogger())
            try await app.test(live ? .live : .router) { client in try await body(client, store) }
        }
    }

    @Test func theLogAnswersRangesAndProofsAndNamesTheValidRange() async throws {
        try await Self.withLogApp { client, store in
            #expect(try await client.get("/log/checkpoint").status == .serviceUnavailable, "nothing signed yet")
            #expect(String(buffer: try await client.get("/log/key").body) == Self.signer.verifier.verifierKey + "\n")
            let code = try await DossierRoutesTests.receive(client, as: "officer.a", at: "000.03.11.H56", homeUnit: "25747")
            for _ in 0..<2 { _ = try await DossierRoutesTests.receive(client, as: "officer.a", at: "000.03.11.H56", homeUnit: "25747") }
            let size = try await store.logHead().size
            #expect(size >= 3)
            // The public view leads with the coarse status.
            let phase = try #require(try await client.get("/api/v1/dossiers/\(code)").json["phase"] as? [String: Any])
            #expect(phase["code"] as? String == "received" && phase["name"] as? String == "Đã tiếp nhận")
            // Not yet in a checkpoint: listed, not included.
            var log = try await client.get("/api/v1/dossiers/\(code)/log").json
            var events = try #require(log["events"] as? [[String: Any]])
            #expect(events.count == 1 && events[0]["included"] as? Bool == false && log["checkpoint"] is NSNull)

            let checkpoint = try #require(try await TransparencyLog(store: store, clock: Fixtures.clock).publish(signer: Self.signer))
            let note = String(buffer: try await client.get("/log/checkpoint").body)
            #expect(note == checkpoint.note)
            let opened = try Checkpoint.open(note, verifier: Self.signer.verifier)
            #expect(opened.size == UInt64(size))

            log = try await client.get("/api/v1/dossiers/\(code)/log").json
            events = try #require(log["events"] as? [[String: Any]])
            let event = try #require(events.first)
            #expect(event["included"] as? Bool == true)
            let index = try #require(event["index"] as? Int)
            let data = try #require(event["data"] as? String)
            let proof = try #require(event["proof"] as? [String]).compactMap(MerkleHash.init(base64:))
            try MerkleVerification.verifyInclusion(
                index: UInt64(index),
                size: opened.size,
                leaf: MerkleHash.leaf(Array(data.utf8)),
                proof: proof,
                root: opened.root
            )
            let leaves = try #require(try await client.get("/log/leaves?start=\(index)&end=\(index + 1)").json["leaves"] as? [[String: Any]])
            #expect(leaves.first?["data"] as? String == data)
            let inclusion = try await client.get("/log/proofs/inclusion?index=\(index)&size=\(size)").json
            #expect((inclusion["hashes"] as? [String])?.compactMap(MerkleHash.init(base64:)) == proof)
            #expect(try await client.get("/log/proofs/consistency?from=1&to=\(size)").status == .ok)

            // Out of range: 400 naming the parameter and the valid range.
            for (uri, field, range) in [
                ("/log/proofs/inclusion?index=0&size=\(size + 1)", "size", "1 to \(size)"),
                ("/log/proofs/inclusion?index=\(size)&size=\(size)", "index", "0 to \(size - 1)"),
                ("/log/proofs/consistency?from=\(size)&to=1", "from", "1 to 1"),
                ("/log/proofs/consistency?from=0&to=\(size)", "from", "1 to \(size)"),
                ("/log/leaves?start=0&end=\(size + 1)", "end", "1 to \(size)"),
                ("/log/leaves?start=0", "end", "required"),
                ("/log/proofs/inclusion?index=x&size=1", "index", "whole number"),
            ] {
                let answer = try await client.get(uri)
                #expect(answer.status == .badRequest, "\(uri)")
                #expect(try answer.errorFields == [field], "\(uri)")
                #expect((try answer.json["detailEn"] as? String)?.contains(range) == true, "\(uri): \(String(buffer: answer.body))")
            }
            // An unknown code: the same 404 as the dossier itself, saying nothing of similar codes.
            let unknown = try await client.get("/api/v1/dossiers/000.03.11.H56-260915-0099/log")
            #expect(unknown.status == .notFound)
            #expect(try await client.get("/api/v1/dossiers/garbage/log").status == .notFound)
            // Nothing personal in any public answer of the log.
            for uri in ["/log/leaves?start=0&end=\(size)", "/api/v1/dossiers/\(code)/log", "/log/checkpoint"] {
                let text = String(buffer: try await client.get(uri).body)
                for secret in [DossierRoutesTests.name, DossierRoutesTests.idNumber, "0987001122", "Kỳ Lân", "officer.a"] {
                    #expect(!text.contains(secret), "\(uri) shows \(secret)")
                }
            }
        }
    }

    /// `pasc verify --server`'s reader against a live server: accepts the untouched log with the
    /// dossier's inclusion, refuses another key, and refuses a log rewritten since a saved checkpoint.
    @Test func theVerifierChecksALiveServer() async throws {
        try await Self.withLogApp(live: true) { client, store in
            let code = try await DossierRoutesTests.receive(client, as: "officer.a", at: "000.03.11.H56", homeUnit: "25747")
            let log = TransparencyLog(store: store, clock: Fixtures.clock)
            _ = try await log.publish(signer: Self.signer)
            let source = HTTPLogSource(base: URL(string: "http://127.0.0.1:\(try #require(client.port))")!)
            let audit = LogAudit(verifier: Self.signer.verifier, source: source)
            let report = try await audit.run(.init(dossier: try DossierCode(code), full: true))
            #expect(report.lines.contains { $0.contains("1 events, each included") })

            await #expect(throws: AuditFailure.self) {
                try await LogAudit(verifier: LogSigner(name: "pasc.test/log").verifier, source: source).run(.init())
            }
            // A status column rewritten in the database: the page shows a status no step led to.
            let other = try await DossierRoutesTests.receive(client, as: "officer.a", at: "000.03.11.H56", homeUnit: "25747")
            _ = try await log.publish(signer: Self.signer)
            try await store.execute(unsafeSQL: "UPDATE dossiers SET status = 'resultReady' WHERE code = '\(other)'")
            do {
                _ = try await audit.run(.init(dossier: try DossierCode(other)))
                Issue.record("a rewritten status was accepted")
            } catch let error as AuditFailure {
                #expect(error.entry == "dossier \(other)" && error.reason.contains("shows status resultReady"), "\(error)")
            }
            try await store.execute(unsafeSQL: "UPDATE dossiers SET status = 'accepted' WHERE code = '\(other)'")
            // The appointment or the holder rewritten: the leaves (version 2) fix other ones.
            for (column, value, says) in [
                ("appointment_due", "2026-10-30T17:00", "shows the appointment"), ("holder_code", "bhxh-tinh", "held by bhxh-tinh"),
            ] {
                let third = try await DossierRoutesTests.receive(client, as: "officer.a", at: "000.03.11.H56", homeUnit: "25747")
                _ = try await log.publish(signer: Self.signer)
                try await store.execute(unsafeSQL: "UPDATE dossiers SET \(column) = '\(value)' WHERE code = '\(third)'")
                do {
                    _ = try await audit.run(.init(dossier: try DossierCode(third)))
                    Issue.record("a rewritten \(column) was accepted")
                } catch let error as AuditFailure {
                    #expect(error.entry == "dossier \(third)" && error.reason.contains(says), "\(error)")
                }
            }
            // Rewritten at the same size and re-signed with the real key: the saved checkpoint catches it.
            try await store.execute(unsafeSQL: "UPDATE log_state SET frontier = '\(MerkleHash.emptyRoot.hex)' WHERE id = 1")
            try await store.execute(unsafeSQL: "DELETE FROM log_checkpoints")
            // The server itself refuses to sign a state row its stored tree does not bear out…
            await #expect(throws: LogIntegrityError.self) { try await log.publish(signer: Self.signer) }
            // …so the forger signs it with the stolen key: the saved checkpoint still catches it.
            let head = try await store.logHead()
            let forged = try Checkpoint(origin: Self.signer.name, size: UInt64(head.size), root: head.root).signed(by: Self.signer)
            _ = try await store.saveCheckpoint(
                StoredCheckpoint(size: head.size, root: head.root, note: forged, signedAt: "2026-09-15T10:00:00+07:00")
            )
            do {
                _ = try await audit.run(.init(saved: report.note))
                Issue.record("a rewritten log was accepted")
            } catch let error as AuditFailure {
                // The log grew since the saved checkpoint: the server will not build a consistency
                // proof from its damaged tree (503), so the verifier stops there.
                #expect(error.reason.contains("503") && error.reason.contains("damaged"), "\(error)")
            }
        }
    }
}
