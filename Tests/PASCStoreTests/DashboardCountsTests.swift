import Foundation
import PASCCore
import PASCDomain
import PASCStore
import PASCTestSupport
import Testing

/// The dashboard's counts: kept by the import as a scan of the dossiers would count them,
/// rebuilt identically by the backfill, and read through their keys only.
@Suite("Dashboard counts")
struct DashboardCountsTests {
    static let now = VietnamTime.parseInstant("2026-11-27T16:00:00+07:00")!

    @Test(arguments: TestDatabases.backends)
    func queryPlansNeverTouchDossiersOrEvents(_ backend: TestDatabases.Backend) async throws {
        try await TestDatabases.withStore(backend) { store in
            _ = try await store.seedIfEmpty(Fixtures.demo)
            let offices = try await store.allOffices(OfficeFilter()).map(\.code)
            let scopes = [TallyScope.province] + offices.map { .office($0) } + [.agency("ubnd.25747"), .procedure(try ProcedureCode("1.004873"))]
            let plans = try await store.explainDashboardQueries(
                scopes: scopes,
                offices: offices,
                from: try LocalDate(iso: "2026-01-01"),
                to: try LocalDate(iso: "2027-01-01")
            )
            #expect(plans.count == 11)
            let dossierTables = try Regex(#"\b(dossiers|dossier_events|tickets|ticket_events|ratings)\b"#)
            for plan in plans {
                #expect(plan.firstMatch(of: dossierTables) == nil, "\(plan)")
                if backend == .sqlite {
                    // Every count table is searched through its key, never scanned whole.
                    #expect(!plan.contains("SCAN dossier_") && !plan.contains("SCAN queue_") && !plan.contains("SCAN counter_"), "\(plan)")
                    #expect(plan.contains("SEARCH") || plan.contains("staff_accounts"), "\(plan)")
                }
            }
        }
    }

    @Test(arguments: TestDatabases.backends)
    func importedHistoryIsCountedAsAScanCountsItAndTheBackfillRebuildsTheSame(_ backend: TestDatabases.Backend) async throws {
        try await TestDatabases.withStore(backend) { store in
            _ = try await store.seedIfEmpty(Fixtures.demo)
            let clock = FixedClock(Self.now)
            let calendar = CalendarService(store: store, clock: clock)
            _ = try await DemoHistory(store: store, calendar: calendar, clock: clock)
                .generate(DemoHistory.Options(dossiers: 400, days: 60, seed: 8, batch: 128))
            let from = try LocalDate(iso: "2026-01-01")
            let to = try LocalDate(iso: "2027-01-01")
            let province = try #require(try await store.tallies([.province], from: from, to: to)[.province])
            let scan = try await store.dossierStatistics(by: .month, StatisticsFilter(), now: VietnamTime.localDateTime(Self.now))
            #expect(province.received == 400 && province.received == scan.map(\.received).reduce(0, +))
            #expect(province.early == scan.map(\.early).reduce(0, +))
            #expect(province.onTime == scan.map(\.onTime).reduce(0, +))
            #expect(province.late == scan.map(\.late).reduce(0, +))
            #expect(province.stopped == scan.map(\.stopped).reduce(0, +) && province.withdrawn == scan.map(\.withdrawn).reduce(0, +))
            #expect(province.returned == scan.map(\.returned).reduce(0, +))
            #expect(province.received - province.closed == scan.map(\.inProgress).reduce(0, +))
            #expect(province.viaCounter + province.viaPost + province.viaOnline == 400)
            // The offices' counts add up to the province's.
            let offices = try await store.allOffices(OfficeFilter()).map { TallyScope.office($0.code) }
            let byOffice = try await store.tallies(offices, from: from, to: to).values.reduce(DossierTally(), +)
            #expect(byOffice == province)
            // Whole months and days either side give what the days alone give.
            let odd = try await store.tallies([.province], from: try LocalDate(iso: "2026-10-07"), to: try LocalDate(iso: "2026-11-20"))
            let days = try await store.tallySeries(
                [.province],
                grain: .day,
                from: try LocalDate(iso: "2026-10-07"),
                to: try LocalDate(iso: "2026-11-20")
            )
            #expect(odd[.province] == days.values.reduce(DossierTally(), +))

            let moment = VietnamTime.localDateTime(Self.now)
            let everyScope = [TallyScope.province] + offices
            let kept = (
                try await store.tallies(everyScope, from: from, to: to),
                try await store.dueTallies(everyScope, before: moment),
                try await store.openPastDue(everyScope, before: moment)
            )
            try await store.forgetTallies()
            #expect(try await store.tallies([.province], from: from, to: to).isEmpty)
            try await store.migrate()
            #expect(try await store.tallies(everyScope, from: from, to: to) == kept.0)
            #expect(try await store.dueTallies(everyScope, before: moment) == kept.1)
            #expect(try await store.openPastDue(everyScope, before: moment) == kept.2)
        }
    }

    /// Acceptances and later steps at once (the log's row and the counts' rows taken in one order):
    /// none fails, and the counts hold every one of them.
    @Test(arguments: TestDatabases.backends)
    func concurrentAcceptancesAndStepsAllLandInTheCounts(_ backend: TestDatabases.Backend) async throws {
        try await TestDatabases.withStore(backend) { store in
            _ = try await store.seedIfEmpty(Fixtures.demo)
            let office = try OfficeCode("000.04.11.H56")
            let day = try LocalDate(iso: "2026-09-15")
            var first: [DossierCode] = []
            for index in 0..<24 {
                first.append(try await store.acceptDossier(DossierStoreContractTests.newDossier(office: office, day: day, index: index)))
            }
            let start = DossierEvent(
                action: .startProcessing,
                from: .accepted,
                to: .processing,
                actor: EventActor(username: "chuyenvien", role: .specialist, agency: "ubnd.25750"),
                at: Fixtures.t0.addingTimeInterval(600),
                reason: nil,
                attachments: []
            )
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<24 {
                    group.addTask {
                        _ = try await store.acceptDossier(DossierStoreContractTests.newDossier(office: office, day: day, index: 100 + index))
                    }
                    let code = first[index]
                    group.addTask { try await store.applyEvent(start, to: code, update: DossierUpdate()) }
                }
                try await group.waitForAll()
            }
            let province = try #require(try await store.tallies([.province], from: day, to: day.adding(days: 1))[.province])
            #expect(province.received == 48 && province.viaCounter == 48 && province.closed == 0)
            let open = try await store.openPastDue([.province, .office(office)], before: LocalDateTime(date: day.adding(days: 30), minuteOfDay: 0))
            #expect(open[.province] == 48 && open[.office(office)] == 48, "every one open, processing or not")
        }
    }
}
