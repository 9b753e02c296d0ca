import Foundation
import PASCCore
import PASCDomain

/// Dates as Vietnamese readers write them (dd/MM/yyyy), times on the 24-hour clock, money in
/// whole đồng with dots between thousands — in both languages, since the documents are Vietnamese.
enum PageFormat {
    static func date(_ date: LocalDate) -> String {
        two(date.day) + "/" + two(date.month) + "/" + String(date.year)
    }

    static func dateTime(_ moment: LocalDateTime) -> String {
        date(moment.date) + " " + two(moment.minuteOfDay / 60) + ":" + two(moment.minuteOfDay % 60)
    }

    static func dateTime(_ instant: Date) -> String { dateTime(VietnamTime.localDateTime(instant)) }

    /// `1.500.000 ₫`.
    static func money(_ dong: Int) -> String {
        var digits = String(abs(dong))
        var groups: [String] = []
        while digits.count > 3 {
            groups.insert(String(digits.suffix(3)), at: 0)
            digits.removeLast(3)
        }
        groups.insert(digits, at: 0)
        return (dong < 0 ? "-" : "") + groups.joined(separator: ".") + " ₫"
    }

    private static func two(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }
}
