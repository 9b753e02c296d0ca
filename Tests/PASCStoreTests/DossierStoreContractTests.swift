import Foundation
import PASCCore
import PASCDomain
import PASCStore
import PASCTestSupport
import Testing

/// Acceptance, codes and events on SQLite and (when configured) PostgreSQL.
@Suite("Dossier store contract")
struct DossierStoreContractTests {
    static let officer = EventActor(username: "motcua.a", role: .receptionOfficer, office: try! OfficeCode("000.04.11.H56"))
    static let applicant = try! Applicant(
        kind: .citizen,
        name: "Trần Thị Thử",
        id: PersonalID("074190012345", kind: .citizenID),
        phone: PhoneNumber("0912345678"),
        address: "Số 1 đường Thử, phường Phú Cường",
        homeUnit: "25747"
    )

    static func newDossier(office: OfficeCode, day: LocalDate, index: Int) -> NewDossier {
        let due = LocalDateTime(date: day.adding(days: 3), minuteOfDay: 1020)
        return NewDossier(
            submissionID: "s-\(office.rawValue)-\(day)-\(index)-\(UUID().uuidString)",
            procedure: try! ProcedureCode("2.001019"),
            office: office,
            day: day,
            channel: .counter,
            applicant: applicant,
            agency: "ubnd.25750",
            receivedAt: Fixtures.t0,
            appointment: Appointment.count(.workingDays(2), submittedAt: LocalDateTime(date: day, minuteOfDay: 540), calendar: WorkingCalendar()),
            delivery: .office(office),
            secretDigest: { "digest-of-\($0)" },
            receivedBy: officer
        )
    }

    /// Many receptions at once over ten offices: every code unique and well formed, each office's
    /// numbers 1…n without a gap, the first ending in -0001.
    @Test(arguments: TestDatabases.backends)
    func concurrentReceptionsGetUniqueGaplessDailyCodes(_ backend: TestDatabases.Backend) async throws {
        let total = ProcessInfo.processInfo.environment["PASC_TEST_RECEPTIONS"].flatMap(Int.init) ?? 2000
        try await TestDatabases.withStore(backend) { store in
            _ = try await store.seedIfEmpty(Fixtures.demo)
            let offices = Array(Fixtures.demo.offices.filter { $0.level == .communePoint }.prefix(10).map(\.code))
            let day = try LocalDate(iso: "2026-09-15")
            let codes = try await withThrowingTaskGroup(of: DossierCode.self) { group in
                var results: [DossierCode] = []
                var next = 0
                // At most 64 in flight, like a busy province's counters, not an unbounded burst.
                while next < min(64, total) {
                    let index = next
                    group.addTask { try await store.acceptDossier(Self.newDossier(office: offices[index % 10], day: day, index: index)) }
                    next += 1
                }
                while let code = try await group.next() {
                    results.append(code)
                    if next < total {
                        let index = next
                        group.addTask { try await store.acceptDossier(Self.newDossier(office: offices[index % 10], day: day, index: index)) }
                        next += 1
                    }
                }
                return results
            }
            #expect(codes.count == total && Set(codes).count == total, "every code unique")
            #expect(codes.allSatisfy { (try? DossierCode($0.description)) == $0 }, "every code well formed")
            for office in offices {
                let stored = try await store.dossierCodes(office: office, day: day)
                #expect(stored.map(\.sequence) == Array(1...(total / 10)), "\(office): numbers 1…\(total / 10) without a gap")
                #expect(stored.first?.description == "\(office.rawValue)-260915-0001")
            }
            // The next day starts again at 0001.
            let tomorrow = try await store.acceptDossier(Self.newDossier(office: offices[0], day: day.adding(days: 1), index: 0))
            #expect(tomorrow.description == "\(offices[0].rawValue)-260916-0001")
        }
    }

    @Test(arguments: TestDatabases.backends)
    func aDossierAndItsFirstEventReadBackAsStored(_ backend: TestDatabases.Backend) async throws {
        try await TestDatabases.withStore(backend) { store in
            _ = try await store.seedIfEmpty(Fixtures.demo)
            let office = try OfficeCode("000.04.11.H56")
            let day = try LocalDate(iso: "2026-09-15")
            let code = try await store.acceptDossier(Self.newDossier(office: office, day: day, index: 1))
            let dossier = try #require(try await store.dossier(code))
            #expect(dossier.status == .accepted && dossier.agency == "ubnd.25750" && dossier.office == office)
            #expect(dossier.applicant == Self.applicant, "personal data round-trips")
            #expect(dossier.secretDigest == "digest-of-\(code)")
            #expect(dossier.appointmentDue == LocalDateTime(date: try LocalDate(iso: "2026-09-17"), minuteOfDay: 1020))
            let events = try await store.events(of: code)
            #expect(events.count == 1 && events[0].action == .accept && events[0].to == .accepted && events[0].actor == Self.officer)
            #expect(try await store.dossier(DossierCode("000.04.11.H56-260915-0099")) == nil)
        }
    }
}
