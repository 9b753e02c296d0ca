import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import PASCApp
import PASCCore
import PASCTestSupport
import Testing

/// Public statistics against numbers worked out by hand from three dossiers.
@Suite("Public statistics over HTTP")
struct StatisticsRoutesTests {
    @Test func countsEarlyOnTimeLateInProgressOverdueAndRatingsAsWorkedOutByHand() async throws {
        let clock = ManualClock()
        clock.set("2026-09-15T09:00:00+07:00")
        try await OutboxTests.withStaffStore(clock: clock) { client, _ in
            func act(_ code: String, _ action: String, as user: String) async throws {
                let answer = try await client.send(
                    .post,
                    "/api/v1/dossiers/\(code)/actions",
                    #"{"action":"\#(action)"}"#,
                    headers: try await client.sessionHeaders(as: user)
                )
                #expect(answer.status == .ok, "\(action): \(String(buffer: answer.body))")
            }
            // D1: 1.004873 (three working days: due Friday 18/09), ready the same morning → early, 0 days; returned and rated.
            let answer = try await DossierRoutesTests.receiveAnswer(
                client,
                as: "officer.a",
                at: "000.03.11.H56",
                homeUnit: "25747",
                procedure: "1.004873"
            )
            let receipt = try #require(try answer.json["receipt"] as? [String: Any])
            let d1 = try #require(receipt["code"] as? String)
            let secret = try #require(receipt["accessSecret"] as? String)
            WholeRunLog.sensitive([secret])
            // D2: a birth registration, due today; never touched → in progress, overdue from tomorrow.
            let d2 = try await DossierRoutesTests.receive(client, as: "officer.a", at: "000.03.11.H56", homeUnit: "25747")
            // D3: 1.004873 again, ready on Monday 21/09 → late, 4 working days (16, 17, 18, 21).
            let d3 = try await DossierRoutesTests.receive(client, as: "officer.a", at: "000.03.11.H56", homeUnit: "25747", procedure: "1.004873")
            clock.set("2026-09-15T10:00:00+07:00")
            try await act(d1, "startProcessing", as: "specialist.x")
            try await act(d1, "markResultReady", as: "specialist.x")
            try await act(d1, "returnResult", as: "officer.a")
            try await act(d3, "startProcessing", as: "specialist.x")
            var headers: HTTPFields = [.contentType: "application/json"]
            headers[HTTPField.Name("X-Access-Secret")!] = secret
            let rated = try await client.execute(
                uri: "/api/v1/dossiers/\(d1)/rating",
                method: .post,
                headers: headers,
                body: ByteBuffer(string: #"{"level":"verySatisfied"}"#)
            )
            #expect(rated.status == .created)
            clock.set("2026-09-21T10:00:00+07:00")
            try await act(d3, "markResultReady", as: "specialist.x")
            #expect(d2.hasPrefix("000.03.11.H56-"))

            let stats = try await client.get("/api/v1/statistics?by=office").json
            let record = try #require(stats["publicRecord"] as? [String: Any])
            #expect(record["dossiers"] as? Int == 3 && record["inPublicLog"] as? Int == 3 && record["complete"] as? Bool == true)
            let rows = try #require(stats["rows"] as? [[String: Any]])
            #expect(rows.count == 1)
            let row = try #require(rows.first)
            #expect(row["key"] as? String == "000.03.11.H56" && (row["name"] as? String)?.isEmpty == false)
            #expect(row["received"] as? Int == 3)
            #expect(row["finishedEarly"] as? Int == 1 && row["finishedOnTime"] as? Int == 0 && row["finishedLate"] as? Int == 1)
            #expect(row["inProgress"] as? Int == 1 && row["overdueNow"] as? Int == 1 && row["returned"] as? Int == 1)
            #expect(row["meanHandlingDays"] as? Double == 2.0, "(0 + 4) / 2")
            #expect(row["onTimeRate"] as? Double == 0.5)
            #expect((row["ratings"] as? [String: Int]) == ["verySatisfied": 1, "satisfied": 0, "notSatisfied": 0])

            let byMonth = try #require(try await client.get("/api/v1/statistics?by=month&from=2026-09&to=2026-09").json["rows"] as? [[String: Any]])
            #expect(byMonth.map { $0["key"] as? String } == ["2026-09"] && byMonth.first?["received"] as? Int == 3)
            #expect((try await client.get("/api/v1/statistics?office=000.01.11.H56").json["rows"] as? [[String: Any]])?.isEmpty == true)
            #expect((try await client.get("/api/v1/statistics?from=2026-10").json["rows"] as? [[String: Any]])?.isEmpty == true)
            for (uri, field) in [
                ("/api/v1/statistics?by=year", "by"),
                ("/api/v1/statistics?from=2026-9", "from"),
                ("/api/v1/statistics?from=2026-09&to=2026-08", "to"),
            ] {
                let refused = try await client.get(uri)
                #expect(refused.status == .badRequest, "\(uri)")
                #expect(try refused.errorFields == [field], "\(uri)")
            }
        }
    }
}
