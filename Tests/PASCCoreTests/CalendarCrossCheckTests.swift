import Foundation
import PASCCore
import PASCDomain
import Testing

/// PASC's calendar (rules + the announced days it seeds) against the `holidays` package's list for
/// 2020–2030, which was made independently. Every difference must be listed here with its reason.
@Suite("Calendar cross-check 2020–2030")
struct CalendarCrossCheckTests {
    struct ReferenceDay {
        let date: LocalDate
        let kind: String
        let swapWorkday: LocalDate?
    }

    static func reference() throws -> [ReferenceDay] {
        let folder = try #require(Bundle.module.url(forResource: "holidays", withExtension: nil))
        let table = try CSVTable(text: String(contentsOf: folder.appendingPathComponent("vietnam-2020-2030.csv"), encoding: .utf8))
        return try table.rows.map { row in
            ReferenceDay(
                date: try LocalDate(iso: row["date"] ?? ""),
                kind: row["kind"] ?? "",
                swapWorkday: try (row["swap_workday"]).flatMap { $0.isEmpty ? nil : try LocalDate(iso: $0) }
            )
        }
    }

    /// Differences we know of and accept, each with its reason. Empty means none is expected.
    static let explained: [LocalDate: String] = [:]

    @Test func weekdaysOffMatchTheReferenceYearByYear() throws {
        let calendar = WorkingCalendar(announced: try AnnouncedDaysSeed.load())
        let reference = try Self.reference()
        #expect(reference.count == 159)
        for year in 2020...2030 {
            let theirs = Set(reference.filter { $0.date.year == year && !$0.date.isWeekend }.map(\.date))
            let ours = Set(calendar.daysOff(in: year).map(\.date).filter { !$0.isWeekend })
            let differences = theirs.symmetricDifference(ours).filter { Self.explained[$0] == nil }
            #expect(
                differences.isEmpty,
                "\(year): only in the reference \(theirs.subtracting(ours).sorted()), only in PASC \(ours.subtracting(theirs).sorted())"
            )
        }
        for day in reference {
            if let saturday = day.swapWorkday { #expect(calendar.isWorkingDay(saturday), "make-up Saturday \(saturday) is worked") }
        }
    }

    @Test func theSeededAnnouncementsAreTheThreeKnownSwaps() throws {
        let days = try AnnouncedDaysSeed.load()
        #expect(days.count == 6)
        #expect(days.filter { $0.kind == .dayOff }.map(\.date.description) == ["2024-04-29", "2025-05-02", "2026-08-31"])
        #expect(days.filter { $0.kind == .workday }.allSatisfy { $0.date.weekday == .sat })
    }
}
