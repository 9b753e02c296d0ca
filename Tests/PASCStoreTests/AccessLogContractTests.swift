import Foundation
import PASCCore
import PASCDomain
import PASCStore
import PASCTestSupport
import Testing

@Suite("Personal-data access log contract")
struct AccessLogContractTests {
    static let specialist = try! StaffMember(
        username: "chuyenvien.x",
        fullName: "Chuyên Viên X",
        roles: [.specialist],
        scope: StaffScope(agencies: ["ubnd.25747"]),
        homeOffice: nil
    )

    @Test(arguments: TestDatabases.backends)
    func everyRevealIsLoggedFirstAndPagedNewestFirst(_ backend: TestDatabases.Backend) async throws {
        try await TestDatabases.withStore(backend) { store in
            let gate = PersonalDataGate(log: store, clock: Fixtures.clock)
            let name = Personal("Phạm Quỳnh Hương", kind: .name)
            for index in 1...3 {
                let shown = try await gate.read([.name, .idNumber], of: "D-\(index)", by: Self.specialist, route: "GET /api/v1/dossiers/{code}") {
                    name.revealed
                }
                #expect(shown == "Phạm Quỳnh Hương")
            }
            let page = try await store.personalDataReads(dossier: nil, page: PageRequest(limit: 2))
            #expect(page.items.map(\.dossier) == ["D-3", "D-2"])
            let rest = try await store.personalDataReads(dossier: nil, page: PageRequest(limit: 2, cursor: page.nextCursor))
            #expect(rest.items.map(\.dossier) == ["D-1"] && rest.nextCursor == nil)
            let one = try #require(try await store.personalDataReads(dossier: "D-2", page: PageRequest()).items.first)
            #expect(one.actor == "chuyenvien.x" && one.roles == [.specialist] && one.at == "2026-09-15T09:00:00+07:00")
            #expect(one.kinds == [.name, .idNumber] && one.route == "GET /api/v1/dossiers/{code}")
            let stored = try await store.textRows(unsafeSQL: "SELECT * FROM personal_data_reads")
            #expect(!String(describing: stored).contains("Phạm Quỳnh Hương"), "the log names the dossier, never the data")
        }
    }

    @Test func whenTheLogCannotBeWrittenNothingIsRevealed() async throws {
        try await TestDatabases.withStore(.sqlite) { store in
            let gate = PersonalDataGate(log: store, clock: Fixtures.clock)
            try await store.shutdown()
            var revealed = false
            await #expect(throws: (any Error).self) {
                try await gate.read([.phone], of: "D-1", by: Self.specialist, route: "GET /x") { revealed = true }
            }
            #expect(!revealed)
        }
    }
}
