import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import PASCApp
import PASCCore
import PASCStore
import PASCTestSupport
import Testing

/// An inter-agency (liên thông) dossier over HTTP: birth registration, permanent residence and a
/// health-insurance card (2.000986, 20 working days split 3 / 7 / 10 between the commune People's
/// Committee, the commune police and social insurance). Each agency holds the dossier in turn, sees
/// it in its inbox with its own deadline, and hands it on; a supplement pause moves every deadline
/// not yet due; each hand-over is marked against its part's deadline.
@Suite("An inter-agency dossier")
struct InterAgencyStoryTests {
    @Test(arguments: TestDatabases.backends)
    func eachAgencyHoldsItsPartWithItsOwnDeadline(_ backend: TestDatabases.Backend) async throws {
        let clock = ManualClock()
        clock.set("2026-09-14T09:00:00+07:00")
        let captured = CapturedStore()
        try await withStaffApp(backend, clock: clock, extraRoutes: { _, store in captured.store = store }) { client, _, _ in
            let admin = try await client.sessionHeaders(as: "admin.a")
            let decision = try await client.send(
                .post,
                "/api/v1/boundary-free-decisions",
                #"{"number":"16/QĐ-UBND","signedOn":"2026-09-01","effectiveOn":"2026-09-01","phase":2,"additions":["2.000986"]}"#,
                headers: admin
            )
            #expect(decision.status == .created, "\(String(buffer: decision.body))")
            let received = try await client.send(
                .post,
                "/api/v1/offices/000.01.12.H56/receptions",
                #"""
                {"procedure":"2.000986","applicant":{"name":"Lê Thị Liên Thông","idNumber":"074195054322","birthYear":1995,"homeUnit":"25747"},
                 "delivery":{"kind":"office","office":"000.03.11.H56"},
                 "papers":[{"name":"Tờ khai đăng ký khai sinh","originals":1},{"name":"Giấy chứng sinh","originals":1,"copies":1}]}
                """#,
                headers: try await client.sessionHeaders(as: "officer.b")
            )
            #expect(received.status == .created, "\(String(buffer: received.body))")
            let receipt = try #require(try received.json["receipt"] as? [String: Any])
            WholeRunLog.sensitive([receipt["accessSecret"] as? String ?? "", "Lê Thị Liên Thông", "074195054322"])
            let code = try #require(receipt["code"] as? String)
            #expect(receipt["agency"] as? String == "ubnd.25747")
            #expect(receipt["appointmentDate"] as? String == "2026-10-12", "20 working days after Monday 14/09")

            func plan() async throws -> [[String: Any]] {
                try #require(try await client.get("/api/v1/dossiers/\(code)").json["plan"] as? [[String: Any]])
            }
            let planned = try await plan()
            #expect(planned.compactMap { $0["agency"] as? String } == ["ubnd.25747", "ca.25747", "bhxh-tinh"])
            #expect(planned.compactMap { $0["budget"] as? Int } == [3, 7, 10])
            #expect(
                planned.compactMap { $0["due"] as? String }
                    == ["2026-09-17T17:00:00+07:00", "2026-09-28T17:00:00+07:00", "2026-10-12T17:00:00+07:00"]
            )

            func transfer(to receiver: String, as user: String) async throws -> TestResponse {
                try await client.send(
                    .post,
                    "/api/v1/dossiers/\(code)/transfers",
                    #"{"receiver":"\#(receiver)"}"#,
                    headers: try await client.sessionHeaders(as: user)
                )
            }
            func act(_ action: String, _ reason: String? = nil, as user: String) async throws -> TestResponse {
                let body = reason.map { #"{"action":"\#(action)","reason":"\#($0)"}"# } ?? #"{"action":"\#(action)"}"#
                return try await client.send(.post, "/api/v1/dossiers/\(code)/actions", body, headers: try await client.sessionHeaders(as: user))
            }
            func inbox(_ agency: String, as user: String) async throws -> [[String: Any]] {
                let answer = try await client.get("/api/v1/agencies/\(agency)/inbox", headers: try await client.sessionHeaders(as: user))
                #expect(answer.status == .ok, "\(String(buffer: answer.body))")
                return try #require(try answer.json["items"] as? [[String: Any]])
            }

            clock.set("2026-09-14T09:30:00+07:00")
            #expect(try await transfer(to: "ubnd.25747", as: "officer.b").status == .created)
            // Not yet the police's: it cannot hand the dossier on.
            #expect(try await transfer(to: "bhxh-tinh", as: "police.x").status == .forbidden)
            clock.set("2026-09-14T10:00:00+07:00")
            #expect(try await act("startProcessing", as: "specialist.x").status == .ok)
            clock.set("2026-09-15T10:00:00+07:00")
            #expect(try await act("requestSupplement", "Thiếu giấy chứng sinh", as: "specialist.x").status == .ok)
            // Three working days later the papers come: every deadline not yet due moves by three working days.
            clock.set("2026-09-18T10:00:00+07:00")
            let completed = try await act("completeSupplement", as: "officer.b")
            #expect(try completed.status == .ok && completed.json["appointmentDate"] as? String == "2026-10-15")
            #expect(
                try await plan().compactMap { $0["due"] as? String }
                    == ["2026-09-22T17:00:00+07:00", "2026-10-01T17:00:00+07:00", "2026-10-15T17:00:00+07:00"]
            )

            // The commune hands on to its police a day early; the police now hold it, with their own deadline.
            clock.set("2026-09-21T14:00:00+07:00")
            let toPolice = try await transfer(to: "ca.25747", as: "specialist.x")
            #expect(toPolice.status == .created, "\(String(buffer: toPolice.body))")
            #expect(try toPolice.json["heldBy"] as? String == "ca.25747")
            #expect(try toPolice.json["heldByDue"] as? String == "2026-10-01T17:00:00+07:00")
            #expect(try await inbox("ubnd.25747", as: "specialist.x").allSatisfy { $0["code"] as? String != code })
            let policeInbox = try await inbox("ca.25747", as: "police.x")
            #expect(policeInbox.compactMap { $0["code"] as? String } == [code])
            #expect(policeInbox.first?["due"] as? String == "2026-10-01T17:00:00+07:00")
            #expect(policeInbox.first?["appointmentDue"] as? String == "2026-10-15T17:00:00+07:00")
            // Status changes stay with the competent agency; while the police hold it, only they hand it on.
            #expect(try await act("markResultReady", as: "police.x").status == .forbidden)
            #expect(try await transfer(to: "bhxh-tinh", as: "specialist.x").status == .forbidden)

            // The police hand on a day late; social insurance returns it to the commune early.
            clock.set("2026-10-02T09:00:00+07:00")
            #expect(try await transfer(to: "bhxh-tinh", as: "police.x").status == .created)
            #expect(try await inbox("bhxh-tinh", as: "bhxh.x").first?["due"] as? String == "2026-10-15T17:00:00+07:00")
            clock.set("2026-10-14T09:00:00+07:00")
            let back = try await transfer(to: "ubnd.25747", as: "bhxh.x")
            #expect(try back.status == .created && back.json["heldBy"] as? String == "ubnd.25747")
            clock.set("2026-10-14T10:00:00+07:00")
            #expect(try await act("markResultReady", as: "specialist.x").status == .ok)
            clock.set("2026-10-15T09:00:00+07:00")
            #expect(try await act("returnResult", as: "officer.a").status == .ok)

            let timeline = try await client.get("/api/v1/dossiers/\(code)").json
            #expect(timeline["timeliness"] as? String == "early")
            let parts = try #require(timeline["plan"] as? [[String: Any]])
            #expect(parts.map { $0["timeliness"] as? String } == ["early", "late", "early"])
            #expect(
                parts.map { $0["handedOverAt"] as? String }
                    == ["2026-09-21T14:00:00+07:00", "2026-10-02T09:00:00+07:00", "2026-10-14T09:00:00+07:00"]
            )
            let transfers = try #require(timeline["steps"] as? [[String: Any]]).filter { $0["action"] as? String == "transfer" }
            #expect(transfers.map { $0["timeliness"] as? String } == ["onTime", "early", "late", "early"])
            #expect(
                transfers.map { ($0["details"] as? [String: String])?["giver"] }
                    == ["000.01.12.H56", "ubnd.25747", "ca.25747", "bhxh-tinh"]
            )
            #expect(transfers.map { $0["agency"] as? String } == [nil, "ubnd.25747", "ca.25747", "bhxh-tinh"])
            #expect(!String(describing: timeline).contains("|"), "the recorded plan is served as `plan`, not as raw text")

            // The national portal's record names each step's legal end: each agency's part, then the appointment.
            let portal = try await #require(captured.store).pendingOutbox(.portal, limit: 100).filter { $0.payload.contains(code) }
            let record = try OutboxTests.object(try #require(portal.last).payload)
            let portalSteps = try #require(record["QuaTrinhXuLyHoSo"] as? [[String: Any]])
            #expect(
                portalSteps.filter { $0["NoiDungXuLy"] as? String == portalSteps[1]["NoiDungXuLy"] as? String }
                    .map { $0["NgayKetThucTheoQuyDinh"] as? String }
                    == ["20260914170000", "20260922170000", "20261001170000", "20261015170000"]
            )

            // The receipt lists the papers handed in, with originals and copies.
            let printed = try await client.get("/api/v1/dossiers/\(code)/forms/receipt", headers: try await client.sessionHeaders(as: "officer.b"))
            #expect(printed.status == .ok)
            #expect(
                String(buffer: printed.body).contains("Giấy tờ đã nhận")
                    && String(buffer: printed.body).contains(#"<td>Giấy chứng sinh</td><td class="n">1</td><td class="n">1</td>"#)
            )

            // The tracking sheet prints each agency's share with its deadline and mark.
            let sheet = try await client.get(
                "/api/v1/dossiers/\(code)/forms/tracking-sheet",
                headers: try await client.sessionHeaders(as: "officer.b")
            )
            #expect(sheet.status == .ok)
            let html = String(buffer: sheet.body)
            #expect(html.contains("Phân bổ thời hạn giải quyết") && html.contains("Bảo hiểm xã hội") && html.contains("bhxh-tinh"))
            #expect(html.contains("01/10/2026 17:00") && html.contains("Quá hạn"))
        }
    }
}

/// The store `withStaffApp` built, for reading what the routes wrote (the outbox).
final class CapturedStore: @unchecked Sendable {
    var store: SQLStore?
}
