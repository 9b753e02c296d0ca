import Foundation
import PASCDomain

/// Times in Asia/Ho_Chi_Minh: the zone every date PASC shows or reads is in.
public enum VietnamTime {
    public static let timeZone = TimeZone(identifier: "Asia/Ho_Chi_Minh") ?? TimeZone(secondsFromGMT: 7 * 3600)!

    /// ISO 8601 with the `+07:00` offset, as the API sends times (whole seconds, cut, not rounded).
    public static func format(_ date: Date) -> String {
        guard let seconds = fixedOffsetSeconds(date) else {
            return date.formatted(Date.ISO8601FormatStyle(timeZoneSeparator: .colon, timeZone: timeZone))
        }
        let day = floorDiv(seconds, 86_400)
        let second = seconds - day * 86_400
        let date = LocalDate(dayNumber: day)
        var text = String(date.year)
        text.reserveCapacity(25)
        text += date.month < 10 ? "-0" : "-"
        text += String(date.month)
        text += date.day < 10 ? "-0" : "-"
        text += String(date.day)
        for (separator, value) in [("T", second / 3600), (":", second / 60 % 60), (":", second % 60)] {
            text += separator
            if value < 10 { text += "0" }
            text += String(value)
        }
        text += "+07:00"
        return text
    }

    /// Reads an ISO 8601 time; one without an offset means Asia/Ho_Chi_Minh.
    public static func parseInstant(_ text: String) -> Date? {
        if let date = try? Date.ISO8601FormatStyle(timeZone: timeZone).parse(text) { return date }
        let local = Date.ISO8601FormatStyle(timeZone: timeZone).year().month().day().dateTimeSeparator(.standard).time(
            includingFractionalSeconds: false
        )
        return try? local.parse(text)
    }

    /// The calendar day in Viet Nam at this instant.
    public static func localDate(_ date: Date) -> LocalDate {
        if let seconds = fixedOffsetSeconds(date) { return LocalDate(dayNumber: floorDiv(seconds, 86_400)) }
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return LocalDate(dayNumber: LocalDate.dayNumber(year: parts.year!, month: parts.month!, day: parts.day!))
    }

    /// The wall-clock moment in Viet Nam at this instant, to the minute.
    public static func localDateTime(_ date: Date) -> LocalDateTime {
        if let seconds = fixedOffsetSeconds(date) {
            let minutes = floorDiv(seconds, 60)
            let day = floorDiv(minutes, 1440)
            return LocalDateTime(date: LocalDate(dayNumber: day), minuteOfDay: minutes - day * 1440)
        }
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        // Every Gregorian date has a day number, also outside LocalDate's validated range.
        let day = LocalDate(dayNumber: LocalDate.dayNumber(year: parts.year!, month: parts.month!, day: parts.day!))
        return LocalDateTime(date: day, minuteOfDay: parts.hour! * 60 + parts.minute!)
    }

    /// The instant of a wall-clock moment in Viet Nam.
    public static func instant(_ moment: LocalDateTime) -> Date {
        if moment.date.dayNumber >= fixedOffsetFromDay, moment.date.dayNumber < lastFastDay {
            return Date(timeIntervalSince1970: Double(moment.minuteNumber * 60 - offset))
        }
        let components = DateComponents(
            year: moment.date.year,
            month: moment.date.month,
            day: moment.date.day,
            hour: moment.minuteOfDay / 60,
            minute: moment.minuteOfDay % 60
        )
        return calendar.date(from: components)!
    }

    // MARK: The fixed offset

    /// Viet Nam has kept UTC+7, without summer time, since 13 June 1975 (tz database, Asia/Ho_Chi_Minh):
    /// from then on the wall clock is arithmetic. A `Calendar` made per call read the whole process
    /// environment each time and was the largest single cost of a public tracking view (every step
    /// formats and converts several times); older instants still go through the time zone database.
    static let offset = 7 * 3600
    static let fixedOffsetFromDay = LocalDate.dayNumber(year: 1975, month: 6, day: 13)
    /// Year 10000 and later: four-digit years end, leave them to Foundation.
    static let lastFastDay = LocalDate.dayNumber(year: 10_000, month: 1, day: 1)

    /// Whole seconds since 1970-01-01 00:00 on Viet Nam's wall clock, when the fixed offset holds.
    static func fixedOffsetSeconds(_ date: Date) -> Int? {
        let unix = date.timeIntervalSince1970
        // Outside about ±30 million years `Int(_:)` would trap; Foundation answers those.
        guard unix.isFinite, abs(unix) < 1e15 else { return nil }
        let local = Int((unix + Double(offset)).rounded(.down))
        let day = floorDiv(local, 86_400)
        guard day >= fixedOffsetFromDay, day < lastFastDay else { return nil }
        return local
    }

    static func floorDiv(_ a: Int, _ b: Int) -> Int { a >= 0 ? a / b : -((-a + b - 1) / b) }

    private static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar
    }()
}
