import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import PASCCore
import PASCDomain
import PASCStore
import PASCTestSupport
import Testing

@testable import PASCApp

/// The administrators' pages over HTTP: each form changes what the API then shows, refuses bad
/// input next to the field with what was typed kept, and is closed to other roles.
@Suite("Administration pages")
struct AdminPagesTests {
    static func html(_ response: TestResponse) -> String { String(buffer: response.body) }

    @Test func onlyAdministratorsOpenThem() async throws {
        try await withStaffApp { client, _, _ in
            let officer = try await client.pageSignIn("officer.a")
            let refused = try await client.get("/admin/offices", headers: officer.headers)
            #expect(refused.status == .forbidden && Self.html(refused).contains("Không có quyền"))
            #expect(try await client.get("/admin/users").headers[.location] == "/sign-in?back=%2Fadmin%2Fusers")
            let admin = try await client.pageSignIn("admin.a")
            let index = Self.html(try await client.get("/admin", headers: admin.headers))
            #expect(index.contains(#"href="/admin/boundary-free""#) && index.contains(#"href="/admin"#))
        }
    }

    @Test func officesCountersAndProceduresChangeThroughTheForms() async throws {
        try await withStaffApp { client, _, _ in
            let admin = try await client.pageSignIn("admin.a")
            let office = "/admin/offices/000.03.11.H56"
            #expect(Self.html(try await client.get(office, headers: admin.headers)).contains("mon-fri"))
            let badHours = try await client.postForm(office, ["name": "Điểm Một Cửa Thử", "hours": "mon-fri 25:00-26:00"], session: admin)
            #expect(badHours.status == .unprocessableContent)
            #expect(Self.html(badHours).contains(#"value="mon-fri 25:00-26:00""#) && Self.html(badHours).contains(#"value="Điểm Một Cửa Thử""#))
            let saved = try await client.postForm(
                office,
                ["name": "Điểm Một Cửa Thử", "hours": "mon-fri 07:30-11:30,13:00-17:00", "areaType": "rural"],
                session: admin
            )
            #expect(saved.status == .seeOther && saved.headers[.location] == office + "?done=saved")
            let api = try await client.get("/api/v1/offices/000.03.11.H56").json
            #expect(api["name"] as? String == "Điểm Một Cửa Thử" && api["areaType"] as? String == "rural")
            #expect(api["openingHoursText"] as? String == "mon-fri 07:30-11:30,13:00-17:00")

            let unknownGroup = try await client.postForm(office + "/counters", ["number": "4", "groups": "A Z"], session: admin)
            #expect(unknownGroup.status == .unprocessableContent && Self.html(unknownGroup).contains("&#39;Z&#39;"))
            #expect(try await client.postForm(office + "/counters", ["number": "4", "groups": "a d"], session: admin).status == .seeOther)
            let counters = try await client.get("/api/v1/offices/000.03.11.H56/counters").json["items"] as? [[String: Any]]
            #expect(counters?.first { $0["number"] as? Int == 4 }?["groups"] as? [String] == ["A", "D"])

            let procedure = "/admin/procedures/1.001193"
            let badFee = try await client.postForm(procedure, ["name": "Đăng ký khai sinh", "fee": "năm mươi"], session: admin)
            #expect(badFee.status == .unprocessableContent && Self.html(badFee).contains(#"value="năm mươi""#))
            let changed = try await client.postForm(
                procedure,
                ["name": "Đăng ký khai sinh", "fee": "8.000", "onlineLevel": "partial", "papers": "Tờ khai\nGiấy chứng sinh\n"],
                session: admin
            )
            #expect(changed.status == .seeOther)
            let after = try await client.get("/api/v1/procedures/1.001193").json
            #expect(after["feeVND"] as? Int == 8000 && after["requiredPapers"] as? [String] == ["Tờ khai", "Giấy chứng sinh"])
            #expect(after["onlineLevel"] as? String == "partial")
        }
    }

    @Test func theBoundaryFreeListDaysAndAccountsChangeThroughTheForms() async throws {
        try await withStaffApp { client, _, _ in
            let admin = try await client.pageSignIn("admin.a")
            let badCode = try await client.postForm(
                "/admin/boundary-free",
                ["number": "99/QĐ-UBND", "signedOn": "2026-09-01", "effectiveOn": "2026-09-01", "additions": "1.001193 khong-phai-ma"],
                session: admin
            )
            #expect(badCode.status == .unprocessableContent && Self.html(badCode).contains(#"value="99/QĐ-UBND""#))
            let decided = try await client.postForm(
                "/admin/boundary-free",
                ["number": "99/QĐ-UBND", "signedOn": "2026-09-01", "effectiveOn": "2026-09-01", "phase": "3", "additions": "1.001193"],
                session: admin
            )
            #expect(decided.status == .seeOther)
            #expect(try await client.get("/api/v1/procedures/1.001193").json["boundaryFree"] as? Bool == true)
            #expect(Self.html(try await client.get("/admin/boundary-free", headers: admin.headers)).contains("99/QĐ-UBND"))

            let day: KeyValuePairs<String, String> = [
                "date": "2026-12-31", "kind": "dayOff", "name": "Nghỉ bù thử", "nameEn": "Test swap day", "reference": "Thông báo 1/TB-UBND",
            ]
            let added = try await client.postForm("/admin/calendar", day, session: admin)
            #expect(added.status == .seeOther && added.headers[.location] == "/admin/calendar?year=2026&done=day")
            let days = try await client.get("/api/v1/calendar/announced-days?year=2026").json["items"] as? [[String: Any]]
            #expect(days?.contains { $0["date"] as? String == "2026-12-31" } == true)
            #expect(try await client.postForm("/admin/calendar/2026-12-31/remove", [:], session: admin).status == .seeOther)
            let left = try await client.get("/api/v1/calendar/announced-days?year=2026").json["items"] as? [[String: Any]]
            #expect(left?.contains { $0["date"] as? String == "2026-12-31" } == false)

            let created = try await client.postForm(
                "/admin/users",
                [
                    "username": "motcua.moi", "fullName": "Cán Bộ Mới", "role": "receptionOfficer", "offices": "000.03.11.H56",
                    "homeOffice": "000.03.11.H56",
                ],
                session: admin
            )
            #expect(created.status == .created)
            let password = try #require(Self.html(created).firstMatch(of: /<strong>motcua\.moi<\/strong>: <code>([^<]+)<\/code>/)?.1).description
            WholeRunLog.sensitive([password])
            let newcomer = try await client.postForm("/sign-in", ["username": "motcua.moi", "password": password, "back": "/desk"])
            #expect(newcomer.status == .seeOther && newcomer.headers[.location] == "/desk", "the shown password signs in")
            let own = try await client.postForm("/admin/users/admin.a/disable", [:], session: admin)
            #expect(own.status == .unprocessableContent && Self.html(own).contains("Không thể tự khóa"))
            #expect(try await client.postForm("/admin/users/motcua.moi/disable", [:], session: admin).status == .seeOther)
            #expect(try await client.postForm("/sign-in", ["username": "motcua.moi", "password": password]).status == .unauthorized)
        }
    }
}
