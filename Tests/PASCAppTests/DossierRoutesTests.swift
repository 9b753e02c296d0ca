import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import PASCApp
import PASCTestSupport
import Testing

/// Reception over HTTP and the three ways to see a dossier: public, applicant, staff in scope.
@Suite("Dossiers over HTTP")
struct DossierRoutesTests {
    static let name = "Võ Thị Quỳnh Zebra"
    static let idNumber = "074190099887"
    static let phone = "0987001122"

    /// Receives a birth registration (1.001193) for an applicant of `homeUnit` at `office`; returns the code.
    static func receive(
        _ client: any TestClientProtocol,
        as officer: String,
        at office: String,
        homeUnit: String,
        procedure: String = "1.001193"
    ) async throws -> String {
        let answer = try await receiveAnswer(client, as: officer, at: office, homeUnit: homeUnit, procedure: procedure)
        #expect(answer.status == .created, "\(String(buffer: answer.body))")
        let receipt = try #require(try answer.json["receipt"] as? [String: Any])
        WholeRunLog.sensitive([receipt["accessSecret"] as? String ?? ""])
        return try #require(receipt["code"] as? String)
    }

    static func receiveAnswer(
        _ client: any TestClientProtocol,
        as officer: String,
        at office: String,
        homeUnit: String,
        procedure: String = "1.001193"
    ) async throws -> TestResponse {
        WholeRunLog.sensitive([name, idNumber, phone])
        let headers = try await client.sessionHeaders(as: officer)
        let body = """
            {"procedure":"\(procedure)","applicant":{"name":"\(name)","idNumber":"\(idNumber)","birthYear":1990,"phone":"+84 987 001 122",
             "address":"Số 9 đường Kỳ Lân","homeUnit":"\(homeUnit)"},"delivery":{"kind":"office","office":"\(office)"}}
            """
        return try await client.send(.post, "/api/v1/offices/\(office)/receptions", body, headers: headers)
    }

    @Test func aReceiptOpensTheDossierToItsApplicantAndThePublicSeesNoPersonalData() async throws {
        try await withStaffApp { client, _, _ in
            let answer = try await Self.receiveAnswer(client, as: "officer.a", at: "000.03.11.H56", homeUnit: "25747")
            let receipt = try #require(try answer.json["receipt"] as? [String: Any])
            let code = try #require(receipt["code"] as? String)
            let secret = try #require(receipt["accessSecret"] as? String)
            WholeRunLog.sensitive([secret])
            #expect(code == "000.03.11.H56-260915-0001" && receipt["agency"] as? String == "ubnd.25747")
            #expect(receipt["appointmentDate"] as? String == "2026-09-15", "same day: received at 09:00, before the 15:00 cut-off")

            let publicView = try await client.get("/api/v1/dossiers/\(code)")
            #expect(publicView.status == .ok)
            let text = String(buffer: publicView.body)
            for value in [Self.name, Self.idNumber, Self.phone, "0987", "Kỳ Lân", "officer.a"] {
                #expect(!text.contains(value), "the public view holds no personal data")
            }
            #expect(try (publicView.json["status"] as? [String: Any])?["code"] as? Int == 2)
            #expect(try (publicView.json["steps"] as? [[String: Any]])?.first?["role"] as? String == "receptionOfficer")

            let own = try await client.execute(uri: "/api/v1/dossiers/\(code)", method: .get, headers: [HTTPField.Name("X-Access-Secret")!: secret])
            #expect(own.status == .ok)
            let applicant = try #require(try own.json["applicant"] as? [String: Any])
            #expect(applicant["name"] as? String == Self.name && applicant["phone"] as? String == Self.phone, "+84 normalised")
            let wrong = try await client.execute(
                uri: "/api/v1/dossiers/\(code)",
                method: .get,
                headers: [HTTPField.Name("X-Access-Secret")!: "AAAAAAAA"]
            )
            #expect(wrong.status == .unauthorized && !String(buffer: wrong.body).contains(Self.name))
        }
    }

    @Test func twentyWrongSecretsLockTheRealDossierForTheWindow() async throws {
        try await withStaffApp { client, _, _ in
            let answer = try await Self.receiveAnswer(client, as: "officer.a", at: "000.03.11.H56", homeUnit: "25747")
            let receipt = try #require(try answer.json["receipt"] as? [String: Any])
            let code = try #require(receipt["code"] as? String)
            let secret = try #require(receipt["accessSecret"] as? String)
            WholeRunLog.sensitive([secret])
            for i in 0..<20 {
                let r = try await client.execute(
                    uri: "/api/v1/dossiers/\(code)",
                    method: .get,
                    headers: [HTTPField.Name("X-Access-Secret")!: "WRONG\(i)XX"]
                )
                #expect(r.status == .unauthorized)
            }
            let locked = try await client.execute(
                uri: "/api/v1/dossiers/\(code)",
                method: .get,
                headers: [HTTPField.Name("X-Access-Secret")!: secret]
            )
            #expect(locked.status == .tooManyRequests && locked.headers[.retryAfter] == "900")
            #expect(try await client.get("/api/v1/dossiers/\(code)").status == .ok, "the public view stays open")
        }
    }

    @Test func staffSeeADossierOnlyWithinScopeAndEveryReadIsLogged() async throws {
        try await withStaffApp { client, _, _ in
            let code = try await Self.receive(client, as: "officer.a", at: "000.03.11.H56", homeUnit: "25747")
            var statuses: [String: HTTPResponse.Status] = [:]
            for user in ["officer.a", "officer.b", "leader.a", "specialist.x", "postal.a", "admin.a"] {
                let headers = try await client.sessionHeaders(as: user)
                statuses[user] = try await client.execute(uri: "/api/v1/dossiers/\(code)/record", method: .get, headers: headers).status
            }
            #expect(statuses["officer.a"] == .ok && statuses["leader.a"] == .ok && statuses["specialist.x"] == .ok && statuses["postal.a"] == .ok)
            #expect(statuses["officer.b"] == .forbidden, "an officer of another office")
            #expect(statuses["admin.a"] == .forbidden, "administrators manage master data, not dossiers")
            #expect(try await client.get("/api/v1/dossiers/\(code)/record").status == .unauthorized)

            // A dossier decided by another agency (the district's finance office): specialist.x may not read it.
            let other = try await Self.receive(client, as: "officer.a", at: "000.03.11.H56", homeUnit: "25747", procedure: "1.001612")
            let specialist = try await client.sessionHeaders(as: "specialist.x")
            #expect(try await client.execute(uri: "/api/v1/dossiers/\(other)/record", method: .get, headers: specialist).status == .forbidden)

            let admin = try await client.sessionHeaders(as: "admin.a")
            let reads = try await client.execute(uri: "/api/v1/personal-data-reads?dossier=\(code)", method: .get, headers: admin).items
            #expect(Set(reads.compactMap { $0["actor"] as? String }) == ["officer.a", "leader.a", "specialist.x", "postal.a"])
            #expect(reads.allSatisfy { $0["route"] as? String == "GET /api/v1/dossiers/{code}/record" })
        }
    }

    @Test func outsideTheHomeAreaTheAnswerIsGuidanceAndBadFieldsAreNamed() async throws {
        try await withStaffApp { client, _, _ in
            // An applicant of commune 25750 asks for a birth registration (not boundary-free) at 25747's point.
            let guidance = try await Self.receiveAnswer(client, as: "officer.a", at: "000.03.11.H56", homeUnit: "25750")
            #expect(try guidance.status == .ok && guidance.json["outcome"] as? String == "guidance")
            let offices = try #require((try guidance.json["guidance"] as? [String: Any])?["offices"] as? [[String: Any]])
            #expect(offices.first?["code"] as? String == "000.04.11.H56")
            let headers = try await client.sessionHeaders(as: "officer.a")
            let bad = try await client.send(
                .post,
                "/api/v1/offices/000.03.11.H56/receptions",
                #"{"procedure":"1.001193","applicant":{"name":"A","idNumber":"003190012345","birthYear":1990,"phone":"12345","homeUnit":"25747"},"delivery":{"kind":"ship"}}"#,
                headers: headers
            )
            #expect(bad.status == .badRequest)
            #expect(try Set(bad.errorFields) == ["/applicant/idNumber", "/applicant/phone", "/delivery/kind"])
            let elsewhere = try await client.send(.post, "/api/v1/offices/000.01.12.H56/receptions", "{}", headers: headers)
            #expect(elsewhere.status == .forbidden, "an officer receives only at their own office")
        }
    }

    @Test func aRepeatedIdempotencyKeyGetsTheFirstReceiptAndNeverASecondDossier() async throws {
        try await withStaffApp { client, _, _ in
            var headers = try await client.sessionHeaders(as: "officer.a")
            headers[HTTPField.Name("Idempotency-Key")!] = "quay-3-lan-1"
            WholeRunLog.sensitive([Self.name, Self.idNumber])
            let body =
                #"{"procedure":"1.001193","applicant":{"name":"\#(Self.name)","idNumber":"\#(Self.idNumber)","homeUnit":"25747"},"delivery":{"kind":"electronic"}}"#
            // Four retries at once (a flaky network at the counter): one dossier, the same receipt.
            let retryHeaders = headers
            let answers = try await withThrowingTaskGroup(of: TestResponse.self) { group in
                for _ in 0..<4 {
                    group.addTask { try await client.send(.post, "/api/v1/offices/000.03.11.H56/receptions", body, headers: retryHeaders) }
                }
                return try await group.reduce(into: [TestResponse]()) { $0.append($1) }
            }
            let created = answers.filter { $0.status == .created }
            let statuses = Set(answers.map { Int($0.status.code) })
            #expect(statuses.isSubset(of: [201, 409]), "\(statuses)")
            let codes = Set(try created.compactMap { try ($0.json["receipt"] as? [String: Any])?["code"] as? String })
            #expect(codes == ["000.03.11.H56-260915-0001"])
            let replay = try await client.send(.post, "/api/v1/offices/000.03.11.H56/receptions", body, headers: headers)
            #expect(replay.status == .created && replay.headers[HTTPField.Name("Idempotent-Replayed")!] == "true")
            let receipt = try #require(try replay.json["receipt"] as? [String: Any])
            #expect(receipt["code"] as? String == "000.03.11.H56-260915-0001" && receipt["accessSecret"] is NSNull, "the secret is shown once only")
            for answer in created { WholeRunLog.sensitive([(try? answer.json["receipt"] as? [String: Any])?["accessSecret"] as? String ?? ""]) }
            #expect(try await client.get("/api/v1/dossiers/000.03.11.H56-260915-0002").status == .notFound, "never a second dossier")

            let other = try await client.send(
                .post,
                "/api/v1/offices/000.03.11.H56/receptions",
                body.replacingOccurrences(of: "electronic", with: "post"),
                headers: headers
            )
            #expect(other.status == .unprocessableContent)
            headers[HTTPField.Name("Idempotency-Key")!] = "has space"
            #expect(try await client.send(.post, "/api/v1/offices/000.03.11.H56/receptions", body, headers: headers).status == .badRequest)
        }
    }
}
