import Foundation
import HTTPTypes
import HummingbirdTesting
import PASCTestSupport
import Testing

@Suite("GET /api/v1/offices")
struct OfficeRoutesTests {
    @Test(arguments: TestDatabases.backends)
    func levelsListTheWholeNetwork(_ backend: TestDatabases.Backend) async throws {
        try await withDemoApp(backend) { client in
            let points = try await client.get("/api/v1/offices?level=communePoint&limit=1000")
            #expect(points.status == .ok)
            #expect(points.headers[.contentType] == "application/json; charset=utf-8")
            #expect(try points.items.count == 91)
            #expect(try points.json["nextCursor"] is NSNull)
            #expect(try await client.get("/api/v1/offices?level=branch").items.count == 9)
            #expect(try await client.get("/api/v1/offices?level=center").items.count == 1)
            #expect(try await client.get("/api/v1/offices?areaType=rural&level=communePoint").items.count == 39)
            let underThuDauMot = try await client.get("/api/v1/offices?parent=000.00.11.H56").items
            #expect(underThuDauMot.count == 14 && underThuDauMot.allSatisfy { $0["parentCode"] as? String == "000.00.11.H56" })
        }
    }

    @Test func pagesFollowTheCursorToTheEnd() async throws {
        try await withDemoApp { client in
            var codes: [String] = []
            var uri = "/api/v1/offices?limit=40"
            while true {
                let response = try await client.get(uri)
                codes += try response.items.compactMap { $0["code"] as? String }
                guard let next = try response.json["nextCursor"] as? String else { break }
                uri = "/api/v1/offices?limit=40&cursor=\(next)"
            }
            #expect(codes.count == 101 && Set(codes).count == 101)
        }
    }

    @Test func nearSortsByDistanceAndShowsTheApproximateMark() async throws {
        try await withDemoApp { client in
            let items = try await client.get("/api/v1/offices?near=10.98,106.65&limit=10").items
            let distances = items.compactMap { $0["distanceKm"] as? Double }
            #expect(distances.count == 10 && distances == distances.sorted())
            for item in items {
                let location = try #require(item["location"] as? [String: Any])
                #expect(location["approximate"] is Bool && location["source"] is String)
            }
            let page2 = try await client.get(
                "/api/v1/offices?near=10.98,106.65&limit=10&cursor=\(try #require(try await client.get("/api/v1/offices?near=10.98,106.65&limit=10").json["nextCursor"] as? String))"
            )
            let next = try page2.items.compactMap { $0["distanceKm"] as? Double }
            #expect(next.first ?? 0 >= distances.last ?? .infinity)
        }
    }

    @Test func oneOfficeByCodeCarriesItsHoursAndNorm() async throws {
        try await withDemoApp { client in
            let office = try await client.get("/api/v1/offices/000.00.01.H56").json
            #expect(office["level"] as? String == "center")
            #expect(office["parentCode"] is NSNull)
            #expect(office["annualDossiersPerOfficerNorm"] as? Int == 1600)
            #expect(office["codeDerived"] as? Bool == true)
            let hours = try #require(office["openingHours"] as? [String: Any])
            #expect(hours["sat"] != nil && hours["sun"] == nil)
        }
    }

    @Test(arguments: [
        ("/api/v1/offices?near=abc", ["near"]),
        ("/api/v1/offices?limit=-1", ["limit"]),
        ("/api/v1/offices?limit=1001", ["limit"]),
        ("/api/v1/offices?limit=ten", ["limit"]),
        ("/api/v1/offices?level=district", ["level"]),
        ("/api/v1/offices?parent=xyz", ["parent"]),
        ("/api/v1/offices?cursor=%%%", ["cursor"]),
        ("/api/v1/offices?levl=branch", ["levl"]),
        ("/api/v1/offices?near=91,0&limit=0", ["near", "limit"]),
    ])
    func malformedParametersAre400NamingTheParameter(_ uri: String, _ fields: [String]) async throws {
        try await withDemoApp { client in
            let response = try await client.get(uri)
            #expect(response.status == .badRequest)
            #expect(response.headers[.contentType] == "application/problem+json")
            #expect(try response.errorFields == fields)
            let json = try response.json
            #expect(json["status"] as? Int == 400)
            #expect((json["detail"] as? String)?.isEmpty == false && (json["detailEn"] as? String)?.isEmpty == false)
        }
    }

    @Test func aCursorFromAnotherListingIsRefusedBothWays() async throws {
        try await withDemoApp { client in
            let byCode = try #require(try await client.get("/api/v1/offices?limit=5").json["nextCursor"] as? String)
            let byDistance = try #require(try await client.get("/api/v1/offices?near=10.98,106.65&limit=5").json["nextCursor"] as? String)
            for uri in [
                "/api/v1/offices?near=10.98,106.65&cursor=\(byCode)", "/api/v1/offices?cursor=\(byDistance)", "/api/v1/units?cursor=\(byDistance)",
            ] {
                let response = try await client.get(uri)
                #expect(response.status == .badRequest, "\(uri)")
                #expect(try response.errorFields == ["cursor"])
            }
        }
    }

    @Test(arguments: TestDatabases.backends)
    func controlCharactersInParametersAre400OnEveryDatabase(_ backend: TestDatabases.Backend) async throws {
        try await withDemoApp(backend) { client in
            // azoA is base64url for "k:" followed by a NUL byte.
            for (uri, field) in [
                ("/api/v1/units?parent=%00", "parent"), ("/api/v1/procedures?field=a%00", "field"), ("/api/v1/procedures?q=%01", "q"),
                ("/api/v1/offices?cursor=azoA", "cursor"),
            ] {
                let response = try await client.get(uri)
                #expect(response.status == .badRequest, "\(uri)")
                #expect(try response.errorFields == [field])
            }
        }
    }

    @Test func derivedValuesAreMarked() async throws {
        try await withDemoApp { client in
            let center = try await client.get("/api/v1/offices/000.00.01.H56").json
            #expect(center["derivedFields"] as? [String] == ["areaType", "code", "counters", "location", "openingHours"])
            let sourced = try await client.get("/api/v1/offices?level=communePoint&limit=1000").items.filter {
                ($0["location"] as? [String: Any])?["approximate"] as? Bool == false
            }
            #expect(sourced.count == 8)
            #expect(sourced.allSatisfy { ($0["derivedFields"] as? [String])?.contains("location") == false })
        }
    }

    @Test(arguments: ["000.00.99.H56", "nonsense"])
    func anUnknownOfficeIs404NamingTheCode(_ code: String) async throws {
        try await withDemoApp { client in
            let response = try await client.get("/api/v1/offices/\(code)")
            #expect(response.status == .notFound)
            #expect(try response.json["detailEn"] as? String == "No office with code '\(code)'.")
        }
    }
}
