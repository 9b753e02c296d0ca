import PASCDomain
import Testing

@Suite("Working days and working time")
struct WorkingCalendarTests {
    static func date(_ text: String) -> LocalDate { try! LocalDate(iso: text) }
    static func at(_ day: String, _ time: String) -> LocalDateTime { LocalDateTime(date: date(day), time: try! TimeOfDay(parsing: time)) }
    /// The announcements of 2024–2026 the seed ships (swap days and make-up Saturdays).
    static let calendar = WorkingCalendar(announced: [
        try! AnnouncedDay(date: date("2025-04-26"), kind: .workday, name: "Làm bù", nameEn: "", reference: "BNV 2025"),
        try! AnnouncedDay(date: date("2025-05-02"), kind: .dayOff, name: "Nghỉ hoán đổi", nameEn: "", reference: "BNV 2025"),
        try! AnnouncedDay(date: date("2026-08-22"), kind: .workday, name: "Làm bù", nameEn: "", reference: "9441/TB-BNV"),
        try! AnnouncedDay(date: date("2026-08-31"), kind: .dayOff, name: "Nghỉ hoán đổi", nameEn: "", reference: "9441/TB-BNV"),
    ])

    @Test func theReferencesWorkedExamples() {
        let c = Self.calendar
        #expect(c.adding(workingDays: 3, after: Self.date("2026-02-13")) == Self.date("2026-02-25"), "Tết 2026: 16–20 February off")
        #expect(c.adding(workingDays: 2, after: Self.date("2026-08-27")) == Self.date("2026-09-03"), "31 August swapped, 1–2 September off")
        #expect(c.isWorkingDay(Self.date("2025-04-26")), "a make-up Saturday is a working day")
        #expect(!c.isWorkingDay(Self.date("2025-05-02")))
        #expect(!c.isWorkingDay(Self.date("2026-08-31")))
        #expect(!c.isWorkingDay(Self.date("2026-04-27")), "Hùng Kings' day 2026 is a Sunday: Monday is off")
        #expect(c.holiday(on: Self.date("2026-04-27"))?.kind == .compensatory)
        #expect(c.isWorkingDay(Self.date("2026-02-23")))
        #expect(WorkingCalendar().isWorkingDay(Self.date("2026-08-31")), "without the announcement 31 August 2026 is an ordinary Monday")
    }

    @Test func tetBreaksKeepTheirOfficialShape() {
        // Official Tết breaks for state employees (weekdays off), which the rules must give by themselves.
        let expected: [(String, String)] = [
            ("2020-01-23", "2020-01-29"), ("2021-02-10", "2021-02-16"), ("2022-01-31", "2022-02-04"), ("2023-01-20", "2023-01-26"),
            ("2024-02-08", "2024-02-14"), ("2025-01-27", "2025-01-31"), ("2026-02-16", "2026-02-20"),
        ]
        for (first, last) in expected {
            var day = Self.date(first).adding(days: -1)
            #expect(Self.calendar.isWorkingDay(day) || day.isWeekend, "the day before \(first) is worked or a weekend")
            day = Self.date(first)
            while day <= Self.date(last) {
                #expect(!Self.calendar.isWorkingDay(day), "\(day) is off")
                day = day.adding(days: 1)
            }
            #expect(Self.calendar.workingDay(onOrAfter: Self.date(last).adding(days: 1)) > Self.date(last))
        }
    }

    @Test func addingWorkingDaysKeepsItsProperties() {
        var generator = SplitMix64(seed: 20_260_915)
        let start = Self.date("2020-01-01").dayNumber
        for _ in 0..<2000 {
            let from = LocalDate(dayNumber: start + Int(generator.next() % 4000))
            let n = Int(generator.next() % 45)
            let result = Self.calendar.adding(workingDays: n, after: from)
            #expect(Self.calendar.isWorkingDay(result), "\(from) + \(n) → \(result) is a working day")
            #expect(n == 0 ? result >= from : result > from)
            let next = Self.calendar.adding(workingDays: n + 1, after: from)
            // Strictly later, except that 0 days from a day off and 1 day after it both give the next working day.
            #expect(next > result || (n == 0 && !Self.calendar.isWorkingDay(from) && next == result), "adding is monotonic")
            if n > 0 { #expect(Self.calendar.workingDays(after: from, through: result) == n, "counting back gives \(n)") }
        }
    }

    @Test func workingTimeFollowsOfficeHours() {
        let c = Self.calendar
        #expect(c.minutesPerWorkingDay == 480)
        #expect(c.adding(workingMinutes: 480, to: Self.at("2026-09-14", "07:00")) == Self.at("2026-09-14", "17:00"))
        #expect(c.adding(workingMinutes: 120, to: Self.at("2026-09-18", "16:00")) == Self.at("2026-09-21", "08:00"), "Friday 16:00 + 2 h")
        #expect(c.adding(workingMinutes: 60, to: Self.at("2026-09-14", "11:00")) == Self.at("2026-09-14", "14:00"), "lunch is not counted")
        #expect(c.nextWorkingMoment(from: Self.at("2026-09-19", "09:00")) == Self.at("2026-09-21", "07:00"), "Saturday → Monday 07:00")
        #expect(c.nextWorkingMoment(from: Self.at("2026-09-14", "12:15")) == Self.at("2026-09-14", "13:30"))
        #expect(c.nextWorkingMoment(from: Self.at("2026-09-14", "17:00")) == Self.at("2026-09-15", "07:00"))
        #expect(c.workingMinutes(from: Self.at("2026-09-14", "10:00"), to: Self.at("2026-09-16", "14:00")) == 90 + 210 + 480 + 270 + 30)
        var generator = SplitMix64(seed: 7)
        for _ in 0..<500 {
            let start = LocalDateTime(
                date: LocalDate(dayNumber: Self.date("2025-01-01").dayNumber + Int(generator.next() % 700)),
                minuteOfDay: Int(generator.next() % 1440)
            )
            let minutes = Int(generator.next() % 5000)
            let end = c.adding(workingMinutes: minutes, to: start)
            #expect(c.workingMinutes(from: start, to: end) == minutes, "adding then measuring gives back \(minutes) from \(start)")
        }
    }

    @Test func appointmentsCountByTheProceduresUnit() throws {
        let c = Self.calendar
        let friday = Self.at("2026-02-13", "09:00")
        #expect(Appointment.count(.workingDays(3), submittedAt: friday, calendar: c).date == Self.date("2026-02-25"))
        let saturdayOnline = Appointment.count(.workingDays(1), submittedAt: Self.at("2026-09-19", "21:00"), calendar: c)
        #expect(saturdayOnline.countsFrom == Self.at("2026-09-21", "07:00") && saturdayOnline.date == Self.date("2026-09-22"))
        let cutoff = try TimeOfDay(parsing: "15:00")
        #expect(Appointment.count(.sameDay(cutoff: cutoff), submittedAt: Self.at("2026-09-15", "14:59"), calendar: c).date == Self.date("2026-09-15"))
        #expect(Appointment.count(.sameDay(cutoff: cutoff), submittedAt: Self.at("2026-09-15", "15:00"), calendar: c).date == Self.date("2026-09-16"))
        let hours = Appointment.count(.workingHours(8), submittedAt: Self.at("2026-09-15", "15:00"), calendar: c)
        #expect(hours.due == Self.at("2026-09-16", "15:00"))
        // 30 calendar days from 1 August 2026 is Monday 31 August, a swap day off: due Thursday 3 September.
        #expect(Appointment.count(.calendarDays(30), submittedAt: Self.at("2026-08-01", "09:00"), calendar: c).date == Self.date("2026-09-03"))
        #expect(saturdayOnline.rule.contains("ngoài giờ") && saturdayOnline.ruleEn.contains("outside working time"))
    }
}
