import Foundation
import PASCCore
import PASCDomain
import PASCStore
import PASCTestSupport
import PASCTransparency
import Testing

@Suite("Demo history generator")
struct DemoHistoryTests {
    static func generate(seed: UInt64, count: Int = 300) async throws -> (DemoHistory.Summary, [String: Int], [String]) {
        try await TestDatabases.withStore(.sqlite) { store in
            _ = try await store.seedIfEmpty(Fixtures.demo)
            let clock = FixedClock(VietnamTime.parseInstant("2026-11-27T16:00:00+07:00")!)
            let history = DemoHistory(store: store, calendar: CalendarService(store: store, clock: clock), clock: clock)
            var reports: [Int] = []
            let summary = try await history.generate(DemoHistory.Options(dossiers: count, days: 30, seed: seed, batch: 128)) { done, _ in
                reports.append(done)
            }
            #expect(reports == [128, 256, 300])
            var perLevel: [String: Int] = [:]
            var codes: [String] = []
            for office in try await store.allOffices(OfficeFilter()) {
                for day in 0..<31 {
                    let found = try await store.dossierCodes(office: office.code, day: LocalDate(iso: "2026-11-27").adding(days: -day))
                    perLevel[office.level.rawValue, default: 0] += found.count
                    codes += found.map(\.description)
                    // Each office's numbers of a day run 1, 2, 3 … without a gap.
                    #expect(found.map(\.sequence) == Array((0..<found.count).map { $0 + 1 }))
                }
            }
            // Every step the generator wrote is a legal one, in order, ending in the dossier's status.
            for raw in codes.prefix(50) {
                let code = try DossierCode(raw)
                let events = try await store.events(of: code)
                let dossier = try #require(try await store.dossier(code))
                var status = DossierStatus.registered
                for event in events {
                    #expect(event.from == status)
                    #expect(try DossierLifecycle.apply(event.action, to: status, reason: event.reason) == event.to)
                    status = event.to
                }
                #expect(status == dossier.status)
                // The plan recorded with the acceptance (moved by a supplement) ends at the dossier's appointment.
                let plan = Processing.plan(of: dossier, events: events)
                #expect(events.first?.details[StepPlan.detailKey] != nil && plan.steps.last?.due == dossier.appointmentDue)
                #expect(events.last.map { $0.at <= VietnamTime.parseInstant("2026-11-27T16:00:00+07:00")! } == true, "nothing after now")
            }
            // The public record holds every generated dossier, the log verifies, and the public
            // statistics count them all, with the generator's late ones marked late.
            let counts = try await store.publicRecordCounts()
            #expect(counts.dossiers == count && counts.inPublicLog == count)
            let signer = LogSigner(name: "pasc.test/log")
            _ = try await TransparencyLog(store: store, clock: clock).publish(signer: signer)
            let audit = LogAudit(verifier: signer.verifier, source: StoreLogSource(name: "test", store: store, clock: clock))
            _ = try await audit.run(.init())
            // Each dossier's leaves (version 2) lead to the status, appointment and holder its columns show.
            for raw in codes.prefix(15) {
                let report = try await audit.run(.init(dossier: try DossierCode(raw)))
                #expect(report.lines.last?.contains("unchecked") == false, "\(report.lines)")
            }
            let rows = try await PublicStatistics(store: store, calendar: CalendarService(store: store, clock: clock), clock: clock)
                .rows(by: .month, StatisticsFilter())
            #expect(rows.map(\.received).reduce(0, +) == count)
            #expect(rows.map(\.finished).reduce(0, +) == count - summary.open)
            // Late as the events and the appointment say (the generator's own count misses the
            // same-day ones whose hand-over already ran past the appointment).
            var late = 0
            for raw in codes {
                let code = try DossierCode(raw)
                guard let ready = try await store.events(of: code).first(where: { $0.action == .markResultReady }),
                    let dossier = try await store.dossier(code)
                else { continue }
                if VietnamTime.localDateTime(ready.at) > dossier.appointmentDue { late += 1 }
            }
            #expect(rows.map(\.late).reduce(0, +) == late && late >= summary.late)
            return (summary, perLevel, codes.sorted())
        }
    }

    @Test func aSeedGivesTheSameRealisticHistory() async throws {
        let (summary, perLevel, codes) = try await Self.generate(seed: 42)
        #expect(summary.dossiers == 300 && codes.count == 300 && Set(codes).count == 300)
        #expect(summary.events > 4 * 300, "most dossiers went through several steps")
        #expect(summary.supplements > 0 && summary.late > 0 && summary.open > 0)
        // Commune points serve most people; the provincial centre least.
        #expect((perLevel["communePoint"] ?? 0) > (perLevel["branch"] ?? 0) && (perLevel["branch"] ?? 0) > (perLevel["center"] ?? 0))
        let (_, _, again) = try await Self.generate(seed: 42)
        #expect(again == codes, "the same seed gives the same dossiers")
        let (_, _, other) = try await Self.generate(seed: 43)
        #expect(other != codes)
    }
}
