/// The public holidays of a year for state offices, by rule (what the law fixes without a yearly
/// announcement). Announced swap days and make-up Saturdays are data on top (``WorkingCalendar``).
///
/// - Labour Code 2019 Art. 112: 1 January; Tết, 5 days; Hùng Kings' day (10th day of the 3rd lunar
///   month); 30 April; 1 May; 2 September and one adjacent day (from 2021).
/// - Tết's five days are lunar new year's eve and the first four days of the year.
/// - A statutory day on a Saturday or Sunday gives the next working day off (Art. 111(3); Decision
///   188/1999/QĐ-TTg). For Tết the government has since 2014 moved a Saturday to the working day
///   before instead (so the break stays in one piece), a Sunday to the day after.
/// - The day adjacent to 2 September is chosen each year; the rule used until it is announced: 3
///   September when the 2nd is a Monday, Thursday or Sunday, 1 September otherwise (what the
///   announcements since 2021 did). An announcement overrides it.
/// - 24 November (Vietnamese Culture Day) is a holiday from 2026 (reported; the instrument was not
///   read), so it is kept as a rule from 2026 and can be overridden by an announced workday.
public enum HolidayRules {
    public static func holidays(in year: Int) -> [Holiday] {
        var statutory: [(date: LocalDate, name: String, nameEn: String, tet: Bool)] = []
        func add(_ month: Int, _ day: Int, _ name: String, _ nameEn: String) {
            statutory.append((try! LocalDate(year: year, month: month, day: day), name, nameEn, false))
        }
        add(1, 1, "Tết Dương lịch", "New Year's Day")
        let tet = VietnameseLunarCalendar.newYear(year)
        let tetNames = [
            ("Giao thừa Tết Nguyên Đán", "Lunar New Year's Eve"), ("Tết Nguyên Đán", "Lunar New Year"),
            ("Mùng hai Tết", "Second day of Tết"), ("Mùng ba Tết", "Third day of Tết"), ("Mùng bốn Tết", "Fourth day of Tết"),
        ]
        for (offset, names) in tetNames.enumerated() {
            statutory.append((tet.adding(days: offset - 1), names.0, names.1, true))
        }
        if year >= 2007, let hungKings = VietnameseLunarCalendar.solarDate(of: LunarDate(day: 10, month: 3, year: year)) {
            statutory.append((hungKings, "Giỗ Tổ Hùng Vương", "Hung Kings' Commemoration Day", false))
        }
        add(4, 30, "Ngày Chiến thắng", "Reunification Day")
        add(5, 1, "Ngày Quốc tế Lao động", "International Labour Day")
        add(9, 2, "Quốc khánh", "National Day")
        if year >= 2021 {
            let second = try! LocalDate(year: year, month: 9, day: 2)
            let adjacent = [.mon, .thu, .sun].contains(second.weekday) ? second.adding(days: 1) : second.adding(days: -1)
            statutory.append((adjacent, "Quốc khánh (ngày liền kề)", "National Day (adjacent day)", false))
        }
        if year >= 2026 { add(11, 24, "Ngày Văn hóa Việt Nam", "Vietnamese Culture Day") }

        var daysOff = Set(statutory.map(\.date))
        var result = statutory.map { Holiday(date: $0.date, name: $0.name, nameEn: $0.nameEn, kind: .statutory) }
        for day in statutory.sorted(by: { $0.date < $1.date }) where day.date.isWeekend {
            let step = day.tet && day.date.weekday == .sat ? -1 : 1
            var candidate = day.date.adding(days: step)
            while candidate.isWeekend || daysOff.contains(candidate) { candidate = candidate.adding(days: step) }
            daysOff.insert(candidate)
            result.append(Holiday(date: candidate, name: day.name + " (nghỉ bù)", nameEn: day.nameEn + " (observed)", kind: .compensatory))
        }
        return result.sorted { $0.date < $1.date }
    }
}
