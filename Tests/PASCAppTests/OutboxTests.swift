import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import PASCCore
import PASCDomain
import PASCStore
import PASCTestSupport
import Synchronization
import Testing

@testable import PASCApp

/// The outbox: one portal progress record per transition, notifications for the applicant, both
/// in the step's transaction; delivered in order, at least once, to a local receiver or a file.
@Suite("Outbox")
struct OutboxTests {
    /// Like `withStaffApp`, also handing the test the store.
    static func withStaffStore(
        clock: any Clock,
        _ body: @escaping @Sendable (any TestClientProtocol, SQLStore) async throws -> Void
    ) async throws {
        try await TestDatabases.withStore(.sqlite) { store in
            _ = try await store.seedIfEmpty(Fixtures.demo)
            let hasher = BcryptPasswordHasher(cost: 10)
            let hash = try hasher.hash(StaffFixture.password)
            for member in StaffFixture.members { try await store.insertStaff(member, passwordHash: hash, actor: "test") }
            var settings = AuthenticationSettings()
            settings.failureDelayMilliseconds = 0
            let (router, _) = try buildRoutes(store: store, clock: clock, passwords: hasher, authenticationSettings: settings)
            try await Application(router: router, logger: WholeRunLog.serverLogger()).test(.router) { client in
                try await body(client, store)
            }
        }
    }

    static func object(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func everyTransitionWritesOnePortalRecordAndTheApplicantIsToldWhatMatters() async throws {
        let clock = ManualClock()
        clock.set("2026-09-15T09:00:00+07:00")
        try await Self.withStaffStore(clock: clock) { client, store in
            let code = try await DossierRoutesTests.receive(client, as: "officer.a", at: "000.03.11.H56", homeUnit: "25747", procedure: "1.004873")
            func act(_ body: String, as user: String) async throws {
                let answer = try await client.send(
                    .post,
                    "/api/v1/dossiers/\(code)/actions",
                    body,
                    headers: try await client.sessionHeaders(as: user)
                )
                #expect(answer.status == .ok, "\(String(buffer: answer.body))")
            }
            clock.set("2026-09-15T10:00:00+07:00")
            try await act(#"{"action":"startProcessing"}"#, as: "specialist.x")
            try await act(#"{"action":"requestSupplement","reason":"Thiếu bản sao trích lục"}"#, as: "specialist.x")
            clock.set("2026-09-16T10:00:00+07:00")
            try await act(#"{"action":"completeSupplement"}"#, as: "officer.a")
            try await act(#"{"action":"markResultReady"}"#, as: "specialist.x")
            try await act(#"{"action":"returnResult"}"#, as: "officer.a")

            let portal = try await store.pendingOutbox(.portal, limit: 100)
            #expect(portal.count == 6, "acceptance and five transitions")
            let statuses = try portal.map { try Self.object($0.payload)["TrangThaiHoSo"] as? Int }
            #expect(statuses == [2, 4, 5, 4, 9, 10])
            let last = try Self.object(try #require(portal.last).payload)
            #expect(last["MaHoSo"] as? String == code && last["KenhThucHien"] as? Int == 1 && last["LoaiDoiTuong"] as? Int == 1)
            #expect(last["NgayTiepNhan"] as? String == "20260915090000")
            #expect(last["NgayKetThucXuLy"] as? String == "20260916100000" && last["NgayTra"] as? String == "20260916100000")
            let steps = try #require(last["QuaTrinhXuLyHoSo"] as? [[String: Any]])
            #expect(steps.count == 6 && steps.last?["TrangThai"] as? Int == 10)
            #expect(steps.last?["NgayKetThucTheoQuyDinh"] as? String == last["NgayHenTra"] as? String)
            for message in portal {
                for value in [DossierRoutesTests.name, DossierRoutesTests.idNumber, "0987001122", "Kỳ Lân"] {
                    #expect(!message.payload.contains(value), "the portal record carries no personal data")
                }
            }
            let notices = try await store.pendingOutbox(.notification, limit: 100)
            #expect(try notices.map { try Self.object($0.payload)["event"] as? String } == ["requestSupplement", "markResultReady", "returnResult"])
            let first = try Self.object(notices[0].payload)
            #expect(first["to"] as? String == "0987001122" && (first["text"] as? String)?.contains("Thiếu bản sao trích lục") == true)
            #expect((first["text"] as? String)?.contains(DossierRoutesTests.name) == false, "the text never names the applicant")
        }
    }

    /// A receiver that records what it got and fails on demand.
    final class Receiver: Sendable {
        let received = Mutex<[(key: String, id: Int)]>([])
        let failNext = Mutex(0)
    }

    @Test func deliveryIsInOrderAtLeastOnceAndMarksWhatWasDelivered() async throws {
        try await TestDatabases.withStore(.sqlite) { store in
            _ = try await store.seedIfEmpty(Fixtures.demo)
            let reception = ReceptionTests.reception(store)
            let request = Reception.Request(
                procedure: try ProcedureCode("1.004873"),
                office: ReceptionTests.pointA,
                channel: .counter,
                applicant: try ReceptionTests.applicantOfA(),
                delivery: .electronic
            )
            for _ in 0..<5 { _ = try await reception.receive(request, by: ReceptionTests.officerB) }
            let receiver = Receiver()
            let router = Router()
            router.post("/in") { request, _ -> HTTPResponse.Status in
                if receiver.failNext.withLock({ n in
                    n > 0
                        ? {
                            n -= 1
                            return true
                        }() : false
                }) {
                    return .internalServerError
                }
                let body = try await request.body.collect(upTo: 1 << 20)
                let object = try JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [String: Any]
                let key = request.headers[HTTPField.Name("Idempotency-Key")!] ?? ""
                receiver.received.withLock { $0.append((key, object?["id"] as? Int ?? -1)) }
                return .accepted
            }
            try await Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0))).test(.live) { client in
                let port = try #require(client.port)
                let sender = HTTPOutboxSender(endpoint: URL(string: "http://127.0.0.1:\(port)/in")!)
                let delivery = OutboxDelivery(store: store, sender: sender, clock: Fixtures.clock)
                receiver.failNext.withLock { $0 = 1 }
                await #expect(throws: HTTPOutboxSender.Refused.self) { try await delivery.run(.portal, batch: 2) }
                #expect(try await store.outboxCounts(.portal) == (delivered: 0, waiting: 5), "nothing is marked when the endpoint refuses")
                var reports: [Int] = []
                #expect(try await delivery.run(.portal, batch: 2) { reports.append($0) } == 5)
                #expect(reports == [2, 4, 5])
                #expect(try await store.outboxCounts(.portal) == (delivered: 5, waiting: 0))
                let ids = receiver.received.withLock { $0.map(\.id) }
                #expect(ids == ids.sorted() && ids.count == 5)
                #expect(receiver.received.withLock { $0.allSatisfy { $0.key == "pasc-outbox-\($0.id)" } })
                #expect(try await delivery.run(.portal) == 0, "a second run finds nothing")
            }
            // The file sender appends one JSON line per message.
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("pasc-outbox-\(UUID().uuidString).jsonl").path
            defer { try? FileManager.default.removeItem(atPath: path) }
            let messages = try await store.pendingOutbox(.notification, limit: 10)
            #expect(messages.isEmpty, "the fixture applicant gave no phone: nothing to notify")
            let sample = OutboxMessage(id: 7, channel: .portal, dossier: "x", payload: #"{"TrangThaiHoSo":2}"#, createdAt: Fixtures.t0)
            try await FileOutboxSender(path: path).send([sample, sample])
            let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
            #expect(lines.count == 2)
            let line = try Self.object(String(lines[0]))
            #expect(line["id"] as? Int == 7 && (line["payload"] as? [String: Any])?["TrangThaiHoSo"] as? Int == 2)
        }
    }
}
