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

/// The public's service pages: online submission (errors by field, the notice, the receipt),
/// the public log's page and the statistics page with its chart and table.
@Suite("Public service pages")
struct PublicServicePagesTests {
    static func html(_ response: TestResponse) -> String { String(buffer: response.body) }

    @Test func anOnlineSubmissionGetsTheReceiptAndIsReceivedByTheHomeCommunesOffice() async throws {
        try await withStaffApp { client, _, _ in
            // Offered online (full level): the procedure page links to the form; one not offered is refused.
            #expect(Self.html(try await client.get("/procedures/1.001193")).contains(#"href="/procedures/1.001193/submit""#))
            let notOnline = try await client.get("/procedures/1.001612/submit")
            #expect(notOnline.status == .conflict && Self.html(notOnline).contains("chưa được cung cấp trực tuyến"))
            let form = Self.html(try await client.get("/procedures/1.001193/submit"))
            #expect(form.contains("Nghị định 13/2023") && form.contains(#"name="consent""#) && form.contains(#"name="scans""#))

            // No consent, no scan: the form again with both errors and what was typed.
            WholeRunLog.sensitive(["Phạm Văn Trực Tuyến", "074096111222", "0901234567"])
            let fields: [(String, String)] = [
                ("name", "Phạm Văn Trực Tuyến"), ("idNumber", "074096111222"), ("birthYear", "1996"), ("phone", "0901234567"),
                ("homeUnit", "25747"), ("delivery", "electronic"),
            ]
            let missing = try await client.postMultipart("/procedures/1.001193/submit", fields, file: ("other", "x.txt", [0x41]), session: nil)
            #expect(missing.status == .unprocessableContent)
            let missingPage = Self.html(missing)
            #expect(missingPage.contains("Cần đồng ý với thông báo") && missingPage.contains("Cần tải lên ít nhất một bản quét"))
            #expect(missingPage.contains(#"value="Phạm Văn Trực Tuyến""#) && missingPage.contains(#"<option value="25747" selected>"#))

            let submitted = try await client.postMultipart(
                "/procedures/1.001193/submit",
                fields + [("consent", "yes")],
                file: ("scans", "giay-chung-sinh.png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0]),
                session: nil
            )
            #expect(submitted.status == .created, "\(Self.html(submitted).prefix(400))")
            let receipt = Self.html(submitted)
            #expect(receipt.contains("Nghị định 13/2023") && receipt.contains("Hồ sơ nộp trực tuyến đã được tiếp nhận"))
            let code = try #require(receipt.firstMatch(of: /<strong class="code">([0-9A-Z.]+-\d{6}-\d{4})<\/strong>/)?.1).description
            let secret = try #require(receipt.firstMatch(of: /Mã tra cứu bí mật<\/dt><dd><strong class="code">([^<]+)</)?.1).description
            WholeRunLog.sensitive([secret])
            let home = try #require(try await client.get("/api/v1/units/25747").json["homeOfficeCode"] as? String)
            #expect(code.hasPrefix(home + "-"), "received by commune 25747's office")

            // The applicant's own view: the online channel, the uploaded paper attached.
            let own = try await client.execute(
                uri: "/api/v1/dossiers/\(code)",
                method: .get,
                headers: [HTTPField.Name("X-Access-Secret")!: secret]
            )
            #expect(own.status == .ok)
            let dossier = try #require(try own.json["dossier"] as? [String: Any])
            #expect(dossier["channel"] as? String == "online")
            let steps = try #require(dossier["steps"] as? [[String: Any]])
            #expect(steps.map { $0["action"] as? String } == ["accept", "attachDocument"])
            let documents = try await client.get("/api/v1/dossiers/\(code)/documents", headers: try await client.sessionHeaders(as: "specialist.x"))
            #expect((try documents.json["items"] as? [[String: Any]])?.first?["title"] as? String == "giay-chung-sinh.png")
        }
    }

    @Test func theLogPageShowsTheSignedCheckpointAndHowToVerify() async throws {
        try await TransparencyRoutesTests.withLogApp { client, store in
            let empty = Self.html(try await client.get("/transparency"))
            #expect(empty.contains("Cách tự kiểm tra") && empty.contains(TransparencyRoutesTests.signer.verifier.verifierKey))
            _ = try await DossierRoutesTests.receive(client, as: "officer.a", at: StaffFixture.pointA.rawValue, homeUnit: "25747")
            let checkpoint = try #require(
                try await TransparencyLog(store: store, clock: Fixtures.clock).publish(signer: TransparencyRoutesTests.signer)
            )
            let page = Self.html(try await client.get("/transparency"))
            #expect(page.contains("<dd>\(checkpoint.size)</dd>") && page.contains("pasc verify --server"))
            #expect(page.contains(Data(checkpoint.root.bytes).base64EncodedString()))
        }
    }

    @Test func theStatisticsPageDrawsTheChartOfItsTable() async throws {
        try await withStaffApp { client, _, _ in
            let code = try await DossierRoutesTests.receive(client, as: "officer.a", at: StaffFixture.pointA.rawValue, homeUnit: "25747")
            #expect(!code.isEmpty)
            let page = Self.html(try await client.get("/statistics"))
            #expect(page.contains(#"<svg class="chart""#) && page.contains("<th scope=\"row\">09/2026</th><td>1</td>"))
            #expect(page.contains(#"<title>Đang giải quyết: 1</title>"#), "the bar's part says its number")
            let offices = Self.html(try await client.get("/statistics?by=office&unexpected=1"))
            #expect(offices.contains(#"aria-current="page">Đơn vị tiếp nhận"#) && offices.contains("Mọi hồ sơ đều có trong sổ công khai"))
            #expect(try await client.get("/statistics?by=nonsense").status == .ok)
        }
    }
}
