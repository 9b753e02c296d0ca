import Foundation
import HTTPTypes
import HummingbirdTesting
import PASCTestSupport
import Testing

@Suite("GET /api/v1/procedures and /api/v1/units")
struct CatalogRoutesTests {
    @Test(arguments: TestDatabases.backends)
    func searchFindsBirthRegistrationWithoutDiacritics(_ backend: TestDatabases.Backend) async throws {
        try await withDemoApp(backend) { client in
            let items = try await client.get("/api/v1/procedures?q=dang%20ky%20khai%20sinh").items
            #expect(items.compactMap { $0["code"] as? String }.contains("1.001193"))
            #expect(items.allSatisfy { ($0["name"] as? String)?.lowercased().contains("khai sinh") == true })
            let hkd = try await client.get("/api/v1/procedures?q=ho%20kinh%20doanh").items
            #expect(hkd.count == 5)
        }
    }

    @Test func filtersCombine() async throws {
        try await withDemoApp { client in
            #expect(try await client.get("/api/v1/procedures?boundaryFree=true&limit=1000").items.count == 15)
            #expect(try await client.get("/api/v1/procedures?level=province&limit=1000").items.count == 20)
            let civil = try await client.get("/api/v1/procedures?field=ho%20tich&limit=1000").items
            #expect(civil.count == 12 && civil.allSatisfy { $0["field"] as? String == "Hộ tịch" })
            let both = try await client.get("/api/v1/procedures?field=Ch%E1%BB%A9ng%20th%E1%BB%B1c&boundaryFree=true").items
            #expect(!both.isEmpty && both.allSatisfy { $0["boundaryFree"] as? Bool == true })
        }
    }

    @Test func oneProcedureShowsItsStructuredRules() async throws {
        try await withDemoApp { client in
            let birth = try await client.get("/api/v1/procedures/1.001193").json
            let limit = try #require(birth["timeLimit"] as? [String: Any])
            #expect(limit["unit"] as? String == "sameDay" && limit["sameDayCutoff"] as? String == "15:00")
            #expect(birth["feeVND"] as? Int == 0)
            #expect(birth["competenceBasis"] as? String == "applicantHome")
            #expect((birth["requiredPapers"] as? [String])?.isEmpty == false)
            #expect(try await client.get("/api/v1/procedures/9.999999").status == .notFound)
            #expect(try await client.get("/api/v1/procedures/not-a-code").status == .notFound)
        }
    }

    @Test func badProcedureParametersAre400() async throws {
        try await withDemoApp { client in
            let response = try await client.get("/api/v1/procedures?boundaryFree=maybe&level=planet")
            #expect(response.status == .badRequest)
            #expect(try Set(response.errorFields) == ["boundaryFree", "level"])
        }
    }

    @Test func unitsListDistrictsAndCommunes() async throws {
        try await withDemoApp { client in
            #expect(try await client.get("/api/v1/units?level=district").items.count == 9)
            #expect(try await client.get("/api/v1/units?parent=718&limit=1000").items.count == 14)
            let unit = try await client.get("/api/v1/units/25747").json
            #expect(unit["population"] as? Int ?? 0 > 0)
            #expect(unit["homeOfficeCode"] as? String == "000.03.11.H56")
            #expect(try await client.get("/api/v1/units/99999").status == .notFound)
        }
    }
}
