import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import PASCApp
import PASCTestSupport
import Testing

/// The whole story over HTTP: an applicant of commune A hands in a boundary-free dossier at
/// commune point B; A's People's Committee decides it; a supplement stops the clock for three
/// working days; the result is returned at office C.
@Suite("A dossier's whole journey")
struct DossierStoryTests {
    @Test func receivedAtBDecidedByAReturnedAtC() async throws {
        let clock = ManualClock()
        clock.set("2026-09-15T09:00:00+07:00")
        try await withStaffApp(clock: clock) { client, _, _ in
            let admin = try await client.sessionHeaders(as: "admin.a")
            let decision = try await client.send(
                .post,
                "/api/v1/boundary-free-decisions",
                #"{"number":"15/QĐ-UBND","signedOn":"2026-09-01","effectiveOn":"2026-09-01","phase":2,"additions":["1.001193"]}"#,
                headers: admin
            )
            #expect(decision.status == .created)

            // Commune point B (000.01.12.H56) receives for an applicant of commune A (25747); the result goes to C (000.03.11.H56).
            let receptionHeaders = try await client.sessionHeaders(as: "officer.b")
            let received = try await client.send(
                .post,
                "/api/v1/offices/000.01.12.H56/receptions",
                #"""
                {"procedure":"1.001193","applicant":{"name":"Đỗ Thị Hành Trình","idNumber":"074195054321","birthYear":1995,"homeUnit":"25747"},
                 "delivery":{"kind":"office","office":"000.03.11.H56"}}
                """#,
                headers: receptionHeaders
            )
            #expect(received.status == .created, "\(String(buffer: received.body))")
            let receipt = try #require(try received.json["receipt"] as? [String: Any])
            WholeRunLog.sensitive([receipt["accessSecret"] as? String ?? "", "Đỗ Thị Hành Trình", "074195054321"])
            let code = try #require(receipt["code"] as? String)
            #expect(code == "000.01.12.H56-260915-0001", "the code carries B's office code")
            #expect(receipt["agency"] as? String == "ubnd.25747", "A's People's Committee decides")
            #expect(receipt["appointmentDate"] as? String == "2026-09-15")

            // Sessions end after 30 idle minutes and the clock jumps: each step signs in afresh.
            let specialist = "specialist.x"
            let officerB = "officer.b"
            func act(_ action: String, _ reason: String? = nil, as user: String) async throws -> TestResponse {
                let headers = try await client.sessionHeaders(as: user)
                let body = reason.map { #"{"action":"\#(action)","reason":"\#($0)"}"# } ?? #"{"action":"\#(action)"}"#
                return try await client.send(.post, "/api/v1/dossiers/\(code)/actions", body, headers: headers)
            }
            clock.set("2026-09-15T09:30:00+07:00")
            #expect(try await act("startProcessing", as: specialist).status == .ok)
            // A specialist cannot return papers to the applicant; that is the counter's step.
            #expect(try await act("completeSupplement", as: specialist).status == .forbidden)
            let noReason = try await act("requestSupplement", as: specialist)
            #expect(try noReason.status == .unprocessableContent && noReason.errorFields == ["/reason"])
            clock.set("2026-09-15T10:00:00+07:00")
            #expect(try await act("requestSupplement", "Thiếu giấy chứng sinh bản chính", as: specialist).status == .ok)
            #expect(try await client.get("/api/v1/dossiers/\(code)").json["appointmentDate"] as? String == "2026-09-15")

            // The papers arrive three working days later at B: the appointment moves by three working days.
            clock.set("2026-09-18T10:00:00+07:00")
            let completed = try await act("completeSupplement", as: officerB)
            #expect(completed.status == .ok)
            #expect(try completed.json["appointmentDate"] as? String == "2026-09-18")
            #expect(try completed.json["due"] as? String == "2026-09-18T17:00:00+07:00")

            clock.set("2026-09-18T11:00:00+07:00")
            let illegal = try await act("returnResult", as: officerB)
            #expect(illegal.status == .conflict)
            #expect(String(buffer: illegal.body).contains("being processed (status 4)") && String(buffer: illegal.body).contains("markResultReady"))
            #expect(try await act("markResultReady", as: specialist).status == .ok)

            let officerC = "officer.a"
            clock.set("2026-09-18T14:00:00+07:00")
            let returned = try await act("returnResult", as: officerC)
            #expect(returned.status == .ok)
            let timeline = try await client.get("/api/v1/dossiers/\(code)").json
            #expect((timeline["status"] as? [String: Any])?["code"] as? Int == 10)
            #expect(timeline["timeliness"] as? String == "onTime", "ready on the moved appointment date, before 17:00")
            #expect(timeline["overdue"] as? Bool == false)
            let steps = try #require(timeline["steps"] as? [[String: Any]])
            #expect(
                steps.compactMap { $0["action"] as? String }
                    == ["accept", "startProcessing", "requestSupplement", "completeSupplement", "markResultReady", "returnResult"]
            )
            #expect(
                steps.map { $0["at"] as? String } == [
                    "2026-09-15T09:00:00+07:00", "2026-09-15T09:30:00+07:00", "2026-09-15T10:00:00+07:00", "2026-09-18T10:00:00+07:00",
                    "2026-09-18T11:00:00+07:00", "2026-09-18T14:00:00+07:00",
                ]
            )
            #expect(steps.last?["office"] as? String == "000.03.11.H56", "returned at C")
            // The public sees the step, not the reason a person typed (the applicant and staff do).
            #expect(steps[2]["agency"] as? String == "ubnd.25747" && steps[2]["reason"] is NSNull)
            let final = try await act("withdraw", "đổi ý", as: officerC)
            #expect(final.status == .conflict && String(buffer: final.body).contains("nothing (a final status)"))
        }
    }
}
