import Foundation
import PASCCore
import PASCDomain

/// Dates as Vietnamese readers write them (dd/MM/yyyy), times on the 24-hour clock, money in
/// whole đồng with dots between thousands — in both languages, since the documents are Vietnamese.
enum PageFormat {
    static func date(_ date: LocalDate) -> String { date.vietnameseText }

    static func dateTime(_ moment: LocalDateTime) -> String {
        date(moment.date) + " " + two(moment.minuteOfDay / 60) + ":" + two(moment.minuteOfDay % 60)
    }

    static func dateTime(_ instant: Date) -> String { dateTime(VietnamTime.localDateTime(instant)) }

    /// `1.500.000 ₫`.
    static func money(_ dong: Int) -> String { VND.format(dong) + " ₫" }

    private static func two(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }
}
