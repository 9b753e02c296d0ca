import Foundation
import PASCApp
import PASCCore
import PASCDomain
import PASCStore
import PASCTestSupport
import Testing

/// Reception at any office through the use case, on a real store.
@Suite("Reception at any office")
struct ReceptionTests {
    static let pointA = try! OfficeCode("000.03.11.H56")  // commune 25747
    static let pointB = try! OfficeCode("000.04.11.H56")  // commune 25750
    static let officerB = EventActor(username: "motcua.b", role: .receptionOfficer, office: pointB)

    static func applicantOfA() throws -> Applicant {
        try Applicant(kind: .citizen, name: "Lê Văn Thử", id: PersonalID("074095001234", kind: .citizenID), homeUnit: "25747")
    }

    static func reception(_ store: SQLStore) -> Reception {
        Reception(
            store: store,
            calendar: CalendarService(store: store, clock: Fixtures.clock),
            access: ApplicantAccess(counters: store, secrets: SHA256SecretHasher(), clock: Fixtures.clock),
            clock: Fixtures.clock
        )
    }

    @Test(arguments: TestDatabases.backends)
    func aBoundaryFreeDossierOfCommuneAReceivedAtBGoesToAsCommittee(_ backend: TestDatabases.Backend) async throws {
        try await TestDatabases.withStore(backend) { store in
            _ = try await store.seedIfEmpty(Fixtures.demo)
            // Birth registration (1.001193) is decided where the applicant lives; make it boundary-free first.
            let birth = try ProcedureCode("1.001193")
            _ = try await MasterData(store: store, clock: Fixtures.clock).decideBoundaryFree(
                BoundaryFreeDecision(
                    number: "12/QĐ-UBND",
                    signedOn: LocalDate(iso: "2026-09-01"),
                    effectiveOn: LocalDate(iso: "2026-09-01"),
                    phase: 2,
                    additions: [birth],
                    removals: [],
                    demoReference: false,
                    note: ""
                ),
                actor: "quantri"
            )
            let request = Reception.Request(
                procedure: birth,
                office: Self.pointB,
                channel: .counter,
                applicant: try Self.applicantOfA(),
                delivery: .office(try OfficeCode("000.01.11.H56"))
            )
            guard case .accepted(let receipt) = try await Self.reception(store).receive(request, by: Self.officerB) else {
                Issue.record("a boundary-free dossier was not accepted")
                return
            }
            #expect(receipt.code.description == "000.04.11.H56-260915-0001", "the code carries B's office code")
            #expect(receipt.agency.code == "ubnd.25747", "A's People's Committee decides")
            // Same-day with a 15:00 cut-off, received at 09:00 on Tuesday 15 September 2026.
            #expect(receipt.appointment.date.description == "2026-09-15")
            let stored = try #require(try await store.dossier(receipt.code))
            let access = ApplicantAccess(counters: store, secrets: SHA256SecretHasher(), clock: Fixtures.clock)
            let outcome = try await access.check(
                code: receipt.code.description,
                typed: receipt.secret.value,
                storedDigest: stored.secretDigest,
                address: "t"
            )
            #expect(outcome == .granted, "the secret on the receipt opens the dossier")
            #expect(!stored.secretDigest.contains(receipt.secret.value))
        }
    }

    @Test(arguments: TestDatabases.backends)
    func outsideTheHomeAreaANonBoundaryFreeProcedureGetsGuidanceAndNoDossier(_ backend: TestDatabases.Backend) async throws {
        try await TestDatabases.withStore(backend) { store in
            _ = try await store.seedIfEmpty(Fixtures.demo)
            let request = Reception.Request(
                procedure: try ProcedureCode("1.001193"),
                office: Self.pointB,
                channel: .counter,
                applicant: try Self.applicantOfA(),
                delivery: .electronic
            )
            guard case .guidance(_, let offices, let submission) = try await Self.reception(store).receive(request, by: Self.officerB) else {
                Issue.record("a non-boundary-free dossier was accepted outside its home area")
                return
            }
            #expect(offices.map(\.code.rawValue) == ["000.03.11.H56", "000.00.11.H56", "000.00.01.H56"])
            #expect(try await store.dossierCodes(office: Self.pointB, day: LocalDate(iso: "2026-09-15")).isEmpty)
            // The guidance is on record against its submission, and counted.
            #expect(try await store.submission(submission)?.status == "guidance")
            #expect(try await store.submissionOutcomeCounts(office: Self.pointB) == [.guidance: 1])
            // At A's own point the same request is accepted.
            var atHome = request
            atHome.office = Self.pointA
            guard case .accepted = try await Self.reception(store).receive(atHome, by: Self.officerB) else {
                Issue.record("the home office did not accept")
                return
            }
        }
    }

    @Test func unknownProcedureOfficeOrUnitIsNamed() async throws {
        try await TestDatabases.withStore(.sqlite) { store in
            _ = try await store.seedIfEmpty(Fixtures.demo)
            var request = Reception.Request(
                procedure: try ProcedureCode("9.999999"),
                office: Self.pointB,
                channel: .counter,
                applicant: try Self.applicantOfA(),
                delivery: .electronic
            )
            await #expect(throws: StoreError.notFound(kind: "procedure", code: "9.999999")) {
                try await Self.reception(store).receive(request, by: Self.officerB)
            }
            request.procedure = try ProcedureCode("2.001019")
            request.applicant = try Applicant(kind: .citizen, name: "X", id: PersonalID("074095001234", kind: .citizenID), homeUnit: "99999")
            do {
                _ = try await Self.reception(store).receive(request, by: Self.officerB)
                Issue.record("an unknown home unit was accepted")
            } catch let error as ValidationErrors {
                #expect(error.errors.map(\.field) == ["applicant/homeUnit"])
            }
        }
    }
}
