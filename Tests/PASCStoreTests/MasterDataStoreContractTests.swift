import Foundation
import PASCCore
import PASCDomain
import PASCStore
import PASCTestSupport
import Testing

/// The master-data writes and their change record, on SQLite and (when configured) PostgreSQL.
/// The fixture clock stands at 2026-09-15 09:00 in Ho Chi Minh City.
@Suite("Master data store contract")
struct MasterDataStoreContractTests {
    static func masterData(_ store: SQLStore) -> MasterData { MasterData(store: store, clock: Fixtures.clock) }
    static func date(_ text: String) throws -> LocalDate { try LocalDate(iso: text) }

    @Test(arguments: TestDatabases.backends)
    func officeChangesAreStoredAndRecordedWithOldAndNewValues(_ backend: TestDatabases.Backend) async throws {
        try await TestDatabases.withStore(backend) { store in
            _ = try await store.seedIfEmpty(Fixtures.demo)
            let office = Fixtures.demo.offices.first { $0.level == .communePoint }!
            let hours = try OpeningHours(parsing: "mon-fri 07:00-11:30,13:30-17:00; sat 07:30-11:30")
            let updated = try await Self.masterData(store).updateOffice(
                office.code,
                OfficeChanges(counters: office.counters + 2, openingHours: hours),
                actor: "quantri"
            )
            #expect(try await store.office(office.code) == updated)
            #expect(updated.counters == office.counters + 2 && updated.openingHours == hours)
            #expect(!updated.derivedFields.contains("counters"), "a value an administrator set is no longer marked derived")

            let record = try #require(try await store.changes(entity: "office", key: office.code.rawValue, page: PageRequest()).items.first)
            #expect(record.actor == "quantri" && record.at == "2026-09-15T09:00:00+07:00")
            let old = try #require(record.oldValue)
            let new = try #require(record.newValue)
            #expect(old.contains("\"counters\":\"\(office.counters)\"") && new.contains("\"counters\":\"\(office.counters + 2)\""))
            #expect(new.contains("sat 07:30-11:30") && !new.contains("\"name\""), "only the fields that changed are recorded")

            // An unchanged update writes nothing.
            _ = try await Self.masterData(store).updateOffice(office.code, OfficeChanges(counters: office.counters + 2), actor: "quantri")
            #expect(try await store.changes(entity: "office", key: office.code.rawValue, page: PageRequest()).items.count == 1)
        }
    }

    @Test(arguments: TestDatabases.backends)
    func aStaleUpdateIsRefusedAndADuplicateOfficeIsAConflict(_ backend: TestDatabases.Backend) async throws {
        try await TestDatabases.withStore(backend) { store in
            _ = try await store.seedIfEmpty(Fixtures.demo)
            let office = Fixtures.demo.offices.first { $0.level == .branch }!
            let first = try OfficeChanges(counters: 7).applied(to: office)
            let change = ChangeRecord(at: "t", actor: "a", entity: "office", key: office.code.rawValue, oldValue: nil, newValue: nil)
            try await store.replaceOffice(office, with: first, change: change)
            // A second writer that read the office before the first change must not overwrite it.
            let second = try OfficeChanges(counters: 9).applied(to: office)
            await #expect(throws: StoreError.changedMeanwhile(kind: "office", code: office.code.rawValue)) {
                try await store.replaceOffice(office, with: second, change: change)
            }
            #expect(try await store.office(office.code)?.counters == 7)
            await #expect(throws: StoreError.conflict(kind: "office", code: office.code.rawValue)) {
                try await store.insertOffice(office, change: change)
            }
        }
    }

    @Test(arguments: TestDatabases.backends)
    func procedureChangesRecordEveryChangedField(_ backend: TestDatabases.Backend) async throws {
        try await TestDatabases.withStore(backend) { store in
            _ = try await store.seedIfEmpty(Fixtures.demo)
            let procedure = Fixtures.demo.procedures.first { $0.feeVND != nil }!
            let changed = try await Self.masterData(store).updateProcedure(
                procedure.code,
                ProcedureChanges(feeVND: .some(nil), notes: "Phí do HĐND tỉnh quyết định"),
                actor: "quantri"
            )
            #expect(changed.feeVND == nil)
            #expect(try await store.procedure(procedure.code) == changed)
            let record = try #require(try await store.changes(entity: "procedure", key: procedure.code.rawValue, page: PageRequest()).items.first)
            #expect(record.oldValue?.contains("\"feeVND\":\"\(procedure.feeVND!)\"") == true)
            #expect(record.newValue?.contains("\"feeVND\":null") == true)
            #expect(record.newValue?.contains("Phí do HĐND tỉnh quyết định") == true)
        }
    }

    @Test(arguments: TestDatabases.backends)
    func boundaryFreeStatusFollowsTheLatestDecisionInEffect(_ backend: TestDatabases.Backend) async throws {
        try await TestDatabases.withStore(backend) { store in
            _ = try await store.seedIfEmpty(Fixtures.demo)
            let seeded = try await store.boundaryFreeDecisions(page: PageRequest()).items
            #expect(seeded.count == 1 && seeded[0].decision.demoReference, "the seed's list arrives as one placeholder decision per phase")
            let listed = Set(Fixtures.demo.procedures.filter(\.isBoundaryFree).map(\.code))
            #expect(Set(seeded[0].decision.additions) == listed)

            let outside = Fixtures.demo.procedures.first { !$0.isBoundaryFree }!.code
            let inside = listed.sorted().first!
            let data = Self.masterData(store)
            // In effect since 1 September: applies now.
            _ = try await data.decideBoundaryFree(
                BoundaryFreeDecision(
                    number: "123/QĐ-UBND",
                    signedOn: Self.date("2026-08-20"),
                    effectiveOn: Self.date("2026-09-01"),
                    phase: 2,
                    additions: [outside],
                    removals: [inside],
                    demoReference: false,
                    note: ""
                ),
                actor: "quantri"
            )
            #expect(try await store.procedure(outside)?.boundaryFreePhase == 2)
            #expect(try await store.procedure(inside)?.isBoundaryFree == false)
            // Signed now, in effect from 1 October: nothing changes today.
            _ = try await data.decideBoundaryFree(
                BoundaryFreeDecision(
                    number: "200/QĐ-UBND",
                    signedOn: Self.date("2026-09-10"),
                    effectiveOn: Self.date("2026-10-01"),
                    phase: 3,
                    additions: [inside],
                    removals: [],
                    demoReference: false,
                    note: ""
                ),
                actor: "quantri"
            )
            #expect(try await store.procedure(inside)?.isBoundaryFree == false)
            let free = try await store.procedures(ProcedureFilter(boundaryFree: true), page: PageRequest(limit: 1000)).items.map(\.code)
            #expect(Set(free) == listed.subtracting([inside]).union([outside]))

            let decisions = try await store.boundaryFreeDecisions(page: PageRequest(limit: 2)).items
            #expect(decisions.map(\.decision.number) == ["200/QĐ-UBND", "123/QĐ-UBND"], "newest first")
            let history = try await store.changes(entity: "boundaryFree", key: inside.rawValue, page: PageRequest()).items
            #expect(history.count == 2)
            #expect(history.last?.oldValue == #"{"status":"phase 1"}"#)
            #expect(history.last?.newValue?.contains("123/QĐ-UBND (2026-08-20), effective 2026-09-01") == true)
        }
    }

    @Test(arguments: TestDatabases.backends)
    func aDatabaseSeededBeforeMigrationThreeKeepsItsBoundaryFreeList(_ backend: TestDatabases.Backend) async throws {
        try await TestDatabases.withStore(backend, migrate: false) { store in
            try await store.migrate(upTo: 2)
            let demo = Fixtures.demo
            let withoutList = NetworkDataset(
                offices: demo.offices,
                units: demo.units,
                agencies: demo.agencies,
                procedures: demo.procedures.filter { !$0.isBoundaryFree }
            )
            #expect(try await store.seedIfEmpty(withoutList))
            let codes = withoutList.procedures.prefix(2).map(\.code.rawValue)
            try await store.execute(unsafeSQL: "UPDATE procedures SET boundary_free_phase = 2 WHERE code IN ('\(codes[0])', '\(codes[1])')")
            #expect(try await store.migrate().first == "3 boundary-free decisions, announced days, personal-data access log")
            for code in codes { #expect(try await store.procedure(ProcedureCode(code))?.boundaryFreePhase == 2) }
            let decision = try #require(try await store.boundaryFreeDecisions(page: PageRequest()).items.first)
            #expect(decision.decision.demoReference && decision.decision.additions.map(\.rawValue) == codes.sorted())
            // Seeded before the queue existed: the offices get their default groups and counters once, at the next start.
            #expect(try await store.ensureDefaultQueueSetup() == demo.offices.count)
            #expect(try await store.serviceGroups(office: demo.offices[0].code).map(\.code) == ["A", "B", "C", "D"])
            #expect(try await store.ensureDefaultQueueSetup() == 0)
        }
    }

    @Test(arguments: TestDatabases.backends)
    func announcedDaysArePutReplacedAndRemovedWithTheirRecord(_ backend: TestDatabases.Backend) async throws {
        try await TestDatabases.withStore(backend) { store in
            let data = Self.masterData(store)
            let swap = try AnnouncedDay(
                date: Self.date("2025-05-02"),
                kind: .dayOff,
                name: "Nghỉ bù (hoán đổi)",
                nameEn: "Swap day off",
                reference: "Thông báo 6150/TB-BNV"
            )
            let makeUp = try AnnouncedDay(
                date: Self.date("2025-04-26"),
                kind: .workday,
                name: "Làm bù",
                nameEn: "Make-up Saturday",
                reference: "Thông báo 6150/TB-BNV"
            )
            try await data.putAnnouncedDay(swap, actor: "quantri")
            try await data.putAnnouncedDay(makeUp, actor: "quantri")
            #expect(try await store.announcedDays(year: 2025) == [makeUp, swap])
            #expect(try await store.announcedDays(year: 2026).isEmpty)
            let renamed = try AnnouncedDay(date: swap.date, kind: .dayOff, name: "Nghỉ hoán đổi", nameEn: "", reference: swap.reference)
            try await data.putAnnouncedDay(renamed, actor: "quantri")
            try await data.removeAnnouncedDay(makeUp.date, actor: "quantri")
            #expect(try await store.announcedDays(year: 2025) == [renamed])
            await #expect(throws: StoreError.notFound(kind: "announced day", code: "2025-04-26")) {
                try await data.removeAnnouncedDay(makeUp.date, actor: "quantri")
            }
            let swapHistory = try await store.changes(entity: "announcedDay", key: "2025-05-02", page: PageRequest()).items
            #expect(swapHistory.count == 2)
            #expect(swapHistory[0].oldValue?.contains("Nghỉ bù (hoán đổi)") == true && swapHistory[0].newValue?.contains("Nghỉ hoán đổi") == true)
            let removal = try #require(try await store.changes(entity: "announcedDay", key: "2025-04-26", page: PageRequest()).items.first)
            #expect(removal.newValue == nil && removal.oldValue?.contains("workday") == true)
        }
    }

    @Test(arguments: TestDatabases.backends)
    func theChangeRecordPagesNewestFirst(_ backend: TestDatabases.Backend) async throws {
        try await TestDatabases.withStore(backend) { store in
            _ = try await store.seedIfEmpty(Fixtures.demo)
            let office = Fixtures.demo.offices[0]
            for counters in 401...405 {
                _ = try await Self.masterData(store).updateOffice(office.code, OfficeChanges(counters: counters), actor: "quantri")
            }
            let first = try await store.changes(entity: "office", key: nil, page: PageRequest(limit: 3))
            #expect(first.items.map(\.newValue) == ["405", "404", "403"].map { #"{"counters":"\#($0)"}"# })
            let second = try await store.changes(entity: "office", key: nil, page: PageRequest(limit: 3, cursor: first.nextCursor))
            #expect(second.items.count == 2 && second.nextCursor == nil)
        }
    }
}
