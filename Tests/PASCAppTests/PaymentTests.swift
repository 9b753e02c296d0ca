import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import PASCApp
import PASCCore
import PASCStore
import PASCTestSupport
import Testing

/// Financial obligations: the agency asks for an amount with its basis, the counter records the
/// payment of that amount; whether the clock stops meanwhile is the procedure's rule.
@Suite("Financial obligations")
struct PaymentTests {
    @Test(arguments: TestDatabases.backends)
    func theCounterRecordsThePaymentAndTheClockStopsOnlyWhereTheProcedureSaysSo(_ backend: TestDatabases.Backend) async throws {
        let clock = ManualClock()
        clock.set("2026-09-15T09:00:00+07:00")
        let captured = CapturedStore()
        try await withStaffApp(backend, clock: clock, extraRoutes: { _, store in captured.store = store }) { client, _, _ in
            let code = try await DossierStepsTests.receive(client)
            #expect(try await client.get("/api/v1/dossiers/\(code)").json["appointmentDate"] as? String == "2026-09-18")
            func post(_ path: String, _ body: String, as user: String) async throws -> TestResponse {
                try await DossierStepsTests.post(client, "/api/v1/dossiers/\(code)/\(path)", body, as: user)
            }
            clock.set("2026-09-15T09:30:00+07:00")
            #expect(try await post("transfers", #"{"receiver":"ubnd.25747"}"#, as: "officer.a").status == .created)
            #expect(try await post("actions", #"{"action":"startProcessing"}"#, as: "specialist.x").status == .ok)

            // Bad requests name their fields; the generic route points to this one; the counter cannot ask.
            let empty = try await post("payment-request", #"{"amountVND":0,"basis":" "}"#, as: "specialist.x")
            #expect(try empty.status == .badRequest && Set(empty.errorFields) == ["/amountVND", "/basis"])
            let generic = try await post("actions", #"{"action":"requestPayment","reason":"lệ phí"}"#, as: "specialist.x")
            #expect(generic.status == .badRequest && String(buffer: generic.body).contains("/payment-request"))
            let byCounter = try await post("payment-request", #"{"amountVND":1250000,"basis":"Lệ phí"}"#, as: "officer.a")
            #expect(byCounter.status == .forbidden)
            #expect(try await post("payment", #"{"amountVND":1250000}"#, as: "officer.a").status == .conflict, "nothing asked yet")

            // This procedure does not stop the clock for payment: the appointment stays.
            clock.set("2026-09-16T10:00:00+07:00")
            let asked = try await post("payment-request", #"{"amountVND":1250000,"basis":"Lệ phí đăng ký"}"#, as: "specialist.x")
            #expect(asked.status == .created, "\(String(buffer: asked.body))")
            #expect(try (asked.json["status"] as? [String: Any])?["code"] as? Int == 6)
            let wrong = try await post("payment", #"{"amountVND":1000000}"#, as: "officer.a")
            #expect(try wrong.status == .unprocessableContent && wrong.errorFields == ["/amountVND"])
            clock.set("2026-09-17T10:00:00+07:00")
            let paid = try await post("payment", #"{"amountVND":1250000,"receiptNumber":"BL-0001"}"#, as: "officer.a")
            #expect(paid.status == .created)
            #expect(try paid.json["appointmentDate"] as? String == "2026-09-18")
            let paidStep = try #require((try paid.json["steps"] as? [[String: Any]])?.last)
            #expect(paidStep["details"] as? [String: String] == ["amountVND": "1250000", "receiptNumber": "BL-0001", "method": "cash"])

            // The administrator marks the procedure as one whose clock stops for payment: two working days of waiting move it.
            let admin = try await client.sessionHeaders(as: "admin.a")
            let changed = try await client.send(
                .patch,
                "/api/v1/procedures/\(DossierStepsTests.procedure)",
                #"{"paymentStopsClock":true}"#,
                headers: admin
            )
            #expect(changed.status == .ok, "\(String(buffer: changed.body))")
            clock.set("2026-09-17T11:00:00+07:00")
            #expect(
                try await post("payment-request", #"{"amountVND":50000,"basis":"Phí cung cấp thông tin"}"#, as: "specialist.x").status == .created
            )
            // Past the old date while the applicant pays: the clock stands still, nothing is late.
            clock.set("2026-09-21T11:00:00+07:00")
            let waiting = try await client.get("/api/v1/dossiers/\(code)").json
            #expect(waiting["overdue"] as? Bool == false && waiting["violation"] as? Bool == false)
            let unknown = try await post("payment", #"{"amountVND":50000,"method":"barter"}"#, as: "officer.a")
            #expect(try unknown.status == .badRequest && unknown.errorFields == ["/method"])
            let paidLater = try await post("payment", #"{"amountVND":50000,"method":"online"}"#, as: "officer.a")
            #expect(try paidLater.status == .created && paidLater.json["appointmentDate"] as? String == "2026-09-22")
            #expect(
                try (paidLater.json["steps"] as? [[String: Any]])?.last?["details"] as? [String: String] == [
                    "amountVND": "50000", "method": "online",
                ]
            )
            #expect(try (paidLater.json["appointmentRule"] as? String)?.contains("nghĩa vụ tài chính") == true)
            #expect(try (paidLater.json["plan"] as? [[String: Any]])?.last?["due"] as? String == "2026-09-22T17:00:00+07:00")

            // The applicant was told what to pay, in whole đồng written the Vietnamese way.
            let notices = try await #require(captured.store).pendingOutbox(.notification, limit: 100).map(\.payload)
            #expect(notices.contains { $0.contains("nghĩa vụ tài chính 1.250.000 đồng") && $0.contains(code) })
        }
    }
}
