import PASCDomain
import Testing

@Suite("Dates, announced days and boundary-free decisions")
struct CalendarValueTests {
    @Test func dayNumbersRoundTripAndWeekdaysAreRight() throws {
        #expect(try LocalDate(iso: "1970-01-01").dayNumber == 0)
        #expect(try LocalDate(iso: "2026-09-15").weekday == .tue)
        #expect(try LocalDate(iso: "2024-02-29").adding(days: 1).description == "2024-03-01")
        #expect(try LocalDate(iso: "2025-04-26").weekday == .sat)
        var date = try LocalDate(iso: "1999-12-25")
        for _ in 0..<2000 {
            let next = date.adding(days: 1)
            #expect(next.dayNumber == date.dayNumber + 1 && next > date)
            #expect(try LocalDate(iso: next.description) == next)
            date = next
        }
        #expect(try LocalDate(iso: "2026-01-05").vietnameseText == "05/01/2026")
    }

    @Test(arguments: ["2026-02-30", "2025-02-29", "2026-13-01", "26-01-01", "2026-1-05", "2026-01-05T00:00", "", "２０２６-01-01"])
    func malformedDatesAreRefusedWithTheExpectedShape(_ text: String) {
        #expect(throws: ValidationError.self) { try LocalDate(iso: text) }
    }

    @Test func announcedDaysMustOverrideSomething() throws {
        let saturday = try LocalDate(iso: "2025-04-26")
        let friday = try LocalDate(iso: "2025-05-02")
        #expect(throws: Never.self) { try AnnouncedDay(date: saturday, kind: .workday, name: "Làm bù", nameEn: "", reference: "TB 6150") }
        #expect(throws: Never.self) { try AnnouncedDay(date: friday, kind: .dayOff, name: "Nghỉ", nameEn: "", reference: "TB 6150") }
        do {
            _ = try AnnouncedDay(date: friday, kind: .workday, name: " ", nameEn: "", reference: "")
            Issue.record("a weekday make-up day without name or reference was accepted")
        } catch {
            #expect(Set(error.errors.map(\.field)) == ["kind", "name", "reference"])
        }
        #expect(throws: ValidationErrors.self) { try AnnouncedDay(date: saturday, kind: .dayOff, name: "Nghỉ", nameEn: "", reference: "x") }
        // 1 September 2025 is the rule's adjacent National Day; an announcement may make it a workday.
        #expect(throws: Never.self) {
            try AnnouncedDay(date: LocalDate(iso: "2025-09-01"), kind: .workday, name: "Làm việc", nameEn: "", reference: "x")
        }
    }

    @Test func decisionsAreCheckedAsAWhole() throws {
        let a = try ProcedureCode("1.001612")
        let b = try ProcedureCode("2.000815")
        let day = try LocalDate(iso: "2025-11-10")
        do {
            _ = try BoundaryFreeDecision(
                number: "",
                signedOn: day,
                effectiveOn: day.adding(days: -1),
                phase: nil,
                additions: [a],
                removals: [a],
                demoReference: false,
                note: ""
            )
            Issue.record("an invalid decision was accepted")
        } catch {
            #expect(Set(error.errors.map(\.field)) == ["number", "effectiveOn", "removals", "phase"])
        }
        let removal = try BoundaryFreeDecision(
            number: "2449/QĐ-UBND",
            signedOn: day,
            effectiveOn: day,
            phase: 4,
            additions: [],
            removals: [b, b],
            demoReference: false,
            note: ""
        )
        #expect(removal.phase == nil && removal.removals == [b], "a removal carries no phase and each code once")
    }
}
