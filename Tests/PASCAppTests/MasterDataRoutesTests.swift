import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import PASCApp
import PASCTestSupport
import Testing

/// Administration of offices, procedures, the boundary-free list and announced days over HTTP.
@Suite("Master data administration over HTTP")
struct MasterDataRoutesTests {
    static let point = "000.03.11.H56"

    @Test func anAdministratorChangesAnOfficeAndTheChangeRecordShowsOldAndNew() async throws {
        try await withStaffApp { client, _, _ in
            let admin = try await client.sessionHeaders(as: "admin.a")
            let before = try await client.get("/api/v1/offices/\(Self.point)").json
            let patched = try await client.send(
                .patch,
                "/api/v1/offices/\(Self.point)",
                #"{"counters":6,"openingHours":"mon-fri 07:00-11:30,13:30-17:00; sat 07:30-11:30","location":{"latitude":11.05,"longitude":106.66,"source":"survey 2026"}}"#,
                headers: admin
            )
            #expect(patched.status == .ok)
            let after = try await client.get("/api/v1/offices/\(Self.point)").json
            #expect(after["counters"] as? Int == 6)
            #expect(after["openingHoursText"] as? String == "mon-fri 07:00-11:30,13:30-17:00; sat 07:30-11:30")
            let location = try #require(after["location"] as? [String: Any])
            #expect(location["approximate"] as? Bool == false && location["source"] as? String == "survey 2026")
            #expect((after["derivedFields"] as? [String])?.contains("counters") == false)

            let changes = try await client.execute(uri: "/api/v1/changes?entity=office&key=\(Self.point)", method: .get, headers: admin).items
            #expect(changes.count == 1)
            let change = changes[0]
            #expect(change["actor"] as? String == "admin.a")
            let old = try #require(change["oldValue"] as? String)
            let new = try #require(change["newValue"] as? String)
            #expect(old.contains(#""counters":"\#(before["counters"] as! Int)""#) && new.contains(#""counters":"6""#))
            #expect(new.contains("survey 2026") && !new.contains(#""name""#))
        }
    }

    @Test func badOfficeChangesNameEveryFieldAndChangeNothing() async throws {
        try await withStaffApp { client, _, _ in
            let admin = try await client.sessionHeaders(as: "admin.a")
            let bad = try await client.send(
                .patch,
                "/api/v1/offices/\(Self.point)",
                #"{"counters":0,"openingHours":"mon 11:00-07:00","location":{"latitude":200,"longitude":106}}"#,
                headers: admin
            )
            #expect(bad.status == .badRequest)
            #expect(try Set(bad.errorFields) == ["/openingHours", "/location/latitude"], "syntax first; counters are checked with the office")
            let typo = try await client.send(.patch, "/api/v1/offices/\(Self.point)", #"{"countrs":6}"#, headers: admin)
            #expect(try typo.status == .badRequest && typo.errorFields == ["/countrs"], "a misspelt member is refused, not ignored")
            let zero = try await client.send(.patch, "/api/v1/offices/\(Self.point)", #"{"counters":0}"#, headers: admin)
            #expect(try zero.status == .badRequest && zero.errorFields == ["/counters"])
            #expect(try await client.send(.patch, "/api/v1/offices/000.99.99.H56", #"{"counters":3}"#, headers: admin).status == .notFound)
            let changes = try await client.execute(uri: "/api/v1/changes?entity=office", method: .get, headers: admin).items
            #expect(changes.isEmpty)
            let officer = try await client.sessionHeaders(as: "officer.a")
            #expect(try await client.send(.patch, "/api/v1/offices/\(Self.point)", #"{"counters":9}"#, headers: officer).status == .forbidden)
        }
    }

    @Test func anAdministratorAddsAnOfficeUnderTheRightParentOnly() async throws {
        try await withStaffApp { client, _, _ in
            let admin = try await client.sessionHeaders(as: "admin.a")
            let body = #"""
                {"code":"000.99.18.H56","name":"Điểm liên phường Thuận An","level":"interWardPoint","parentCode":"000.00.18.H56",
                 "unitCode":"725","areaType":"urban","location":{"latitude":10.93,"longitude":106.71},"counters":3}
                """#
            let created = try await client.send(.post, "/api/v1/offices", body, headers: admin)
            #expect(created.status == .created, "\(String(buffer: created.body))")
            #expect(try created.json["openingHoursText"] as? String == "mon-fri 07:00-11:30,13:30-17:00", "standard hours by default")
            #expect(try await client.get("/api/v1/offices/000.99.18.H56").status == .ok)
            #expect(try await client.send(.post, "/api/v1/offices", body, headers: admin).status == .conflict)
            let wrongParent = body.replacingOccurrences(of: "000.99.18.H56", with: "000.98.18.H56")
                .replacingOccurrences(of: "000.00.18.H56", with: Self.point)
            let refused = try await client.send(.post, "/api/v1/offices", wrongParent, headers: admin)
            #expect(try refused.status == .badRequest && refused.errorFields == ["/parentCode"])
            let record = try await client.execute(uri: "/api/v1/changes?entity=office&key=000.99.18.H56", method: .get, headers: admin).items
            #expect(record.count == 1 && record[0]["oldValue"] is NSNull)
        }
    }

    @Test func procedureEditsAndBoundaryFreeDecisionsAreRecorded() async throws {
        try await withStaffApp { client, _, _ in
            let admin = try await client.sessionHeaders(as: "admin.a")
            let code = "1.001193"
            let patched = try await client.send(
                .patch,
                "/api/v1/procedures/\(code)",
                #"{"feeVND":null,"timeLimit":{"unit":"workingDays","value":3},"onlineLevel":"full"}"#,
                headers: admin
            )
            #expect(patched.status == .ok, "\(String(buffer: patched.body))")
            let procedure = try await client.get("/api/v1/procedures/\(code)").json
            #expect(procedure["feeVND"] is NSNull && procedure["onlineLevel"] as? String == "full")
            #expect((procedure["timeLimit"] as? [String: Any])?["value"] as? Int == 3)
            let bad = try await client.send(
                .patch,
                "/api/v1/procedures/\(code)",
                #"{"feeVND":-5,"timeLimit":{"unit":"weeks","value":1},"onlineLevel":"sometimes"}"#,
                headers: admin
            )
            #expect(try Set(bad.errorFields) == ["/feeVND", "/timeLimit/timeLimitUnit", "/onlineLevel"])

            let wasFree = procedure["boundaryFree"] as? Bool == true
            let decision = try await client.send(
                .post,
                "/api/v1/boundary-free-decisions",
                wasFree
                    ? #"{"number":"77/QĐ-UBND","signedOn":"2026-09-01","effectiveOn":"2026-09-10","removals":["\#(code)"]}"#
                    : #"{"number":"77/QĐ-UBND","signedOn":"2026-09-01","effectiveOn":"2026-09-10","phase":2,"additions":["\#(code)"]}"#,
                headers: admin
            )
            #expect(decision.status == .created, "\(String(buffer: decision.body))")
            #expect(try await client.get("/api/v1/procedures/\(code)").json["boundaryFree"] as? Bool == !wasFree)
            let listed = try await client.get("/api/v1/boundary-free-decisions").items
            #expect(listed.first?["number"] as? String == "77/QĐ-UBND" && listed.last?["demoReference"] as? Bool == true)
            let unknown = try await client.send(
                .post,
                "/api/v1/boundary-free-decisions",
                #"{"number":"78/QĐ-UBND","signedOn":"2026-09-02","effectiveOn":"2026-09-01","phase":2,"additions":["9.999999"]}"#,
                headers: admin
            )
            #expect(try Set(unknown.errorFields) == ["/effectiveOn"])
            let missing = try await client.send(
                .post,
                "/api/v1/boundary-free-decisions",
                #"{"number":"78/QĐ-UBND","signedOn":"2026-09-02","effectiveOn":"2026-09-02","phase":2,"additions":["9.999999"]}"#,
                headers: admin
            )
            #expect(try missing.errorFields == ["/additions"])
            let record = try await client.execute(uri: "/api/v1/changes?key=\(code)", method: .get, headers: admin).items
            #expect(Set(record.compactMap { $0["entity"] as? String }) == ["procedure", "boundaryFree"])
        }
    }

    @Test func announcedDaysArePublicToReadAndEditedByAdministrators() async throws {
        try await withStaffApp { client, _, _ in
            let admin = try await client.sessionHeaders(as: "admin.a")
            let put = try await client.send(
                .put,
                "/api/v1/calendar/announced-days/2026-08-22",
                #"{"kind":"workday","name":"Làm bù cho ngày nghỉ 31/8","nameEn":"Make-up Saturday","reference":"Thông báo của Bộ Nội vụ (demo)"}"#,
                headers: admin
            )
            #expect(put.status == .ok)
            let days = try await client.get("/api/v1/calendar/announced-days?year=2026").items
            #expect(days.count == 1 && days[0]["weekday"] as? String == "sat")
            let weekday = try await client.send(
                .put,
                "/api/v1/calendar/announced-days/2026-08-21",
                #"{"kind":"workday","name":"x","reference":"y"}"#,
                headers: admin
            )
            #expect(try weekday.status == .badRequest && weekday.errorFields == ["/kind"])
            #expect(try await client.send(.put, "/api/v1/calendar/announced-days/2026-02-30", "{}", headers: admin).status == .badRequest)
            #expect(try await client.execute(uri: "/api/v1/calendar/announced-days/2026-08-22", method: .delete, headers: admin).status == .noContent)
            #expect(try await client.execute(uri: "/api/v1/calendar/announced-days/2026-08-22", method: .delete, headers: admin).status == .notFound)
            #expect(try await client.get("/api/v1/calendar/announced-days?year=2026").items.isEmpty)
            #expect(try await client.get("/api/v1/calendar/announced-days?year=twenty").status == .badRequest)
            let record = try await client.execute(uri: "/api/v1/changes?entity=announcedDay", method: .get, headers: admin).items
            #expect(record.count == 2 && record[0]["newValue"] is NSNull, "the removal, newest first, then the addition")
        }
    }

    /// The new answers carry exactly the members their schemas document.
    @Test func answersMatchTheirDocumentedSchemas() async throws {
        try await withStaffApp { client, _, _ in
            let admin = try await client.sessionHeaders(as: "admin.a")
            let document = try await client.get("/openapi.json").json
            let schemas = try #require((document["components"] as? [String: Any])?["schemas"] as? [String: [String: Any]])
            func properties(_ name: String) -> Set<String> { Set((schemas[name]?["properties"] as? [String: Any])?.keys ?? [:].keys) }
            _ = try await client.send(
                .put,
                "/api/v1/calendar/announced-days/2026-08-22",
                #"{"kind":"workday","name":"Làm bù","reference":"demo"}"#,
                headers: admin
            )
            let decision = try await client.get("/api/v1/boundary-free-decisions").items.first ?? [:]
            #expect(Set(decision.keys) == properties("BoundaryFreeDecision"))
            let day = try await client.get("/api/v1/calendar/announced-days?year=2026").items.first ?? [:]
            #expect(Set(day.keys) == properties("AnnouncedDay"))
            let change = try await client.execute(uri: "/api/v1/changes", method: .get, headers: admin).items.first ?? [:]
            #expect(Set(change.keys) == properties("Change"))
            let required = Set((schemas["Change"]?["required"] as? [String]) ?? [])
            #expect(required == properties("Change"))
        }
    }
}
