import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import PASCApp
import PASCCore
import PASCTestSupport
import Testing

/// The applicant rates once after return, with the secret; aggregates are public; nobody edits.
@Suite("Ratings over HTTP")
struct RatingRoutesTests {
    @Test func theApplicantRatesOnceAfterReturnAndTheAggregatesArePublic() async throws {
        let clock = ManualClock()
        clock.set("2026-09-15T09:00:00+07:00")
        try await OutboxTests.withStaffStore(clock: clock) { client, _ in
            let answer = try await DossierRoutesTests.receiveAnswer(
                client,
                as: "officer.a",
                at: "000.03.11.H56",
                homeUnit: "25747",
                procedure: "1.004873"
            )
            let receipt = try #require(try answer.json["receipt"] as? [String: Any])
            let code = try #require(receipt["code"] as? String)
            let secret = try #require(receipt["accessSecret"] as? String)
            WholeRunLog.sensitive([secret])
            func act(_ action: String, as user: String) async throws {
                let answer = try await client.send(
                    .post,
                    "/api/v1/dossiers/\(code)/actions",
                    #"{"action":"\#(action)"}"#,
                    headers: try await client.sessionHeaders(as: user)
                )
                #expect(answer.status == .ok, "\(String(buffer: answer.body))")
            }
            func rate(_ body: String, secret: String? = secret) async throws -> TestResponse {
                var headers: HTTPFields = [.contentType: "application/json"]
                if let secret { headers[HTTPField.Name("X-Access-Secret")!] = secret }
                return try await client.execute(
                    uri: "/api/v1/dossiers/\(code)/rating",
                    method: .post,
                    headers: headers,
                    body: ByteBuffer(string: body)
                )
            }
            let good = #"{"level":"verySatisfied","criteria":{"attitude":2,"totalTime":1},"comment":"Cán bộ Lê Văn Tám rất nhiệt tình"}"#
            try await act("startProcessing", as: "specialist.x")
            try await act("markResultReady", as: "specialist.x")
            let early = try await rate(good)
            let earlyType = try early.json["type"] as? String
            #expect(early.status == .conflict && earlyType == "/problems/not-returned")
            try await act("returnResult", as: "officer.a")

            #expect(try await rate(good, secret: nil).status == .unauthorized)
            #expect(try await rate(good, secret: "not-the-secret").status == .unauthorized)
            for (body, field) in [
                (#"{"level":"great"}"#, "/level"),
                (#"{"level":"satisfied","criteria":{"attitude":3}}"#, "/criteria/attitude"),
                (#"{"level":"satisfied","criteria":{"speed":1}}"#, "/criteria/speed"),
                (#"{"level":"satisfied","comment":"\#(String(repeating: "a", count: 1001))"}"#, "/comment"),
                (#"{"level":"satisfied","stars":5}"#, "/stars"),
            ] {
                let refused = try await rate(body)
                #expect(refused.status == .badRequest, "\(body)")
                #expect(try refused.errorFields == [field], "\(body): \(String(buffer: refused.body))")
            }
            let rated = try await rate(good)
            #expect(rated.status == .created, "\(String(buffer: rated.body))")
            let again = try await rate(#"{"level":"notSatisfied"}"#)
            let againType = try again.json["type"] as? String
            #expect(again.status == .conflict && againType == "/problems/already-rated")
            // Staff have no route to change or remove a rating.
            let staff = try await client.sessionHeaders(as: "admin.a")
            for method in [HTTPRequest.Method.put, .patch, .delete] {
                let response = try await client.execute(uri: "/api/v1/dossiers/\(code)/rating", method: method, headers: staff)
                #expect([.notFound, .methodNotAllowed].contains(response.status), "\(method)")
            }

            let summary = try await client.get("/api/v1/statistics/ratings?office=000.03.11.H56&month=2026-09")
            let json = try summary.json
            #expect(json["total"] as? Int == 1)
            let levels = try #require(json["levels"] as? [[String: Any]])
            #expect(levels.first { $0["level"] as? String == "verySatisfied" }?["count"] as? Int == 1)
            #expect(levels.first { $0["level"] as? String == "notSatisfied" }?["count"] as? Int == 0, "the second rating did not count")
            let criteria = try #require(json["criteria"] as? [[String: Any]])
            #expect(criteria.count == 9)
            #expect(criteria.first { $0["criterion"] as? String == "attitude" }?["meanPoints"] as? Double == 2)
            #expect(criteria.first { $0["criterion"] as? String == "totalTime" }?["meanPoints"] as? Double == 1)
            #expect(criteria.first { $0["criterion"] as? String == "online" }?["meanPoints"] is NSNull)
            #expect(!String(buffer: summary.body).contains("Lê Văn Tám"), "the comment is not public")
            #expect(try await client.get("/api/v1/statistics/ratings?office=000.01.11.H56").json["total"] as? Int == 0)
            let badMonth = try await client.get("/api/v1/statistics/ratings?month=2026-13")
            let badFields = try badMonth.errorFields
            #expect(badMonth.status == .badRequest && badFields == ["month"])
        }
    }
}
