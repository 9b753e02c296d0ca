import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import PASCCore
import PASCDomain
import PASCStore
import PASCTestSupport
import Testing

@testable import PASCApp

/// A minimal dossier-like record with distinctive values in every personal field, served by two
/// routes registered the way real ones are: a public view and a staff view through the gate.
/// The dossier issue repeats these checks on real dossiers.
enum FixtureDossier {
    static let code = "000.03.11.H56-260915-0042"
    static let agency = "ubnd.25747"
    static let otherAgency = "ubnd.25750"
    static let name = Personal("Phạm Quỳnh Xuyến Zephyr", kind: .name)
    static let idNumber = Personal("079188812345", kind: .idNumber)
    static let phone = Personal("0912777345", kind: .phone)
    static let email = Personal("quynh.zephyr@example.vn", kind: .email)
    static let address = Personal("Số 77 đường Kỳ Lân Xanh", kind: .address)
    static let dateOfBirth = Personal("1988-07-06", kind: .dateOfBirth)
    static var distinctiveValues: [String] {
        [name.revealed, idNumber.revealed, phone.revealed, email.revealed, address.revealed, dateOfBirth.revealed]
    }

    /// The public view: every personal field encodes masked.
    struct PublicView: Encodable {
        let code = FixtureDossier.code
        let applicant = FixtureDossier.name
        let phone = FixtureDossier.phone
        let idNumber = FixtureDossier.idNumber
        let email = FixtureDossier.email
        let address = FixtureDossier.address
        let dateOfBirth = FixtureDossier.dateOfBirth
    }

    struct StaffView: Encodable {
        let code: String
        let applicant: String
        let phone: String
        let idNumber: String
    }

    static func register(on table: RouteTable, store: SQLStore) {
        WholeRunLog.sensitive(distinctiveValues)
        let gate = PersonalDataGate(log: store, clock: Fixtures.clock)
        table.get("/fixture/dossiers/{code}", policy: .everyone) { request, context in
            context.logger.trace("public dossier view", metadata: ["applicant": "\(FixtureDossier.name)", "phone": "\(FixtureDossier.phone)"])
            guard try context.parameters.require("code") == code else { throw Problem.notFound(kind: "dossier", kindVi: "hồ sơ", code: "?") }
            return try JSONBody.response(PublicView())
        }
        table.get(
            "/fixture/agencies/{agency}/dossiers/{code}",
            policy: .forAgency([.specialist, .leader]),
            target: .agencyParameter("agency")
        ) { request, context in
            // The dossier must belong to the agency named in the path, or it does not exist for this caller.
            guard try context.parameters.require("code") == code, context.parameters.get("agency") == agency, let member = context.member else {
                throw Problem.notFound(kind: "dossier", kindVi: "hồ sơ", code: "?")
            }
            let view = try await gate.read([.name, .phone, .idNumber], of: code, by: member, route: "GET \(context.endpointPath ?? "?")") {
                StaffView(code: code, applicant: name.revealed, phone: phone.revealed, idNumber: idNumber.revealed)
            }
            context.logger.trace("staff dossier view", metadata: ["applicant": "\(FixtureDossier.name)"])
            return try JSONBody.response(view)
        }
    }
}

@Suite("Personal data: one way out, logged")
struct PersonalDataRoutesTests {
    @Test func aSpecialistReadsTheirAgencysDossierAndTheReadIsLogged() async throws {
        try await withStaffApp(extraRoutes: FixtureDossier.register) { client, _, _ in
            let specialist = try await client.sessionHeaders(as: "specialist.x")
            let own = try await client.execute(
                uri: "/fixture/agencies/\(FixtureDossier.agency)/dossiers/\(FixtureDossier.code)",
                method: .get,
                headers: specialist
            )
            #expect(own.status == .ok)
            #expect(try own.json["applicant"] as? String == FixtureDossier.name.revealed)
            let other = try await client.execute(
                uri: "/fixture/agencies/\(FixtureDossier.otherAgency)/dossiers/\(FixtureDossier.code)",
                method: .get,
                headers: specialist
            )
            #expect(other.status == .forbidden, "a specialist of agency X cannot read a dossier of agency Y")
            let officer = try await client.sessionHeaders(as: "officer.a")
            let refused = try await client.execute(
                uri: "/fixture/agencies/\(FixtureDossier.agency)/dossiers/\(FixtureDossier.code)",
                method: .get,
                headers: officer
            )
            #expect(refused.status == .forbidden)
            #expect(!String(buffer: refused.body).contains(FixtureDossier.name.revealed), "403 names the missing role, not the data")

            let admin = try await client.sessionHeaders(as: "admin.a")
            let reads = try await client.execute(uri: "/api/v1/personal-data-reads?dossier=\(FixtureDossier.code)", method: .get, headers: admin)
                .items
            #expect(reads.count == 1, "only the granted read is in the log")
            #expect(reads.first?["actor"] as? String == "specialist.x")
            #expect(reads.first?["route"] as? String == "GET /fixture/agencies/{agency}/dossiers/{code}")
            #expect(reads.first?["kinds"] as? [String] == ["name", "idNumber", "phone"])
            #expect(try await client.execute(uri: "/api/v1/personal-data-reads", method: .get, headers: specialist).status == .forbidden)
        }
    }

    @Test func publicAnswersAndTraceLogsHoldNoPersonalValue() async throws {
        let logs = CapturedLogs()
        let answers = FoundSecrets()
        try await withStaffApp(logger: logs.logger(label: "pasc"), extraRoutes: FixtureDossier.register) { client, _, _ in
            let publicView = try await client.get("/fixture/dossiers/\(FixtureDossier.code)")
            #expect(publicView.status == .ok)
            answers.add([String(buffer: publicView.body)])
            #expect(try publicView.json["applicant"] as? String == "Phạm Q*** X*** Z**")
            #expect(try publicView.json["phone"] as? String == "0912***345")
            let specialist = try await client.sessionHeaders(as: "specialist.x")
            _ = try await client.execute(
                uri: "/fixture/agencies/\(FixtureDossier.agency)/dossiers/\(FixtureDossier.code)",
                method: .get,
                headers: specialist
            )
        }
        #expect(logs.text.contains("staff dossier view"), "the capture saw the handler's trace lines")
        for value in FixtureDossier.distinctiveValues {
            #expect(!logs.text.contains(value), "a personal value reached the log")
            #expect(!answers.values.joined().contains(value), "a personal value reached a public answer")
        }
    }
}
