import Foundation
import PASCCore
import PASCDomain
import PASCStore
import PASCTestSupport
import Testing

/// The contract every Store must keep, run on SQLite always and on PostgreSQL when
/// `PASC_TEST_POSTGRES_URL` is set (each test on a fresh file or a fresh schema).
@Suite("Store contract")
struct StoreContractTests {
    @Test(arguments: TestDatabases.backends)
    func migrationsAreRecordedAndRerunsAreNoOps(_ backend: TestDatabases.Backend) async throws {
        try await TestDatabases.withStore(backend, migrate: false) { store in
            #expect(try await store.appliedMigrations().isEmpty)
            let first = try await store.migrate()
            #expect(first.count == SQLStore.knownMigrationVersions.count && first.first?.hasPrefix("1 ") == true)
            #expect(try await store.migrate().isEmpty)
            #expect(try await store.appliedMigrations() == SQLStore.knownMigrationVersions)
        }
    }

    @Test(arguments: TestDatabases.backends)
    func concurrentMigratorsApplyEachMigrationOnce(_ backend: TestDatabases.Backend) async throws {
        try await TestDatabases.withStore(backend, migrate: false) { store in
            let applied = try await withThrowingTaskGroup(of: [String].self) { group in
                for _ in 0..<4 { group.addTask { try await store.migrate() } }
                return try await group.reduce(into: [String]()) { $0 += $1 }
            }
            #expect(applied.count == SQLStore.knownMigrationVersions.count)
            #expect(try await store.appliedMigrations() == SQLStore.knownMigrationVersions)
        }
    }

    @Test(arguments: TestDatabases.backends)
    func aDatabaseFromANewerPascIsRefused(_ backend: TestDatabases.Backend) async throws {
        try await TestDatabases.withStore(backend) { store in
            try await store.execute(unsafeSQL: "INSERT INTO pasc_migrations (version, name, applied_at) VALUES (999, 'from the future', 'x')")
            await #expect(throws: StoreError.databaseNewerThanCode(unknownVersions: [999])) { try await store.migrate() }
            await #expect(throws: StoreError.self) { try await store.checkSchema() }
        }
    }

    @Test(arguments: TestDatabases.backends)
    func seedingWritesEverythingOnceOnly(_ backend: TestDatabases.Backend) async throws {
        try await TestDatabases.withStore(backend) { store in
            #expect(try await store.seededAt() == nil)
            #expect(try await store.seedIfEmpty(Fixtures.demo))
            #expect(try await store.seededAt() == "2026-09-15T09:00:00+07:00", "stamped by the injected clock, in Ho Chi Minh City time")
            #expect(try await store.seedIfEmpty(Fixtures.demo) == false)
            let offices = try await store.allOffices(OfficeFilter())
            #expect(offices.count == 101)
            #expect(try await store.units(UnitFilter(), page: PageRequest(limit: 1000)).items.count == 100)
            #expect(try await store.agencies(page: PageRequest(limit: 1000)).items.count == Fixtures.demo.agencies.count)
            #expect(try await store.procedures(ProcedureFilter(), page: PageRequest(limit: 1000)).items.count == 65)
        }
    }

    @Test(arguments: TestDatabases.backends)
    func concurrentSeedsWriteOnce(_ backend: TestDatabases.Backend) async throws {
        try await TestDatabases.withStore(backend) { store in
            let results = try await withThrowingTaskGroup(of: Bool.self) { group in
                for _ in 0..<4 { group.addTask { try await store.seedIfEmpty(Fixtures.demo) } }
                return try await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            #expect(results.filter { $0 }.count == 1)
            #expect(try await store.allOffices(OfficeFilter()).count == 101)
        }
    }

    @Test(arguments: TestDatabases.backends)
    func valuesRoundTripUnchanged(_ backend: TestDatabases.Backend) async throws {
        try await TestDatabases.withStore(backend) { store in
            _ = try await store.seedIfEmpty(Fixtures.demo)
            for office in Fixtures.demo.offices.prefix(15) {
                #expect(try await store.office(office.code) == office)
            }
            for procedure in Fixtures.demo.procedures {
                #expect(try await store.procedure(procedure.code) == procedure)
            }
            for unit in Fixtures.demo.units.prefix(15) {
                #expect(try await store.unit(unit.code) == unit)
            }
            let agency = try #require(Fixtures.demo.agencies.first)
            #expect(try await store.agency(agency.code) == agency)
            #expect(try await store.office(OfficeCode("000.99.99.H56")) == nil)
        }
    }

    @Test(arguments: TestDatabases.backends)
    func filtersAndKeysetPagesCoverEveryOfficeOnce(_ backend: TestDatabases.Backend) async throws {
        try await TestDatabases.withStore(backend) { store in
            _ = try await store.seedIfEmpty(Fixtures.demo)
            #expect(try await store.allOffices(OfficeFilter(level: .branch)).count == 9)
            #expect(try await store.allOffices(OfficeFilter(level: .communePoint, areaType: .rural)).count == 39)
            let branch = try OfficeCode("000.00.11.H56")
            let underBranch = try await store.allOffices(OfficeFilter(parentCode: branch))
            #expect(!underBranch.isEmpty && underBranch.allSatisfy { $0.parentCode == branch })
            var seen: [OfficeCode] = []
            var cursor: Cursor?
            repeat {
                let page = try await store.offices(OfficeFilter(), page: PageRequest(limit: 17, cursor: cursor))
                #expect(page.items.count <= 17)
                seen += page.items.map(\.code)
                cursor = page.nextCursor
            } while cursor != nil
            #expect(seen.count == 101 && seen == seen.sorted() && Set(seen).count == 101)
            let districts = try await store.units(UnitFilter(level: .district), page: PageRequest())
            #expect(districts.items.count == 9)
            #expect(try await store.units(UnitFilter(parentCode: "718"), page: PageRequest()).items.count == 14)
        }
    }

    @Test(arguments: TestDatabases.backends)
    func searchIgnoresDiacriticsAndCase(_ backend: TestDatabases.Backend) async throws {
        try await TestDatabases.withStore(backend) { store in
            _ = try await store.seedIfEmpty(Fixtures.demo)
            func codes(_ filter: ProcedureFilter) async throws -> [String] {
                try await store.procedures(filter, page: PageRequest(limit: 1000)).items.map(\.code.rawValue)
            }
            #expect(try await codes(ProcedureFilter(query: "dang ky khai sinh")).contains("1.001193"))
            #expect(try await codes(ProcedureFilter(query: "ĐĂNG KÝ KHAI SINH")) == codes(ProcedureFilter(query: "dang ky khai sinh")))
            #expect(try await codes(ProcedureFilter(query: "ho kinh doanh")).count == 5)
            #expect(
                try await codes(ProcedureFilter(query: "ho kinh doa")) == codes(ProcedureFilter(query: "ho kinh doanh")),
                "the last word may be unfinished"
            )
            #expect(try await codes(ProcedureFilter(query: "h kinh doanh")).isEmpty, "earlier words must be whole")
            #expect(try await codes(ProcedureFilter(query: "birth registration")).contains("1.001193"))
            #expect(try await codes(ProcedureFilter(query: "1.001193")) == ["1.001193"])
            #expect(try await codes(ProcedureFilter(query: "%_%")).count == 65, "LIKE wildcards are separators, not patterns")
            #expect(try await codes(ProcedureFilter(query: "khai%sinh")) == codes(ProcedureFilter(query: "khai sinh")))
            let civil = try await codes(ProcedureFilter(field: "ho tich"))
            #expect(civil.count == 12)
            #expect(try await codes(ProcedureFilter(boundaryFree: true)).count == 15)
            #expect(try await codes(ProcedureFilter(boundaryFree: false)).count == 50)
            #expect(try await codes(ProcedureFilter(level: .province)).count == 20)
        }
    }

    @Test(arguments: TestDatabases.backends)
    func locationImportIsAllOrNothing(_ backend: TestDatabases.Backend) async throws {
        try await TestDatabases.withStore(backend) { store in
            _ = try await store.seedIfEmpty(Fixtures.demo)
            let code = try OfficeCode("000.01.11.H56")
            let before = try #require(try await store.office(code))
            #expect(before.location.approximate)
            let importer = OfficeLocationImport(store: store)
            await #expect(throws: StoreError.notFound(kind: "office", code: "000.99.99.H56")) {
                try await importer.run(csv: "code,latitude,longitude\n000.01.11.H56,10.99,106.66\n000.99.99.H56,10.9,106.6\n")
            }
            #expect(try await store.office(code) == before, "a failed import changes nothing")
            await #expect(throws: (any Error).self) { try await importer.run(csv: "code,latitude,longitude\n000.01.11.H56,95,106.66\n") }
            #expect(try await importer.run(csv: "code,latitude,longitude\n000.01.11.H56,10.99,106.66\n") == 1)
            let after = try #require(try await store.office(code))
            #expect(!after.location.approximate && after.location.coordinate.latitude == 10.99 && after.location.source == "import")
            #expect(!after.derivedFields.contains("location") && before.derivedFields.contains("location"))
            #expect(after.derivedFields.contains("code"), "other derived marks stay")
        }
    }
}
