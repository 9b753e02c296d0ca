import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import PASCCore
import PASCDomain
import PASCStore
import PASCTestSupport
import PASCTransparency
import Testing

@testable import PASCApp

/// The public's pages over HTTP: Vietnamese by default, English by the switch, the real data of
/// the demo network, dates as dd/MM/yyyy, HTML 404 pages, and no personal data on a dossier's page.
@Suite("Public pages")
struct PublicPagesTests {
    static let english: HTTPFields = [.cookie: "pasc_lang=en"]

    static func html(_ response: TestResponse) -> String { String(buffer: response.body) }

    @Test func theHomePageIsVietnameseUnlessTheSwitchSaysEnglish() async throws {
        try await withStaffApp { client, _, _ in
            let home = try await client.get("/")
            #expect(home.status == .ok && home.headers[.contentType] == "text/html; charset=utf-8")
            let vi = Self.html(home)
            #expect(vi.contains(#"<html lang="vi">"#) && vi.contains("Tra cứu hồ sơ") && vi.contains(#"href="/language/en?back=%2F""#))
            // The communes to choose from are the network's own.
            #expect(vi.contains(#"<option value="25747">"#))
            let en = Self.html(try await client.get("/", headers: Self.english))
            #expect(en.contains(#"<html lang="en">"#) && en.contains("Track a dossier") && !en.contains("Tra cứu hồ sơ"))

            let switched = try await client.get("/language/en?back=%2Fprocedures%3Fq%3Dho")
            #expect(switched.status == .seeOther && switched.headers[.location] == "/procedures?q=ho")
            let cookie = try #require(switched.headers[.setCookie])
            #expect(cookie.contains("pasc_lang=en") && cookie.contains("HttpOnly") && cookie.contains("Path=/"))
            // Only back into this site.
            for elsewhere in [
                "%2F%2Fevil.example", "https%3A%2F%2Fevil.example", "%2F%5Cevil.example", "%2F%09%2Fevil.example", "%2F%0A%2Fevil.example",
                "%2F%E2%80%83%2Fevil.example", "%2F%2F%EF%B8%8Fevil.example", "%2F%2F%CD%8Fevil.example",
            ] {
                #expect(try await client.get("/language/vi?back=\(elsewhere)").headers[.location] == "/")
            }
        }
    }

    @Test func proceduresAreFoundWithoutDiacriticsAndShowTodaysAppointment() async throws {
        try await withStaffApp { client, _, _ in
            let found = Self.html(try await client.get("/procedures?q=ho+kinh+doanh&unexpected=1"))
            #expect(found.contains(#"href="/procedures/1.001612""#) && found.contains("Đăng ký thành lập hộ kinh doanh"))
            #expect(Self.html(try await client.get("/procedures?q=zzzz")).contains("Không tìm thấy thủ tục nào."))

            let page = try await client.get("/procedures/1.001612")
            #expect(page.status == .ok)
            let text = Self.html(page)
            let expected = try await client.get("/api/v1/procedures/1.001612/appointment").json["appointmentDateText"] as? String
            #expect(text.contains("<strong>\(try #require(expected))</strong>"))
            #expect(text.contains("Giấy đề nghị đăng ký hộ kinh doanh") && text.contains("3 ngày làm việc"))
            #expect(text.contains("Không phụ thuộc địa giới hành chính"))
            let english = Self.html(try await client.get("/procedures/1.001612", headers: Self.english))
            #expect(english.contains("Household business registration") && english.contains("3 working days"))

            let missing = try await client.get("/procedures/9.999999")
            #expect(missing.status == .notFound && Self.html(missing).contains("Không có thủ tục với mã này."))
        }
    }

    @Test func aCommunesOfficesAndAnOfficesPage() async throws {
        try await withStaffApp { client, _, _ in
            let forCommune = Self.html(try await client.get("/offices?unit=25747"))
            #expect(forCommune.contains(#"href="/offices/000.03.11.H56""#))
            #expect(Self.html(try await client.get("/offices?unit=nowhere")).contains("Không có xã, phường này."))
            let near = Self.html(try await client.get("/offices?near=10.98,106.65"))
            #expect(near.contains(" km)"))

            let office = try await client.get("/offices/000.03.11.H56")
            #expect(office.status == .ok)
            let text = Self.html(office)
            #expect(text.contains("<svg class=\"map\"") && text.contains("Thứ Hai") && text.contains("Đang chờ lúc này"))
            #expect(try await client.get("/offices/000.99.99.H56").status == .notFound)
        }
    }

    @Test func aDossiersPageShowsItsStepsAndItsLogCheckButNoPersonalData() async throws {
        let clock = ManualClock()
        clock.set("2026-09-15T09:00:00+07:00")
        let holder = StoreHolder()
        try await withStaffApp(clock: clock, extraRoutes: { _, store in holder.store = store }) { client, _, _ in
            let store = try #require(holder.store)
            let code = try await DossierStepsTests.receive(client)
            clock.set("2026-09-15T10:00:00+07:00")
            let handed = try await DossierStepsTests.post(
                client,
                "/api/v1/dossiers/\(code)/transfers",
                #"{"receiver":"ubnd.25747"}"#,
                as: "officer.a"
            )
            #expect(handed.status == .created)

            let page = try await client.get("/dossiers/\(code)")
            #expect(page.status == .ok)
            let text = Self.html(page)
            #expect(text.contains("Tiếp nhận") && text.contains("Chuyển hồ sơ") && text.contains("Đúng hạn"))
            #expect(text.contains("15/09/2026 09:00") && text.contains("18/09/2026 17:00"))
            #expect(text.contains("Máy chủ này không công bố khóa của sổ công khai"))
            // Absent values leave nothing behind (Mustache would print an empty optional as "nil").
            #expect(!text.contains("nil") && !text.contains("Hạn của bước: <"))
            // Agencies by name, not by code.
            #expect(text.contains("Ủy ban nhân dân") || text.contains("UBND"))
            for secret in [DossierRoutesTests.name, DossierRoutesTests.idNumber, DossierRoutesTests.phone, "Kỳ Lân"] {
                #expect(!text.contains(secret), "the page shows \(secret)")
            }

            // A specialist's step has no office: it must not borrow the dossier's.
            clock.set("2026-09-15T11:00:00+07:00")
            let started = try await DossierStepsTests.post(
                client,
                "/api/v1/dossiers/\(code)/actions",
                #"{"action":"startProcessing"}"#,
                as: "specialist.x"
            )
            #expect(started.status == .ok)
            let office = try #require(try await client.get("/api/v1/offices/000.03.11.H56").json["name"] as? String)
            let timeline = Self.html(try await client.get("/dossiers/\(code)"))
            let step = try #require(timeline.range(of: "Bắt đầu xử lý").map { timeline[$0.lowerBound...] })
            let line = String(step).components(separatedBy: "</li>")[0]
            #expect(!line.contains(office) && line.contains("Bắt đầu xử lý"))

            // Not a code: the form again, saying so; a code of nobody: a 404 page, the same for all.
            let typo = try await client.get("/track?code=x")
            #expect(typo.status == .ok)
            #expect(Self.html(typo).contains(#"aria-invalid="true""#))
            let unknown = try await client.get("/track?code=000.03.11.H56-260915-9999")
            #expect(unknown.status == .notFound && Self.html(unknown).contains(#"aria-invalid="true""#))
            let nobody = try await client.get("/dossiers/000.03.11.H56-260915-9999")
            #expect(nobody.status == .notFound && Self.html(nobody).contains("Không tìm thấy hồ sơ có mã này."))
        }
    }

    /// The page's history check is `pasc verify --dossier`'s: signed checkpoint, steps against
    /// recomputed leaves, inclusion proofs; newer steps wait; a leaf whose text was changed fails.
    @Test func aDossiersHistoryIsCheckedAgainstTheSignedCheckpoint() async throws {
        try await TransparencyRoutesTests.withLogApp { client, store in
            let code = try await DossierStepsTests.receive(client)
            let path = "/dossiers/\(code)"
            #expect(Self.html(try await client.get(path)).contains("Sổ công khai chưa có điểm kiểm nào được ký."))
            let log = TransparencyLog(store: store, clock: Fixtures.clock)
            _ = try await log.publish(signer: TransparencyRoutesTests.signer)
            #expect(Self.html(try await client.get(path)).contains("Toàn bộ lịch sử này nằm trong điểm kiểm số"))
            let handed = try await DossierStepsTests.post(
                client,
                "/api/v1/dossiers/\(code)/transfers",
                #"{"receiver":"ubnd.25747"}"#,
                as: "officer.a"
            )
            #expect(handed.status == .created)
            #expect(Self.html(try await client.get(path)).contains("Các bước mới nhất sẽ nằm trong điểm kiểm kế tiếp"))
            _ = try await log.publish(signer: TransparencyRoutesTests.signer)
            let english = Self.html(try await client.get(path, headers: Self.english))
            #expect(english.contains("This whole history is included in checkpoint"))
            // The leaf's text rewritten, its stored hash kept: the page says so.
            try await store.execute(
                unsafeSQL: "UPDATE log_leaves SET data = replace(data, 'transfer', 'refuse') WHERE reference = '\(code)' AND ordinal = 1"
            )
            let warned = Self.html(try await client.get(path))
            #expect(warned.contains("CẢNH BÁO") && !warned.contains("Toàn bộ lịch sử này nằm trong"))
        }
    }
}
