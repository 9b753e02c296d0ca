import PASCDomain
import PASCPlanning
import Testing

/// The first overload rule against a fixture worked out by hand.
@Suite("Overload rule")
struct OverloadRuleTests {
    static func office(
        _ code: String,
        latitude: Double,
        officers: Int,
        tickets: Int,
        counterDays: Int,
        wait: Double
    ) throws -> OverloadRule.OfficeLoad {
        OverloadRule.OfficeLoad(
            office: try OfficeCode(code),
            location: try Coordinate(latitude: latitude, longitude: 106.6),
            officers: officers,
            days: 1,
            tickets: tickets,
            counterDays: counterDays,
            meanWaitMinutes: wait,
            meanServiceMinutes: 12,
            openMinutesPerDay: 480
        )
    }

    @Test func flagsTheFixtureDayAndMovesOfficersFromTheNearestWithoutStrippingThem() throws {
        // A counter serves 480 ÷ 12 = 40 tickets a day.
        let p = try Self.office("000.01.11.H56", latitude: 11.0, officers: 1, tickets: 40, counterDays: 1, wait: 25)  // waits too long
        let q = try Self.office("000.02.11.H56", latitude: 11.1, officers: 2, tickets: 150, counterDays: 2, wait: 10)  // needs 4 counters
        let r = try Self.office("000.03.11.H56", latitude: 11.02, officers: 3, tickets: 30, counterDays: 3, wait: 2)  // needs 1 of 3
        let s = try Self.office("000.04.11.H56", latitude: 11.5, officers: 2, tickets: 10, counterDays: 1, wait: 1)  // needs 1 of 2
        let t = try Self.office("000.05.11.H56", latitude: 11.3, officers: 1, tickets: 20, counterDays: 1, wait: 5)  // just right
        let assessed = [p, q, r, s, t].map { OverloadRule.assess($0) }
        #expect(assessed.map(\.load) == [.overloaded, .overloaded, .underloaded, .underloaded, .balanced])
        #expect(assessed.map(\.officers) == [1, 2, 2, 1, 0])
        #expect(assessed.map(\.reason) == [.waitOverTarget, .demandOverCounters, .spareOfficers, .spareOfficers, .none])
        // Q is shortest first and takes R's two spare officers (8.9 km); P then gets S's one,
        // R's being gone. Neither giver drops below the one officer its demand needs.
        let moves = OverloadRule.moves([p, q, r, s, t])
        #expect(
            moves.map { "\($0.from.rawValue)→\($0.to.rawValue)×\($0.officers)" } == [
                "000.03.11.H56→000.02.11.H56×2", "000.04.11.H56→000.01.11.H56×1",
            ]
        )
        #expect(abs(moves[0].distanceKm - 8.9) < 0.1 && abs(moves[1].distanceKm - 55.6) < 0.1)
        let given = Dictionary(moves.map { ($0.from, $0.officers) }, uniquingKeysWith: +)
        for office in [r, s] { #expect(office.officers - (given[office.office] ?? 0) >= office.countersNeeded) }
        // Nobody to spare: flagged, but no move is invented.
        #expect(OverloadRule.moves([p, t]).isEmpty)
        // No ticket in the window: neither overloaded nor a source of officers.
        let quiet = try Self.office("000.06.11.H56", latitude: 11.0, officers: 4, tickets: 0, counterDays: 0, wait: 0)
        #expect(OverloadRule.assess(quiet).load == .balanced && OverloadRule.assess(quiet).reason == .noData)
    }
}
