import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import PASCApp
import PASCTestSupport
import Testing

/// A lost receipt or secret at the counter: lookup by ID number, reprint, reset; each logged.
@Suite("Counter desk")
struct CounterDeskTests {
    @Test func aLostReceiptIsFoundByIDReprintedAndItsSecretReset() async throws {
        try await withStaffApp { client, _, _ in
            let answer = try await DossierRoutesTests.receiveAnswer(client, as: "officer.a", at: "000.03.11.H56", homeUnit: "25747")
            let receipt = try #require(try answer.json["receipt"] as? [String: Any])
            let code = try #require(receipt["code"] as? String)
            let oldSecret = try #require(receipt["accessSecret"] as? String)
            WholeRunLog.sensitive([oldSecret])

            // Any office finds it: officer B at another branch.
            let officerB = try await client.sessionHeaders(as: "officer.b")
            let lookup = "/api/v1/offices/000.01.12.H56/dossier-lookup"
            let found = try await client.send(.post, lookup, #"{"idNumber":"\#(DossierRoutesTests.idNumber)"}"#, headers: officerB)
            #expect(found.status == .ok)
            #expect(try (found.json["items"] as? [[String: Any]])?.compactMap { $0["code"] as? String } == [code])
            #expect(!String(buffer: found.body).contains(DossierRoutesTests.name))
            let none = try await client.send(.post, lookup, #"{"idNumber":"079099000111"}"#, headers: officerB)
            #expect(try (none.json["items"] as? [[String: Any]])?.isEmpty == true)
            let bad = try await client.send(.post, lookup, #"{"idNumber":"12"}"#, headers: officerB)
            #expect(try bad.status == .badRequest && bad.errorFields == ["/idNumber"])
            let elsewhere = try await client.send(.post, "/api/v1/offices/000.03.11.H56/dossier-lookup", #"{"idNumber":"1"}"#, headers: officerB)
            #expect(elsewhere.status == .forbidden)

            let officerA = try await client.sessionHeaders(as: "officer.a")
            let reprint = try await client.get("/api/v1/dossiers/\(code)/receipt", headers: officerA)
            #expect(try reprint.status == .ok && reprint.json["applicantName"] as? String == DossierRoutesTests.name)
            #expect(!String(buffer: reprint.body).contains("accessSecret"))

            let path = "/api/v1/dossiers/\(code)/access-secret"
            #expect(
                try await client.send(.post, path, #"{"idNumber":"074190099887"}"#, headers: try await client.sessionHeaders(as: "specialist.x"))
                    .status == .forbidden
            )
            let wrong = try await client.send(.post, path, #"{"idNumber":"074190011111"}"#, headers: officerA)
            #expect(try wrong.status == .unprocessableContent && wrong.errorFields == ["/idNumber"])
            let reset = try await client.send(.post, path, #"{"idNumber":" 074190099887 "}"#, headers: officerA)
            #expect(reset.status == .created)
            let newSecret = try #require(try reset.json["accessSecret"] as? String)
            WholeRunLog.sensitive([newSecret])
            #expect(newSecret != oldSecret)
            var old = HTTPFields()
            old[HTTPField.Name("X-Access-Secret")!] = oldSecret
            #expect(try await client.get("/api/v1/dossiers/\(code)", headers: old).status == .unauthorized)
            var new = HTTPFields()
            new[HTTPField.Name("X-Access-Secret")!] = newSecret
            #expect(try await client.get("/api/v1/dossiers/\(code)", headers: new).status == .ok)

            let reads = try await client.get("/api/v1/personal-data-reads?dossier=\(code)", headers: try await client.sessionHeaders(as: "admin.a"))
            let routes = Set(try #require(try reads.json["items"] as? [[String: Any]]).compactMap { $0["route"] as? String })
            #expect(
                routes.isSuperset(of: [
                    "POST /api/v1/offices/{code}/dossier-lookup", "GET /api/v1/dossiers/{code}/receipt", "POST /api/v1/dossiers/{code}/access-secret",
                ])
            )
        }
    }
}
