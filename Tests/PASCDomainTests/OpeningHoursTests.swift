import PASCDomain
import Testing

@Suite("Opening hours")
struct OpeningHoursTests {
    @Test func parsesAndPrintsTheCompactForm() throws {
        let text = "mon-fri 07:00-11:30,13:30-17:00; sat 07:30-11:30"
        let hours = try OpeningHours(parsing: text)
        #expect(hours.specification == text)
        #expect(hours.sessions[.wed]?.count == 2)
        #expect(hours.sessions[.sun] == nil)
    }

    @Test func daysListedSeparatelyWithEqualSessionsPrintAsARange() throws {
        let hours = try OpeningHours(parsing: "mon,tue 08:00-12:00; wed 08:00-12:00")
        #expect(hours.specification == "mon-wed 08:00-12:00")
    }

    @Test func isOpenRespectsTheLunchBreakAndSaturday() throws {
        let hours = try OpeningHours(parsing: "mon-fri 07:00-11:30,13:30-17:00; sat 07:30-11:30")
        #expect(hours.isOpen(on: .mon, at: try TimeOfDay(hour: 7, minute: 0)))
        #expect(!hours.isOpen(on: .mon, at: try TimeOfDay(hour: 11, minute: 30)))
        #expect(!hours.isOpen(on: .mon, at: try TimeOfDay(hour: 12, minute: 15)))
        #expect(hours.isOpen(on: .sat, at: try TimeOfDay(hour: 9, minute: 0)))
        #expect(!hours.isOpen(on: .sat, at: try TimeOfDay(hour: 14, minute: 0)))
        #expect(!hours.isOpen(on: .sun, at: try TimeOfDay(hour: 9, minute: 0)))
    }

    @Test(arguments: [
        "monday 07:00-11:00", "mon 7:00-11:00", "mon 11:00-07:00", "mon 07:00-12:00,11:00-13:00", "fri-mon 07:00-11:00", "mon", "mon 25:00-26:00",
    ])
    func refusesInvalidText(_ text: String) {
        #expect(throws: ValidationError.self) { try OpeningHours(parsing: text) }
    }
}
