import Foundation
import PASCDomain

/// Times in Asia/Ho_Chi_Minh: the zone every date PASC shows or reads is in.
public enum VietnamTime {
    public static let timeZone = TimeZone(identifier: "Asia/Ho_Chi_Minh") ?? TimeZone(secondsFromGMT: 7 * 3600)!

    /// ISO 8601 with the `+07:00` offset, as the API sends times.
    public static func format(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(timeZoneSeparator: .colon, timeZone: timeZone))
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
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return LocalDate(dayNumber: LocalDate.dayNumber(year: parts.year!, month: parts.month!, day: parts.day!))
    }

    /// The wall-clock moment in Viet Nam at this instant, to the minute.
    public static func localDateTime(_ date: Date) -> LocalDateTime {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        // Every Gregorian date has a day number, also outside LocalDate's validated range.
        let day = LocalDate(dayNumber: LocalDate.dayNumber(year: parts.year!, month: parts.month!, day: parts.day!))
        return LocalDateTime(date: day, minuteOfDay: parts.hour! * 60 + parts.minute!)
    }

    /// The instant of a wall-clock moment in Viet Nam.
    public static func instant(_ moment: LocalDateTime) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let components = DateComponents(
            year: moment.date.year,
            month: moment.date.month,
            day: moment.date.day,
            hour: moment.minuteOfDay / 60,
            minute: moment.minuteOfDay % 60
        )
        return calendar.date(from: components)!
    }
}
