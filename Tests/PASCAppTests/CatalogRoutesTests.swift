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

@Suite("Appointment planning over HTTP")
struct AppointmentRoutesTests {
    @Test func theAppointmentSkipsTetAndSaysWhy() async throws {
        try await withDemoApp { client in
            // 1.004873 has a limit of 3 working days in the demo catalog.
            let answer = try await client.get("/api/v1/procedures/1.004873/appointment?submittedAt=2026-02-13T09:00:00%2B07:00")
            #expect(answer.status == .ok)
            let json = try answer.json
            #expect((json["timeLimit"] as? [String: Any])?["value"] as? Int == 3)
            #expect(json["submittedAt"] as? String == "2026-02-13T09:00:00+07:00")
            #expect(json["countsFrom"] as? String == "2026-02-13T09:00:00+07:00")
            #expect(json["appointmentDate"] as? String == "2026-02-25" && json["appointmentDateText"] as? String == "25/02/2026")
            #expect(json["due"] as? String == "2026-02-25T17:00:00+07:00")
            let skipped = (json["daysOffSkipped"] as? [[String: Any]])?.compactMap { $0["date"] as? String } ?? []
            #expect(skipped == ["2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19", "2026-02-20"])
            // Same-day with a 15:00 cut-off: at 15:30 the result is due the next working day.
            let sameDay = try await client.get("/api/v1/procedures/1.001193/appointment?submittedAt=2026-09-15T15:30:00%2B07:00").json
            #expect(sameDay["appointmentDate"] as? String == "2026-09-16")
            #expect((sameDay["rule"] as? String)?.contains("15:00") == true)
        }
    }

    @Test func anAnnouncedDayOffChangesAppointmentsAtOnce() async throws {
        try await withStaffApp { client, _, _ in
            let before = try await client.get("/api/v1/procedures/1.004873/appointment?submittedAt=2026-10-05T09:00:00%2B07:00").json
            #expect(before["appointmentDate"] as? String == "2026-10-08")
            let admin = try await client.sessionHeaders(as: "admin.a")
            let put = try await client.send(
                .put,
                "/api/v1/calendar/announced-days/2026-10-07",
                #"{"kind":"dayOff","name":"Nghỉ đột xuất (thử)","reference":"test"}"#,
                headers: admin
            )
            #expect(put.status == .ok)
            let after = try await client.get("/api/v1/procedures/1.004873/appointment?submittedAt=2026-10-05T09:00:00%2B07:00").json
            #expect(after["appointmentDate"] as? String == "2026-10-09")
            #expect((after["daysOffSkipped"] as? [[String: Any]])?.first?["name"] as? String == "Nghỉ đột xuất (thử)")
        }
    }

    @Test func aTimeWithoutOffsetIsVietnamTimeAndBadInputIsNamed() async throws {
        try await withDemoApp { client in
            let local = try await client.get("/api/v1/procedures/1.001193/appointment?submittedAt=2026-08-27T10:00:00").json
            #expect(local["submittedAt"] as? String == "2026-08-27T10:00:00+07:00")
            let bad = try await client.get("/api/v1/procedures/1.001193/appointment?submittedAt=yesterday")
            #expect(bad.status == .badRequest)
            #expect(try bad.errorFields == ["submittedAt"])
            #expect(try await client.get("/api/v1/procedures/9.999999/appointment").status == .notFound)
            let ancient = try await client.get("/api/v1/procedures/1.001193/appointment?submittedAt=0225-08-27T06%3A54%3A53.07%2B13%3A36")
            #expect(ancient.status == .badRequest, "a year outside 2000–2099 is refused, not counted from 1970")
            #expect(try await client.get("/api/v1/procedures/1.001193/appointment").status == .ok, "now by default")
        }
    }
}
