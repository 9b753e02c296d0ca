import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import PASCApp
import PASCTestSupport
import Testing

/// The printable forms, rendered from the Mustache templates over real dossiers and submissions.
@Suite("Printable forms")
struct FormsTests {
    @Test func theCounterPrintsEveryFormOfADossiersLife() async throws {
        let clock = ManualClock()
        clock.set("2026-09-15T09:00:00+07:00")
        try await withStaffApp(clock: clock) { client, _, _ in
            let officer = try await client.sessionHeaders(as: "officer.a")
            let code = try await DossierStepsTests.receive(client)
            let receipt = try await client.get("/api/v1/dossiers/\(code)/forms/receipt", headers: officer)
            #expect(receipt.status == .ok)
            #expect(receipt.headers[.contentType] == "text/html; charset=utf-8")
            let html = String(buffer: receipt.body)
            #expect(html.contains(code) && html.contains(DossierRoutesTests.name) && html.contains("GIẤY TIẾP NHẬN HỒ SƠ"))
            #expect(html.contains("18/09/2026 17:00"), "the appointment")
            #expect(html.contains(#"href="/assets/forms.css""#) && html.contains(#"class="a5""#))
            let css = try await client.get("/assets/forms.css")
            #expect(css.status == .ok && String(buffer: css.body).contains("@page"))

            // No apology yet: no apology form.
            #expect(try await client.get("/api/v1/dossiers/\(code)/forms/apology", headers: officer).status == .notFound)
            #expect(try await client.get("/api/v1/dossiers/\(code)/forms/nonsense", headers: officer).status == .notFound)
            clock.set("2026-09-15T10:00:00+07:00")
            _ = try await DossierStepsTests.post(client, "/api/v1/dossiers/\(code)/transfers", #"{"receiver":"ubnd.25747"}"#, as: "officer.a")
            _ = try await DossierStepsTests.post(client, "/api/v1/dossiers/\(code)/actions", #"{"action":"startProcessing"}"#, as: "specialist.x")
            clock.set("2026-09-16T10:00:00+07:00")
            let letter = #"{"reason":"Chờ xác minh <b>tại chỗ</b>","newDate":"2026-09-22"}"#
            #expect(try await DossierStepsTests.post(client, "/api/v1/dossiers/\(code)/apology", letter, as: "head.x").status == .created)
            let apology = String(
                buffer: try await client.get("/api/v1/dossiers/\(code)/forms/apology", headers: try await client.sessionHeaders(as: "officer.a")).body
            )
            #expect(apology.contains("22/09/2026") && apology.contains("18/09/2026"))
            #expect(apology.contains("&lt;b&gt;tại chỗ&lt;/b&gt;") && !apology.contains("<b>tại chỗ"), "typed text is escaped")

            let sheet = try await client.get(
                "/api/v1/dossiers/\(code)/forms/tracking-sheet",
                headers: try await client.sessionHeaders(as: "specialist.x")
            )
            let rows = String(buffer: sheet.body).components(separatedBy: "<tr><td class=\"n\">").count - 1
            #expect(sheet.status == .ok && rows == 4, "accept, transfer, start, apology")
            #expect(String(buffer: sheet.body).contains("Đúng hạn") && String(buffer: sheet.body).contains("ubnd.25747"))

            let log = try await client.get(
                "/api/v1/offices/000.03.11.H56/forms/tracking-log?from=2026-09-15&to=2026-09-16",
                headers: try await client.sessionHeaders(as: "officer.a")
            )
            #expect(log.status == .ok && String(buffer: log.body).contains(code) && String(buffer: log.body).contains("class=\"a4\""))
            #expect(!String(buffer: log.body).contains(DossierRoutesTests.name), "the log book masks names")
            let tooLong = try await client.get(
                "/api/v1/offices/000.03.11.H56/forms/tracking-log?from=2026-01-01&to=2026-09-16",
                headers: try await client.sessionHeaders(as: "officer.a")
            )
            #expect(try tooLong.status == .badRequest && tooLong.errorFields == ["to"])

            let reads = try await client.get("/api/v1/personal-data-reads?dossier=\(code)", headers: try await client.sessionHeaders(as: "admin.a"))
            let routes = Set(try #require(try reads.json["items"] as? [[String: Any]]).compactMap { $0["route"] as? String })
            #expect(routes.isSuperset(of: ["GET /api/v1/dossiers/{code}/forms/receipt", "GET /api/v1/dossiers/{code}/forms/apology"]))
        }
    }

    @Test func requestsToCompleteAndRefusalsPrintFromTheirSubmission() async throws {
        try await withStaffApp { client, _, _ in
            let ask = #"{"kind":"requestCompletion","missingPapers":["Tờ khai có chữ ký","Bản sao CCCD"]}"#
            let asked = try await ReceptionOutcomesTests.receive(client, ReceptionOutcomesTests.body(decision: ask))
            let id = try #require((try asked.json["submission"] as? [String: Any])?["id"] as? String)
            let officer = try await client.sessionHeaders(as: "officer.a")
            let form = try await client.get("/api/v1/offices/000.03.11.H56/submissions/\(id)/forms/completion-request", headers: officer)
            #expect(form.status == .ok)
            let html = String(buffer: form.body)
            #expect(html.contains("<li>Tờ khai có chữ ký</li>") && html.contains("<li>Bản sao CCCD</li>") && html.contains("một lần"))
            #expect(try await client.get("/api/v1/offices/000.03.11.H56/submissions/\(id)/forms/refusal", headers: officer).status == .notFound)
            // Another office's officer does not print it.
            let otherOffice = try await client.get(
                "/api/v1/offices/000.01.12.H56/submissions/\(id)/forms/completion-request",
                headers: try await client.sessionHeaders(as: "officer.b")
            )
            #expect(otherOffice.status == .notFound)

            let refuse = #"{"kind":"refuse","reason":"<script>alert(1)</script>","legalBasis":"Điều 9 Nghị định 61/2018/NĐ-CP"}"#
            let refused = try await ReceptionOutcomesTests.receive(client, ReceptionOutcomesTests.body(decision: refuse))
            let refusedID = try #require((try refused.json["submission"] as? [String: Any])?["id"] as? String)
            let refusal = String(
                buffer: try await client.get("/api/v1/offices/000.03.11.H56/submissions/\(refusedID)/forms/refusal", headers: officer).body
            )
            #expect(refusal.contains("Điều 9 Nghị định 61/2018/NĐ-CP") && refusal.contains("&lt;script&gt;") && !refusal.contains("<script>"))
        }
    }
}
