import PASCDomain
import Testing

@Suite("Vietnamese lunar calendar")
struct LunarCalendarTests {
    static func date(_ text: String) -> LocalDate { try! LocalDate(iso: text) }

    @Test(arguments: [
        (2020, "2020-01-25"), (2021, "2021-02-12"), (2022, "2022-02-01"), (2023, "2023-01-22"), (2024, "2024-02-10"),
        (2025, "2025-01-29"), (2026, "2026-02-17"), (2027, "2027-02-06"),
        // Years where Viet Nam (UTC+7) and China (UTC+8) disagree: China had 20 February 1985 and 18 February 2007.
        (1985, "1985-01-21"), (2007, "2007-02-17"),
    ])
    func tetFallsOnTheVietnameseNewYear(_ year: Int, _ expected: String) {
        #expect(VietnameseLunarCalendar.newYear(year) == Self.date(expected))
    }

    @Test(arguments: [(2025, "2025-04-07"), (2026, "2026-04-26"), (2027, "2027-04-16"), (2024, "2024-04-18")])
    func hungKingsDayIsTheTenthOfTheThirdMonth(_ year: Int, _ expected: String) {
        #expect(VietnameseLunarCalendar.solarDate(of: LunarDate(day: 10, month: 3, year: year)) == Self.date(expected))
    }

    @Test func solarToLunarAndBackIsTheSameDayForThirtyYears() {
        var day = Self.date("2000-01-01")
        let end = Self.date("2030-12-31")
        var leapMonths = 0
        while day <= end {
            let lunar = VietnameseLunarCalendar.lunarDate(of: day)
            #expect((1...30).contains(lunar.day) && (1...12).contains(lunar.month))
            if lunar.isLeapMonth, lunar.day == 1 { leapMonths += 1 }
            #expect(VietnameseLunarCalendar.solarDate(of: lunar) == day, "\(day) → \(lunar)")
            day = day.adding(days: 1)
        }
        // 31 years hold 11 or 12 leap months (7 in every 19 years).
        #expect((11...12).contains(leapMonths))
    }

    @Test func aLeapMonthThatDoesNotExistHasNoDate() {
        // 2023 had a leap second month (tháng 2 nhuận), not a leap fifth month.
        #expect(VietnameseLunarCalendar.solarDate(of: LunarDate(day: 1, month: 2, year: 2023, isLeapMonth: true)) == Self.date("2023-03-22"))
        #expect(VietnameseLunarCalendar.solarDate(of: LunarDate(day: 1, month: 5, year: 2023, isLeapMonth: true)) == nil)
    }
}
