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

/// A page session: the cookies a browser would send, and the anti-forgery token its forms carry.
struct PageSession {
    let cookies: String
    let csrf: String

    var headers: HTTPFields { [.cookie: cookies] }
}

extension TestClientProtocol {
    /// Signs in through the sign-in page, as a browser does.
    func pageSignIn(_ username: String, back: String = "/") async throws -> PageSession {
        let response = try await postForm("/sign-in", ["username": username, "password": StaffFixture.password, "back": back])
        #expect(response.status == .seeOther, "page sign-in of \(username)")
        let cookies = response.headers[values: .setCookie].compactMap { $0.split(separator: ";").first.map(String.init) }
        let csrf = try #require(cookies.first { $0.hasPrefix("pasc_csrf=") }).dropFirst("pasc_csrf=".count)
        WholeRunLog.sensitive(cookies.map { String($0.split(separator: "=", maxSplits: 1).last ?? "") })
        return PageSession(cookies: cookies.joined(separator: "; "), csrf: String(csrf))
    }

    /// Posts a URL-encoded form; with a session, its cookies and (unless `csrf` is false) its token.
    func postForm(_ uri: String, _ fields: KeyValuePairs<String, String>, session: PageSession? = nil, csrf: Bool = true) async throws -> TestResponse
    {
        var pairs = fields.map { ($0.key, $0.value) }
        if let session, csrf { pairs.append(("csrf", session.csrf)) }
        let body = pairs.map { key, value in
            func encode(_ text: String) -> String { text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "" }
            return encode(key) + "=" + encode(value)
        }.joined(separator: "&")
        var headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
        if let session { headers[.cookie] = session.cookies }
        return try await execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(string: body))
    }

    /// Posts a multipart form with one file.
    func postMultipart(
        _ uri: String,
        _ fields: [(String, String)],
        file: (field: String, name: String, bytes: [UInt8]),
        session: PageSession?
    )
        async throws -> TestResponse
    {
        let boundary = "pasc-test-boundary-1234"
        var body = ByteBuffer()
        for (key, value) in fields + (session.map { [("csrf", $0.csrf)] } ?? []) {
            body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(key)\"\r\n\r\n\(value)\r\n")
        }
        body.writeString(
            "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(file.field)\"; filename=\"\(file.name)\"\r\nContent-Type: application/octet-stream\r\n\r\n"
        )
        body.writeBytes(file.bytes)
        body.writeString("\r\n--\(boundary)--\r\n")
        return try await execute(
            uri: uri,
            method: .post,
            headers: [.contentType: "multipart/form-data; boundary=\(boundary)", .cookie: session?.cookies ?? ""],
            body: body
        )
    }
}

/// The staff's pages over HTTP: sign-in and the way back, the anti-forgery token, a reception
/// with errors by field, the agency's inbox and steps, the return at another office, the
/// applicant's rating page, and the desk's queue actions.
@Suite("Staff pages")
struct StaffPagesTests {
    static func html(_ response: TestResponse) -> String { String(buffer: response.body) }

    @Test func aLostSessionLeadsToSignInAndBack() async throws {
        try await withStaffApp { client, _, _ in
            let anonymous = try await client.get("/desk/000.03.11.H56?done=open")
            #expect(anonymous.status == .seeOther)
            #expect(anonymous.headers[.location] == "/sign-in?back=%2Fdesk%2F000%2E03%2E11%2EH56%3Fdone%3Dopen")
            let form = Self.html(try await client.get("/sign-in?back=%2Fdesk%2F000.03.11.H56"))
            #expect(form.contains(#"name="back" value="/desk/000.03.11.H56""#) && form.contains("Đăng nhập cán bộ"))

            let wrong = try await client.postForm("/sign-in", ["username": "officer.a", "password": "sai", "back": "/desk"])
            #expect(wrong.status == .unauthorized)
            #expect(Self.html(wrong).contains("Tên đăng nhập hoặc mật khẩu không đúng.") && Self.html(wrong).contains(#"value="officer.a""#))
            // Never back to another site.
            let elsewhere = try await client.postForm(
                "/sign-in",
                ["username": "officer.a", "password": StaffFixture.password, "back": "//evil.example"]
            )
            #expect(elsewhere.headers[.location] == "/desk")

            let session = try await client.pageSignIn("officer.a", back: "/desk/000.03.11.H56")
            let desk = try await client.get("/desk/000.03.11.H56", headers: session.headers)
            #expect(desk.status == .ok && Self.html(desk).contains("Quầy tiếp nhận") && Self.html(desk).contains("Cán Bộ A"))
            // Another office's desk, or an agency's inbox: a page saying so, not a JSON problem.
            let other = try await client.get("/desk/000.01.12.H56", headers: session.headers)
            #expect(other.status == .forbidden && other.headers[.contentType] == "text/html; charset=utf-8")
            #expect(try await client.get("/agency/ubnd.25747", headers: session.headers).status == .forbidden)

            // A form without the session's token is refused: sign in again, back to the form's page.
            var headers = session.headers
            headers[.referer] = "http://localhost/desk/000.03.11.H56"
            headers[.contentType] = "application/x-www-form-urlencoded"
            let forged = try await client.execute(
                uri: "/desk/000.03.11.H56/counters/1/open",
                method: .post,
                headers: headers,
                body: ByteBuffer(string: "csrf=wrong")
            )
            #expect(forged.status == .seeOther && forged.headers[.location] == "/sign-in?back=%2Fdesk%2F000%2E03%2E11%2EH56")
            let counters = try await client.get("/api/v1/offices/000.03.11.H56/counters").json["items"] as? [[String: Any]]
            #expect(counters?.first?["open"] as? Bool == false, "the forged form opened nothing")

            let signedOut = try await client.postForm("/sign-out", [:], session: session)
            #expect(signedOut.status == .seeOther)
            #expect(try await client.get("/desk", headers: session.headers).status == .seeOther, "the session ended")
        }
    }

    @Test func aDossierReceivedAtOneOfficeIsHandledByTheAgencyAndReturnedAtAnother() async throws {
        let clock = ManualClock()
        clock.set("2026-09-15T09:00:00+07:00")
        try await withStaffApp(clock: clock) { client, _, _ in
            let admin = try await client.sessionHeaders(as: "admin.a")
            let decision = try await client.send(
                .post,
                "/api/v1/boundary-free-decisions",
                #"{"number":"15/QĐ-UBND","signedOn":"2026-09-01","effectiveOn":"2026-09-01","phase":2,"additions":["1.001193"]}"#,
                headers: admin
            )
            #expect(decision.status == .created)
            let officerB = try await client.pageSignIn("officer.b")
            let find = Self.html(try await client.get("/desk/000.01.12.H56/receive?q=khai+sinh", headers: officerB.headers))
            #expect(find.contains("/desk/000.01.12.H56/receive?procedure=1.001193"))
            let form = Self.html(try await client.get("/desk/000.01.12.H56/receive?procedure=1.001193", headers: officerB.headers))
            #expect(form.contains(#"name="csrf" value="\#(officerB.csrf)""#) && form.contains(#"data-check="#))

            // A wrong ID number: the form again, the error next to the field, what was typed kept.
            let fields: KeyValuePairs<String, String> = [
                "procedure": "1.001193", "name": "Đỗ Thị Hành Trình", "idNumber": "07419505432", "birthYear": "1995",
                "homeUnit": "25747", "delivery": "office", "deliveryOffice": "000.03.11.H56", "outcome": "accept",
            ]
            WholeRunLog.sensitive(["Đỗ Thị Hành Trình", "074195054321", "07419505432"])
            let wrong = try await client.postForm("/desk/000.01.12.H56/receive", fields, session: officerB)
            #expect(wrong.status == .unprocessableContent)
            let wrongPage = Self.html(wrong)
            #expect(wrongPage.contains(#"id="e-idNumber" aria-live="polite">"#) && wrongPage.contains(##"href="#f-idNumber""##))
            #expect(wrongPage.contains(#"value="Đỗ Thị Hành Trình""#) && wrongPage.contains(#"<option value="000.03.11.H56" selected>"#))
            let englishWrong = try await client.execute(
                uri: "/desk/000.01.12.H56/receive",
                method: .post,
                headers: [.cookie: officerB.cookies + "; pasc_lang=en", .contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "procedure=1.001193&name=A&idNumber=1&homeUnit=25747&delivery=post&csrf=\(officerB.csrf)")
            )
            #expect(Self.html(englishWrong).contains("A postal address is required."))

            var good = Array(fields)
            good[2] = ("idNumber", "074195054321")
            let accepted = try await client.postMultipart(
                "/desk/000.01.12.H56/receive",
                good.map { ($0.key, $0.value) },
                file: ("scans", "to-khai.pdf", Array("%PDF-1.4\n%%EOF\n".utf8)),
                session: officerB
            )
            #expect(accepted.status == .created, "\(Self.html(accepted).prefix(300))")
            let receipt = Self.html(accepted)
            let code = "000.01.12.H56-260915-0001"
            #expect(receipt.contains(code) && receipt.contains("Nghị định 13/2023"))
            let secret = try #require(receipt.firstMatch(of: /Mã tra cứu bí mật<\/dt><dd><strong class="code">([A-Z0-9-]+)</)?.1).description
            WholeRunLog.sensitive([secret])

            // The competent agency (commune A's People's Committee) sees it in its inbox and handles it.
            let specialist = try await client.pageSignIn("specialist.x")
            let inbox = Self.html(try await client.get("/agency/ubnd.25747", headers: specialist.headers))
            #expect(inbox.contains(#"href="/work/dossiers/\#(code)""#))
            let page = Self.html(try await client.get("/work/dossiers/\(code)", headers: specialist.headers))
            #expect(page.contains("Đỗ Thị Hành Trình") && page.contains("to-khai.pdf") && page.contains(#"value="startProcessing""#))
            let reads = try await client.get("/api/v1/personal-data-reads?dossier=\(code)", headers: admin).json["items"] as? [[String: Any]]
            #expect(reads?.contains { $0["route"] as? String == "GET /work/dossiers/{code}" && $0["actor"] as? String == "specialist.x" } == true)

            clock.set("2026-09-15T09:10:00+07:00")
            let started = try await client.postForm("/work/dossiers/\(code)", ["action": "startProcessing"], session: specialist)
            #expect(started.status == .seeOther && started.headers[.location] == "/work/dossiers/\(code)?done=startProcessing")
            let noReason = try await client.postForm("/work/dossiers/\(code)", ["action": "requestSupplement"], session: specialist)
            #expect(noReason.status == .unprocessableContent && Self.html(noReason).contains("phải nêu lý do"))
            let returnTooEarly = try await client.postForm("/work/dossiers/\(code)", ["action": "returnResult"], session: officerB)
            #expect(returnTooEarly.status == .unprocessableContent && Self.html(returnTooEarly).contains("được phép"))
            clock.set("2026-09-15T09:20:00+07:00")
            #expect(try await client.postForm("/work/dossiers/\(code)", ["action": "markResultReady"], session: specialist).status == .seeOther)

            // Returned at a third office, C.
            let officerC = try await client.pageSignIn("officer.a")
            let found = try await client.get("/desk/000.03.11.H56/find?dossier=\(code)", headers: officerC.headers)
            #expect(found.headers[.location] == "/work/dossiers/\(code)")
            clock.set("2026-09-15T09:40:00+07:00")
            #expect(try await client.postForm("/work/dossiers/\(code)", ["action": "returnResult"], session: officerC).status == .seeOther)
            let timeline = try await client.get("/api/v1/dossiers/\(code)").json
            #expect((timeline["steps"] as? [[String: Any]])?.last?["office"] as? String == "000.03.11.H56")

            // The applicant rates it from the tracking page: a wrong secret, then the right one, once.
            let tracking = Self.html(try await client.get("/dossiers/\(code)"))
            #expect(tracking.contains(#"href="/dossiers/\#(code)/rate""#) && !tracking.contains("Đỗ Thị Hành Trình"))
            let badSecret = try await client.postForm("/dossiers/\(code)/rate", ["secret": "WRONG-SECRET", "level": "satisfied"])
            #expect(badSecret.status == .unauthorized && Self.html(badSecret).contains(#"value="satisfied" checked"#))
            let rated = try await client.postForm(
                "/dossiers/\(code)/rate",
                ["secret": secret, "level": "verySatisfied", "criterion-attitude": "2", "comment": "Nhanh"]
            )
            #expect(rated.status == .created)
            #expect(try await client.postForm("/dossiers/\(code)/rate", ["secret": secret, "level": "satisfied"]).status == .conflict)
            let summary = try await client.get("/api/v1/statistics/ratings").json
            #expect(summary["total"] as? Int == 1)
        }
    }

    @Test func theDeskOpensACounterCallsAndServesATicket() async throws {
        let clock = ManualClock()
        clock.set("2026-09-15T09:00:00+07:00")
        try await withStaffApp(clock: clock) { client, _, _ in
            let officer = try await client.pageSignIn("officer.a")
            let opened = try await client.postForm("/desk/000.03.11.H56/counters/1/open", [:], session: officer)
            #expect(opened.status == .seeOther && opened.headers[.location] == "/desk/000.03.11.H56?done=open")
            let nobody = try await client.postForm("/desk/000.03.11.H56/counters/1/call-next", [:], session: officer)
            #expect(nobody.headers[.location] == "/desk/000.03.11.H56?done=nobody_waiting")
            let counters = try await client.get("/api/v1/offices/000.03.11.H56/counters").json["items"] as? [[String: Any]]
            let groups = try #require(counters?.first?["groups"] as? [String])
            let ticket = try await client.send(
                .post,
                "/api/v1/offices/000.03.11.H56/tickets",
                #"{"group":"\#(groups[0])"}"#,
                headers: [.contentType: "application/json"]
            )
            #expect(ticket.status == .created)
            let issued = try #require(try ticket.json["ticket"] as? [String: Any])
            let label = try #require(issued["number"] as? String)
            #expect(try await client.postForm("/desk/000.03.11.H56/counters/1/call-next", [:], session: officer).status == .seeOther)
            let desk = Self.html(try await client.get("/desk/000.03.11.H56?done=called", headers: officer.headers))
            #expect(desk.contains(label) && desk.contains("Đã gọi số tiếp theo.") && desk.contains(#"value="start""#))
            let id = try #require(issued["id"] as? Int)
            #expect(try await client.postForm("/desk/000.03.11.H56/tickets/\(id)", ["step": "start"], session: officer).status == .seeOther)
            #expect(try await client.postForm("/desk/000.03.11.H56/tickets/\(id)", ["step": "complete"], session: officer).status == .seeOther)
            let again = try await client.postForm("/desk/000.03.11.H56/tickets/\(id)", ["step": "recall"], session: officer)
            #expect(again.status == .unprocessableContent && Self.html(again).contains("không thể") && Self.html(again).contains("recall"))
            let english = try await client.get("/desk/000.03.11.H56", headers: [.cookie: officer.cookies + "; pasc_lang=en"])
            #expect(Self.html(english).contains("Call next") && Self.html(english).contains(#"<html lang="en">"#))
        }
    }
}
