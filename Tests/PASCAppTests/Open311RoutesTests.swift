import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import PASCApp
import PASCCore
import PASCDomain
import PASCStore
import PASCTestSupport
import Testing

/// Open311 GeoReport v2 read routes: services, requests with filters, one request.
@Suite("Open311 over HTTP")
struct Open311RoutesTests {
    static func array(_ response: TestResponse) throws -> [[String: Any]] {
        try #require(
            try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [[String: Any]],
            "\(String(buffer: response.body))"
        )
    }

    @Test func civicToolsReadServicesAndRequestsWithoutPersonalData() async throws {
        let clock = ManualClock()
        clock.set("2026-09-15T09:00:00+07:00")
        try await OutboxTests.withStaffStore(clock: clock) { client, store in
            let returned = try await DossierRoutesTests.receive(
                client,
                as: "officer.a",
                at: "000.03.11.H56",
                homeUnit: "25747",
                procedure: "1.004873"
            )
            clock.set("2026-09-15T10:00:00+07:00")
            let open = try await DossierRoutesTests.receive(client, as: "officer.a", at: "000.03.11.H56", homeUnit: "25747")
            for (action, user) in [("startProcessing", "specialist.x"), ("markResultReady", "specialist.x"), ("returnResult", "officer.a")] {
                let answer = try await client.send(
                    .post,
                    "/api/v1/dossiers/\(returned)/actions",
                    #"{"action":"\#(action)"}"#,
                    headers: try await client.sessionHeaders(as: user)
                )
                #expect(answer.status == .ok)
            }

            let services = try Self.array(try await client.get("/open311/v2/services.json"))
            #expect(services.count == Fixtures.demo.procedures.count)
            let birth = try #require(services.first { $0["service_code"] as? String == "1.001193" })
            #expect((birth["service_name"] as? String)?.isEmpty == false && birth["type"] as? String == "batch")

            let all = try Self.array(try await client.get("/open311/v2/requests.json"))
            #expect(all.map { $0["service_request_id"] as? String } == [open, returned], "newest first")
            let closed = try Self.array(try await client.get("/open311/v2/requests.json?status=closed"))
            #expect(closed.map { $0["service_request_id"] as? String } == [returned])
            #expect(try Self.array(try await client.get("/open311/v2/requests.json?status=open")).count == 1)
            #expect(try Self.array(try await client.get("/open311/v2/requests.json?office=000.01.11.H56")).isEmpty)
            #expect(try Self.array(try await client.get("/open311/v2/requests.json?service_code=1.004873")).count == 1)
            #expect(try Self.array(try await client.get("/open311/v2/requests.json?start_date=2026-09-15T09:30:00%2B07:00")).count == 1)
            #expect(
                try Self.array(try await client.get("/open311/v2/requests.json?end_date=2026-09-15T09:30:00")).count == 1,
                "no offset: Vietnam time"
            )

            let first = try await client.get("/open311/v2/requests.json?limit=1")
            #expect(try Self.array(first).count == 1)
            let link = try #require(first.headers[HTTPField.Name("Link")!])
            let cursor = try #require(link.split(separator: "=", maxSplits: 1).last?.split(separator: ">").first)
            let second = try Self.array(try await client.get("/open311/v2/requests.json?limit=1&cursor=\(cursor)"))
            #expect(second.map { $0["service_request_id"] as? String } == [returned])

            let one = try Self.array(try await client.get("/open311/v2/requests/\(returned).json"))
            let request = try #require(one.first)
            #expect(one.count == 1 && request["status"] as? String == "closed" && request["phase"] as? String == "returned")
            #expect(request["requested_datetime"] as? String == "2026-09-15T09:00:00+07:00")
            #expect(request["updated_datetime"] as? String == "2026-09-15T10:00:00+07:00")
            #expect((request["expected_datetime"] as? String)?.hasSuffix("+07:00") == true)
            #expect((request["agency_responsible"] as? String)?.isEmpty == false && request["lat"] is Double)
            let office = try #require(try await store.office(try OfficeCode("000.03.11.H56")))
            #expect(request["address"] as? String == office.address, "the office's address, not the applicant's")
            for uri in ["/open311/v2/requests.json", "/open311/v2/requests/\(returned).json"] {
                let text = String(buffer: try await client.get(uri).body)
                for secret in [DossierRoutesTests.name, DossierRoutesTests.idNumber, "0987001122", "Kỳ Lân", "officer.a"] {
                    #expect(!text.contains(secret), "\(uri) shows \(secret)")
                }
            }

            #expect(try await client.get("/open311/v2/requests/000.03.11.H56-260915-0099.json").status == .notFound)
            for (uri, field) in [
                ("/open311/v2/requests.json?start_date=yesterday", "start_date"),
                ("/open311/v2/requests.json?start_date=2026-09-15T10:00:00&end_date=2026-09-14T10:00:00", "end_date"),
                ("/open311/v2/requests.json?status=pending", "status"),
                ("/open311/v2/requests.json?color=red", "color"),
            ] {
                let answer = try await client.get(uri)
                #expect(answer.status == .badRequest, "\(uri)")
                #expect(try answer.errorFields == [field], "\(uri)")
            }
        }
    }
}
