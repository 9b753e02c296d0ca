import Foundation
import PASCCore
import PASCDomain
import Testing

/// The arithmetic of UTC+7 must agree with the time zone database wherever it is used.
@Suite struct VietnamTimeTests {
    static let zone = TimeZone(identifier: "Asia/Ho_Chi_Minh")!

    static func calendar() -> Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        return calendar
    }

    /// Instants across the fixed-offset era, with fractions of a second and around midnights.
    static func instants() -> [Date] {
        var generator = SystemRandomNumberGenerator()
        let from = Date(timeIntervalSince1970: 171_763_200)  // 1975-06-12 00:00 UTC, a day before the fixed offset
        let to = Date(timeIntervalSince1970: 4_102_444_800)  // 2100-01-01
        var dates = (0..<2_000).map { _ in
            Date(timeIntervalSince1970: Double.random(in: from.timeIntervalSince1970..<to.timeIntervalSince1970, using: &generator))
        }
        // Local midnight, a second either side, and a fraction before it.
        for day in [LocalDate.dayNumber(year: 2026, month: 1, day: 1), LocalDate.dayNumber(year: 2000, month: 2, day: 29)] {
            let midnight = Double(day * 86_400 - 7 * 3600)
            dates += [midnight, midnight - 1, midnight + 1, midnight - 0.25, midnight + 59.999].map(Date.init(timeIntervalSince1970:))
        }
        // The change to UTC+7 (1975-06-12 16:00 UTC) and the fast path's first instant (17:00 UTC),
        // a second either side; the last second of year 9999; an instant before 1970.
        for edge in [171_820_800.0, 171_824_400.0] { dates += [edge - 1, edge, edge + 1].map(Date.init(timeIntervalSince1970:)) }
        dates += [253_402_275_599, -86_400.5].map(Date.init(timeIntervalSince1970:))
        return dates
    }

    @Test func formatMatchesTheTimeZoneDatabase() {
        let style = Date.ISO8601FormatStyle(timeZoneSeparator: .colon, timeZone: Self.zone)
        for date in Self.instants() {
            #expect(VietnamTime.format(date) == date.formatted(style), "\(date.timeIntervalSince1970)")
        }
    }

    @Test func localMomentsMatchTheCalendar() {
        let calendar = Self.calendar()
        for date in Self.instants() {
            let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
            let moment = VietnamTime.localDateTime(date)
            let expected: [Int] = [parts.year!, parts.month!, parts.day!]
            #expect([moment.date.year, moment.date.month, moment.date.day] == expected, "\(date)")
            #expect(moment.minuteOfDay == parts.hour! * 60 + parts.minute!, "\(date)")
            #expect(VietnamTime.localDate(date) == moment.date)
            let back = calendar.date(
                from: DateComponents(year: parts.year, month: parts.month, day: parts.day, hour: parts.hour, minute: parts.minute)
            )!
            #expect(VietnamTime.instant(moment) == back, "\(date)")
        }
    }

    /// Before 13 June 1975 the south kept UTC+8: those instants still go through the database.
    @Test func beforeTheFixedOffsetTheDatabaseDecides() throws {
        let date = Date(timeIntervalSince1970: 0)  // 1970-01-01 08:00 in Saigon then
        let calendar = Self.calendar()
        #expect(VietnamTime.localDateTime(date).minuteOfDay == calendar.component(.hour, from: date) * 60)
        #expect(VietnamTime.format(date) == date.formatted(Date.ISO8601FormatStyle(timeZoneSeparator: .colon, timeZone: Self.zone)))
        let moment = LocalDateTime(date: try LocalDate(year: 1970, month: 1, day: 1), minuteOfDay: 8 * 60)
        #expect(VietnamTime.instant(moment) == calendar.date(from: DateComponents(year: 1970, month: 1, day: 1, hour: 8))!)
    }
}
