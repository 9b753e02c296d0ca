import Foundation

/// A day of the Vietnamese lunar calendar (âm lịch).
public struct LunarDate: Hashable, Sendable, CustomStringConvertible {
    public let day: Int
    public let month: Int
    public let year: Int
    /// True in the intercalary month that repeats `month` (tháng nhuận).
    public let isLeapMonth: Bool

    public init(day: Int, month: Int, year: Int, isLeapMonth: Bool = false) {
        self.day = day
        self.month = month
        self.year = year
        self.isLeapMonth = isLeapMonth
    }

    public var description: String { "\(day)/\(month)\(isLeapMonth ? " nhuận" : "")/\(year) âm lịch" }
}

/// The Vietnamese lunar calendar, computed astronomically for the meridian of UTC+7.
///
/// Viet Nam counts lunar months from new moons and solar terms as seen at UTC+7, China at UTC+8,
/// so the two calendars disagree in some years (Tết 1985 fell on 21 January in Viet Nam and on
/// 20 February in China). Holidays are therefore computed here, not read from a Chinese table.
/// The method is Hồ Ngọc Đức's (astronomical algorithms after Meeus), the one Vietnamese
/// calendars are printed from.
public enum VietnameseLunarCalendar {
    /// Hours east of Greenwich for Viet Nam.
    public static let timeZone = 7.0

    /// The Gregorian date of a lunar date, nil when it does not exist (a leap month that year lacks).
    public static func solarDate(of lunar: LunarDate) -> LocalDate? {
        let a11: Int
        let b11: Int
        if lunar.month < 11 {
            a11 = lunarMonth11(lunar.year - 1)
            b11 = lunarMonth11(lunar.year)
        } else {
            a11 = lunarMonth11(lunar.year)
            b11 = lunarMonth11(lunar.year + 1)
        }
        let k = floor(0.5 + (Double(a11) - 2_415_021.076998695) / 29.530588853)
        var offset = lunar.month - 11
        if offset < 0 { offset += 12 }
        if b11 - a11 > 365 {
            let leapOffset = leapMonthOffset(a11)
            var leapMonth = leapOffset - 2
            if leapMonth < 0 { leapMonth += 12 }
            if lunar.isLeapMonth, lunar.month != leapMonth {
                return nil
            } else if lunar.isLeapMonth || offset >= leapOffset {
                offset += 1
            }
        } else if lunar.isLeapMonth {
            return nil
        }
        let monthStart = newMoonDay(Int(k) + offset)
        return LocalDate(dayNumber: monthStart + lunar.day - 1 - julianDayOf1970)
    }

    /// The lunar date of a Gregorian date.
    public static func lunarDate(of date: LocalDate) -> LunarDate {
        let dayNumber = date.dayNumber + julianDayOf1970
        let k = Int(floor((Double(dayNumber) - 2_415_021.076998695) / 29.530588853))
        var monthStart = newMoonDay(k + 1)
        if monthStart > dayNumber { monthStart = newMoonDay(k) }
        var a11 = lunarMonth11(date.year)
        var b11 = a11
        var lunarYear: Int
        if a11 >= monthStart {
            lunarYear = date.year
            a11 = lunarMonth11(date.year - 1)
        } else {
            lunarYear = date.year + 1
            b11 = lunarMonth11(date.year + 1)
        }
        let lunarDay = dayNumber - monthStart + 1
        let diff = (monthStart - a11) / 29
        var isLeap = false
        var lunarMonth = diff + 11
        if b11 - a11 > 365 {
            let leapMonthDiff = leapMonthOffset(a11)
            if diff >= leapMonthDiff {
                lunarMonth = diff + 10
                if diff == leapMonthDiff { isLeap = true }
            }
        }
        if lunarMonth > 12 { lunarMonth -= 12 }
        if lunarMonth >= 11, diff < 4 { lunarYear -= 1 }
        return LunarDate(day: lunarDay, month: lunarMonth, year: lunarYear, isLeapMonth: isLeap)
    }

    /// The first day of lunar year `year` (Tết Nguyên Đán).
    public static func newYear(_ year: Int) -> LocalDate {
        solarDate(of: LunarDate(day: 1, month: 1, year: year))!
    }

    // MARK: Astronomy

    /// Julian day number of 1970-01-01, to move between ``LocalDate/dayNumber`` and Julian days.
    static let julianDayOf1970 = 2_440_588

    /// Julian day (with fraction) of the `k`-th new moon after 1900-01-01.
    static func newMoon(_ k: Int) -> Double {
        let k = Double(k)
        let t = k / 1236.85
        let t2 = t * t
        let t3 = t2 * t
        let dr = Double.pi / 180
        var jd1 = 2_415_020.75933 + 29.53058868 * k + 0.0001178 * t2 - 0.000000155 * t3
        jd1 += 0.00033 * sin((166.56 + 132.87 * t - 0.009173 * t2) * dr)
        let m = 359.2242 + 29.10535608 * k - 0.0000333 * t2 - 0.00000347 * t3
        let mpr = 306.0253 + 385.81691806 * k + 0.0107306 * t2 + 0.00001236 * t3
        let f = 21.2964 + 390.67050646 * k - 0.0016528 * t2 - 0.00000239 * t3
        var c1 = (0.1734 - 0.000393 * t) * sin(m * dr) + 0.0021 * sin(2 * dr * m)
        c1 = c1 - 0.4068 * sin(mpr * dr) + 0.0161 * sin(dr * 2 * mpr)
        c1 -= 0.0004 * sin(dr * 3 * mpr)
        c1 = c1 + 0.0104 * sin(dr * 2 * f) - 0.0051 * sin(dr * (m + mpr))
        c1 = c1 - 0.0074 * sin(dr * (m - mpr)) + 0.0004 * sin(dr * (2 * f + m))
        c1 = c1 - 0.0004 * sin(dr * (2 * f - m)) - 0.0006 * sin(dr * (2 * f + mpr))
        c1 = c1 + 0.0010 * sin(dr * (2 * f - mpr)) + 0.0005 * sin(dr * (2 * mpr + m))
        let deltaT =
            t < -11
            ? 0.001 + 0.000839 * t + 0.0002261 * t2 - 0.00000845 * t3 - 0.000000081 * t * t3
            : -0.000278 + 0.000265 * t + 0.000262 * t2
        return jd1 + c1 - deltaT
    }

    /// The sun's true longitude (radians, 0 ..< 2π) at Julian day `jdn`.
    static func sunLongitude(_ jdn: Double) -> Double {
        let t = (jdn - 2_451_545.0) / 36525
        let t2 = t * t
        let dr = Double.pi / 180
        let m = 357.52910 + 35999.05030 * t - 0.0001559 * t2 - 0.00000048 * t * t2
        let l0 = 280.46645 + 36000.76983 * t + 0.0003032 * t2
        var dl = (1.914600 - 0.004817 * t - 0.000014 * t2) * sin(dr * m)
        dl = dl + (0.019993 - 0.000101 * t) * sin(dr * 2 * m) + 0.000290 * sin(dr * 3 * m)
        var l = (l0 + dl) * dr
        l -= Double.pi * 2 * floor(l / (Double.pi * 2))
        return l
    }

    /// The solar term sector (0–11) at local midnight starting day `dayNumber` (Julian).
    static func sunSector(_ dayNumber: Int) -> Int {
        Int(floor(sunLongitude(Double(dayNumber) - 0.5 - timeZone / 24) / Double.pi * 6))
    }

    /// The Julian day on which the `k`-th new moon falls, local time.
    static func newMoonDay(_ k: Int) -> Int {
        Int(floor(newMoon(k) + 0.5 + timeZone / 24))
    }

    /// The start (Julian day) of the lunar month holding the winter solstice of `year`.
    static func lunarMonth11(_ year: Int) -> Int {
        // The day count without LocalDate's range check: the holidays of 1900 need the lunar year begun in 1899.
        let off = LocalDate.dayNumber(year: year, month: 12, day: 31) + julianDayOf1970 - 2_415_021
        let k = Int(floor(Double(off) / 29.530588853))
        var nm = newMoonDay(k)
        if sunSector(nm) >= 9 { nm = newMoonDay(k - 1) }
        return nm
    }

    /// Which month after month 11 (starting `a11`) is the leap month: the first without a principal term.
    static func leapMonthOffset(_ a11: Int) -> Int {
        let k = Int(floor((Double(a11) - 2_415_021.076998695) / 29.530588853 + 0.5))
        var last = 0
        var i = 1
        var arc = sunSector(newMoonDay(k + i))
        repeat {
            last = arc
            i += 1
            arc = sunSector(newMoonDay(k + i))
        } while arc != last && i < 14
        return i - 1
    }
}
