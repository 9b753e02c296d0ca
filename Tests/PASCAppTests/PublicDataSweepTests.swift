import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import PASCCore
import PASCDomain
import PASCStore
import PASCTestSupport
import PASCTransparency
import Testing

@testable import PASCApp

/// Every public GET route the OpenAPI document lists, asked after a dossier's whole life (a
/// reason naming the applicant, a rating comment naming an officer, an online ticket with a
/// phone), and the public log's leaves: none shows the fixtures' personal data.
@Suite("No personal data in public answers")
struct PublicDataSweepTests {
    @Test func everyPublicAnswerAndTheLogAreFreeOfPersonalData() async throws {
        let clock = ManualClock()
        clock.set("2026-09-15T09:00:00+07:00")
        let signer = LogSigner(name: "pasc.test/log")
        try await TestDatabases.withStore(.sqlite) { store in
            _ = try await store.seedIfEmpty(Fixtures.demo)
            let hasher = BcryptPasswordHasher(cost: 10)
            let hash = try hasher.hash(StaffFixture.password)
            for member in StaffFixture.members { try await store.insertStaff(member, passwordHash: hash, actor: "test") }
            var settings = AuthenticationSettings()
            settings.failureDelayMilliseconds = 0
            let (router, _) = try buildRoutes(
                store: store,
                clock: clock,
                passwords: hasher,
                authenticationSettings: settings,
                logVerifier: signer.verifier
            )
            try await Application(router: router, logger: WholeRunLog.serverLogger()).test(.router) { client in
                let office = "000.03.11.H56"
                let answer = try await DossierRoutesTests.receiveAnswer(client, as: "officer.a", at: office, homeUnit: "25747", procedure: "1.004873")
                let receipt = try #require(try answer.json["receipt"] as? [String: Any])
                let code = try #require(receipt["code"] as? String)
                let secret = try #require(receipt["accessSecret"] as? String)
                let officerName = "Lê Văn Tám"
                let ticketPhone = "0911222333"
                WholeRunLog.sensitive([secret, officerName, ticketPhone])
                func act(_ body: String, as user: String) async throws {
                    let answer = try await client.send(
                        .post,
                        "/api/v1/dossiers/\(code)/actions",
                        body,
                        headers: try await client.sessionHeaders(as: user)
                    )
                    #expect(answer.status == .ok, "\(String(buffer: answer.body))")
                }
                try await act(#"{"action":"startProcessing"}"#, as: "specialist.x")
                try await act(#"{"action":"requestSupplement","reason":"Bà \#(DossierRoutesTests.name) thiếu bản sao"}"#, as: "specialist.x")
                try await act(#"{"action":"completeSupplement"}"#, as: "officer.a")
                try await act(#"{"action":"markResultReady"}"#, as: "specialist.x")
                try await act(#"{"action":"returnResult"}"#, as: "officer.a")
                var headers: HTTPFields = [.contentType: "application/json"]
                headers[HTTPField.Name("X-Access-Secret")!] = secret
                let rated = try await client.execute(
                    uri: "/api/v1/dossiers/\(code)/rating",
                    method: .post,
                    headers: headers,
                    body: ByteBuffer(string: #"{"level":"satisfied","comment":"Anh \#(officerName) gọi \#(DossierRoutesTests.phone)"}"#)
                )
                #expect(rated.status == .created)
                let ticket = try await client.send(
                    .post,
                    "/api/v1/offices/\(office)/tickets",
                    #"{"group":"A","channel":"online","contact":"\#(ticketPhone)"}"#,
                    headers: [.contentType: "application/json"]
                )
                #expect(ticket.status == .created, "\(String(buffer: ticket.body))")
                _ = try await TransparencyLog(store: store, clock: clock).publish(signer: signer)
                let size = try await store.logHead().size

                // Every public GET route, its path filled in and its required query given.
                let document = try await client.get("/openapi.json").json
                let paths = try #require(document["paths"] as? [String: [String: [String: Any]]])
                let samples = [
                    "/api/v1/dossiers/": code, "/api/v1/offices/": office, "/offices/": office, "/api/v1/procedures/": "1.004873",
                    "/api/v1/units/": "25747", "/open311/v2/requests/": code + ".json",
                    // The people's pages.
                    "/dossiers/": code, "/procedures/": "1.004873", "/language/": "en",
                    // Staff pages: an anonymous caller is sent to sign in.
                    "/desk/": "000.03.11.H56", "/agency/": "ubnd.25747", "/work/dossiers/": code,
                ]
                let queries: [String: String] = [
                    "/log/leaves": "start=0&end=\(size)", "/log/proofs/inclusion": "index=0&size=\(size)",
                    "/log/proofs/consistency": "from=1&to=\(size)", "/api/v1/offices/{code}/slots": "group=A&date=2026-09-16",
                    "/track": "code=\(code)", "/offices": "unit=25747",
                ]
                var asked = 0
                for (path, methods) in paths.sorted(by: { $0.key < $1.key }) {
                    guard let operation = methods["get"], operation["security"] == nil else { continue }
                    var uri = path
                    if let open = path.firstIndex(of: "{") {
                        let prefix = String(path[..<open])
                        let sample = try #require(samples[prefix], "no sample for \(path)")
                        uri = prefix + sample + String(path[path.index(after: path.firstIndex(of: "}")!)...])
                    }
                    if let query = queries[path] { uri += "?" + query }
                    let response = try await client.get(uri)
                    #expect(response.status.code < 500, "\(uri) → \(response.status)")
                    let text = String(buffer: response.body)
                    for secret in [
                        DossierRoutesTests.name, DossierRoutesTests.idNumber, DossierRoutesTests.phone, "0987 001 122", "Kỳ Lân", officerName,
                        ticketPhone, secret, "officer.a", "specialist.x",
                    ] {
                        #expect(!text.contains(secret), "\(uri) shows \(secret)")
                    }
                    asked += 1
                }
                #expect(asked >= 30, "the sweep asked \(asked) public routes")
                // Also the statistics by every dimension, and Open311's listing.
                for uri in [
                    "/api/v1/statistics?by=agency", "/api/v1/statistics?by=procedure", "/api/v1/statistics?by=month", "/open311/v2/requests.json",
                ] {
                    let text = String(buffer: try await client.get(uri).body)
                    #expect(!text.contains(DossierRoutesTests.name) && !text.contains(officerName), "\(uri)")
                }
                // The applicant, with the secret, does see the reason typed for them.
                var own = HTTPFields()
                own[HTTPField.Name("X-Access-Secret")!] = secret
                #expect(String(buffer: try await client.get("/api/v1/dossiers/\(code)", headers: own).body).contains("thiếu bản sao"))
            }
        }
    }
}
