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

/// Scans of papers and results: typed by their bytes, size-limited, stored once per hash, served
/// back only as logged downloads.
@Suite("Digitised documents")
struct DocumentsTests {
    static let pdf = Data("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n".utf8)
    static let png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13])

    static func upload(
        _ client: any TestClientProtocol,
        _ code: String,
        _ bytes: Data,
        query: String = "role=paper&title=T%E1%BB%9D%20khai",
        contentType: String = "application/pdf",
        as user: String = "officer.a"
    ) async throws -> TestResponse {
        var headers = try await client.sessionHeaders(as: user)
        headers[.contentType] = contentType
        return try await client.execute(
            uri: "/api/v1/dossiers/\(code)/documents?\(query)",
            method: .post,
            headers: headers,
            body: ByteBuffer(bytes: bytes)
        )
    }

    @Test(arguments: TestDatabases.backends)
    func aScanIsStoredOnceByItsHashAndServedAsALoggedDownload(_ backend: TestDatabases.Backend) async throws {
        try await withStaffApp(backend) { client, _, _ in
            let code = try await DossierStepsTests.receive(client)
            let first = try await Self.upload(client, code, Self.pdf)
            #expect(first.status == .created, "\(String(buffer: first.body))")
            let sha = try #require(try first.json["sha256"] as? String)
            #expect(sha.count == 64 && sha.allSatisfy(\.isHexDigit))
            #expect(try first.json["title"] as? String == "Tờ khai" && first.json["mediaType"] as? String == "application/pdf")
            // The same bytes again: the same hash, one stored content, one listed document.
            #expect(try await Self.upload(client, code, Self.pdf).json["sha256"] as? String == sha)
            let png = try await Self.upload(client, code, Self.png, query: "title=Anh", contentType: "application/pdf")
            #expect(try png.json["type"] as? String == "png", "typed by its bytes, not by the Content-Type it was sent with")

            let list = try await client.get("/api/v1/dossiers/\(code)/documents", headers: try await client.sessionHeaders(as: "officer.a"))
            #expect(try (list.json["items"] as? [[String: Any]])?.count == 2)
            #expect(try await client.get("/api/v1/dossiers/\(code)/documents").status == .unauthorized)

            let officer = try await client.sessionHeaders(as: "officer.a")
            let download = try await client.get("/api/v1/dossiers/\(code)/documents/\(sha)", headers: officer)
            #expect(download.status == .ok)
            #expect(Data(download.body.readableBytesView) == Self.pdf)
            #expect(download.headers[.contentType] == "application/pdf")
            #expect(download.headers[.contentDisposition]?.hasPrefix("attachment;") == true)
            #expect(download.headers[HTTPField.Name("X-Content-Type-Options")!] == "nosniff")
            // Officer B's office neither received it nor returns it.
            let other = try await client.get("/api/v1/dossiers/\(code)/documents/\(sha)", headers: try await client.sessionHeaders(as: "officer.b"))
            #expect(other.status == .forbidden)
            let missing = try await client.get("/api/v1/dossiers/\(code)/documents/\(String(repeating: "0", count: 64))", headers: officer)
            #expect(missing.status == .notFound)

            let reads = try await client.get("/api/v1/personal-data-reads?dossier=\(code)", headers: try await client.sessionHeaders(as: "admin.a"))
            let logged = try #require(try reads.json["items"] as? [[String: Any]])
            #expect(logged.contains { ($0["route"] as? String)?.contains("/documents/") == true && $0["actor"] as? String == "officer.a" })

            let steps = try #require(try await client.get("/api/v1/dossiers/\(code)").json["steps"] as? [[String: Any]])
            #expect(steps.filter { $0["action"] as? String == "attachDocument" }.count == 3, "every attachment is a step")
        }
    }

    @Test func otherBytesAreRefusedWith415AndOversizedOnesWith413() async throws {
        try await withStaffApp { client, _, _ in
            let code = try await DossierStepsTests.receive(client)
            let html = try await Self.upload(client, code, Data("<html><script>alert(1)</script></html>".utf8))
            #expect(html.status == .unsupportedMediaType)
            #expect(String(buffer: html.body).contains("PDF, JPEG or PNG"))
            var big = Self.pdf
            big.append(Data(count: 20 * 1_048_576))
            let tooBig = try await Self.upload(client, code, big)
            #expect(tooBig.status == .contentTooLarge)
            let untitled = try await Self.upload(client, code, Self.pdf, query: "role=paper")
            #expect(try untitled.status == .badRequest && untitled.errorFields == ["title"])
            let badRole = try await Self.upload(client, code, Self.pdf, query: "role=selfie&title=x")
            #expect(try badRole.status == .badRequest && badRole.errorFields == ["role"])
            // A result only once the agency is processing it.
            let early = try await Self.upload(client, code, Self.pdf, query: "role=result&title=K%E1%BA%BFt%20qu%E1%BA%A3", as: "specialist.x")
            #expect(early.status == .conflict)
            let list = try await client.get("/api/v1/dossiers/\(code)/documents", headers: try await client.sessionHeaders(as: "officer.a"))
            #expect(try (list.json["items"] as? [[String: Any]])?.isEmpty == true, "nothing refused was stored")
            // While processing, the result's scan is attached; the result step names it.
            #expect(
                try await DossierStepsTests.post(client, "/api/v1/dossiers/\(code)/transfers", #"{"receiver":"ubnd.25747"}"#, as: "officer.a").status
                    == .created
            )
            #expect(
                try await DossierStepsTests.post(client, "/api/v1/dossiers/\(code)/actions", #"{"action":"startProcessing"}"#, as: "specialist.x")
                    .status == .ok
            )
            let result = try await Self.upload(client, code, Self.pdf, query: "role=result&title=K%E1%BA%BFt%20qu%E1%BA%A3", as: "specialist.x")
            #expect(result.status == .created)
            let ready = try await DossierStepsTests.post(
                client,
                "/api/v1/dossiers/\(code)/actions",
                #"{"action":"markResultReady"}"#,
                as: "specialist.x"
            )
            #expect(try ((ready.json["steps"] as? [[String: Any]])?.last?["details"] as? [String: String])?["resultDocuments"] == "1")
        }
    }
}

/// The counts the dashboard reads: dossiers with at least one scanned paper, per receiving office.
@Suite("Digitisation counts")
struct DigitisationCountTests {
    @Test(arguments: TestDatabases.backends)
    func onlyDossiersWithAScannedPaperCount(_ backend: TestDatabases.Backend) async throws {
        try await TestDatabases.withStore(backend) { store in
            _ = try await store.seedIfEmpty(Fixtures.demo)
            let calendar = CalendarService(store: store, clock: Fixtures.clock)
            let reception = ReceptionTests.reception(store)
            let request = Reception.Request(
                procedure: try ProcedureCode("1.004873"),
                office: ReceptionTests.pointA,
                channel: .counter,
                applicant: try ReceptionTests.applicantOfA(),
                delivery: .electronic
            )
            var codes: [DossierCode] = []
            for _ in 0..<3 {
                guard case .accepted(let receipt) = try await reception.receive(request, by: ReceptionTests.officerB) else { return }
                codes.append(receipt.code)
            }
            let officer = try StaffMember(
                username: "motcua.a",
                fullName: "Một Cửa",
                roles: [.receptionOfficer],
                scope: StaffScope(offices: [ReceptionTests.pointA]),
                homeOffice: ReceptionTests.pointA
            )
            let digitisation = Digitisation(
                store: store,
                processing: Processing(store: store, catalog: store, calendar: calendar, clock: Fixtures.clock),
                maximumBytes: 1_000
            ) { data in String(data.count) + String(repeating: "0", count: 60) }
            _ = try await digitisation.attach(DocumentsTests.pdf, to: codes[0], role: .paper, title: "Tờ khai", by: officer)
            _ = try await digitisation.attach(DocumentsTests.png, to: codes[0], role: .paper, title: "Ảnh", by: officer)
            await #expect(throws: Digitisation.TooLarge.self) {
                try await digitisation.attach(DocumentsTests.pdf + Data(count: 1_000), to: codes[1], role: .paper, title: "Tờ khai", by: officer)
            }
            let counts = try await store.digitisationCounts()
            #expect(counts[ReceptionTests.pointA]?.digitised == 1 && counts[ReceptionTests.pointA]?.received == 3)
        }
    }
}
