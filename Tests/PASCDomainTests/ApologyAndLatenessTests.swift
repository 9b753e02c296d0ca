import Foundation
import PASCDomain
import Testing

@Suite("Apology letters, lateness alerts and step deadlines")
struct ApologyAndLatenessTests {
    static let calendar = WorkingCalendar()

    static func at(_ day: String, _ time: String) -> LocalDateTime {
        LocalDateTime(date: try! LocalDate(iso: day), time: try! TimeOfDay(parsing: time))
    }

    /// Due Monday 07/09/2026 17:00 (the 2/9 holiday week): D − 1 is Friday 04/09.
    static let due = at("2026-09-07", "17:00")

    @Test func aLetterInTimeMovesTheDateAndKeepsTheTime() throws {
        let letter = try ApologyLetter.record(
            reason: " Chờ kết quả xác minh ",
            newDate: try LocalDate(iso: "2026-09-10"),
            currentDue: Self.due,
            alreadyApologised: false,
            now: Self.at("2026-09-04", "16:59"),
            calendar: Self.calendar
        )
        #expect(letter.newDue == Self.at("2026-09-10", "17:00") && letter.previousDue == Self.due)
        #expect(letter.reason == "Chờ kết quả xác minh" && !letter.recordedLate)
        #expect(letter.details["recordedLate"] == "false")
    }

    @Test func aLetterOnTheDueDayIsAcceptedButFlagged() throws {
        let letter = try ApologyLetter.record(
            reason: "Chờ xác minh",
            newDate: try LocalDate(iso: "2026-09-10"),
            currentDue: Self.due,
            alreadyApologised: false,
            now: Self.at("2026-09-07", "08:00"),
            calendar: Self.calendar
        )
        #expect(letter.recordedLate)
    }

    @Test(arguments: [
        // (reason, new date, now, already, refused field)
        ("", "2026-09-10", "2026-09-03T10:00", false, "reason"),
        ("Chờ xác minh", "2026-09-10", "2026-09-03T10:00", true, "apology"),
        ("Chờ xác minh", "2026-09-10", "2026-09-07T17:01", false, "newDate"),
        ("Chờ xác minh", "2026-09-07", "2026-09-03T10:00", false, "newDate"),
        ("Chờ xác minh", "2026-09-12", "2026-09-03T10:00", false, "newDate"),
    ])
    func lettersTheLawDoesNotAllowAreRefused(reason: String, newDate: String, now: String, already: Bool, field: String) throws {
        let parts = now.split(separator: "T").map(String.init)
        do {
            _ = try ApologyLetter.record(
                reason: reason,
                newDate: try LocalDate(iso: newDate),
                currentDue: Self.due,
                alreadyApologised: already,
                now: Self.at(parts[0], parts[1]),
                calendar: Self.calendar
            )
            Issue.record("accepted a letter that should be refused on \(field)")
        } catch let error as ValidationErrors {
            #expect(error.errors.map(\.field).contains(field))
        }
    }

    @Test func theAlertComesOneWorkingDayBefore() {
        #expect(Lateness.alertDay(due: Self.due, calendar: Self.calendar) == (try! LocalDate(iso: "2026-09-04")))
        // On Friday 04/09 the horizon is the end of Monday 07/09 (the weekend is skipped).
        #expect(Lateness.alertHorizon(today: try! LocalDate(iso: "2026-09-04"), calendar: Self.calendar) == Self.due)
    }

    @Test func pastTheDateWithoutALetterIsAViolation() {
        let after = Self.at("2026-09-08", "07:00")
        #expect(Lateness.isViolation(status: .processing, due: Self.due, apologised: false, now: after))
        #expect(!Lateness.isViolation(status: .processing, due: Self.due, apologised: true, now: after))
        #expect(!Lateness.isViolation(status: .processing, due: Self.due, apologised: false, now: Self.due))
        #expect(!Lateness.isViolation(status: .supplementRequested, due: Self.due, apologised: false, now: after))
        #expect(!Lateness.isViolation(status: .paymentRequested, due: Self.due, apologised: false, now: after, clockStopped: true))
        #expect(Lateness.isViolation(status: .paymentRequested, due: Self.due, apologised: false, now: after, clockStopped: false))
        #expect(!Lateness.isViolation(status: .resultReady, due: Self.due, apologised: false, now: after))
    }

    @Test func transfersBeforeTheCutOffAreDueTheSameDay() {
        let cutoff = StepDeadline.defaultTransferCutoff
        #expect(
            StepDeadline.transfer(receivedAt: Self.at("2026-09-04", "14:59"), cutoff: cutoff, calendar: Self.calendar)
                == Self.at("2026-09-04", "17:00")
        )
        #expect(
            StepDeadline.transfer(receivedAt: Self.at("2026-09-04", "15:00"), cutoff: cutoff, calendar: Self.calendar)
                == Self.at("2026-09-07", "17:00")
        )
        // Received on a day off (online): the next working day.
        #expect(
            StepDeadline.transfer(receivedAt: Self.at("2026-09-02", "09:00"), cutoff: cutoff, calendar: Self.calendar)
                == Self.at("2026-09-03", "17:00")
        )
    }

    @Test func previousWorkingDaySkipsHolidaysAndWeekends() throws {
        // By the rules alone Monday 31/08 works; the announced swap (data) makes it a day off.
        #expect(Self.calendar.previousWorkingDay(before: try LocalDate(iso: "2026-09-03")) == (try LocalDate(iso: "2026-08-31")))
        let swap = try AnnouncedDay(
            date: LocalDate(iso: "2026-08-31"),
            kind: .dayOff,
            name: "Nghỉ hoán đổi",
            nameEn: "Swapped day off",
            reference: "test"
        )
        let announced = WorkingCalendar(announced: [swap])
        #expect(announced.previousWorkingDay(before: try LocalDate(iso: "2026-09-03")) == (try LocalDate(iso: "2026-08-28")))
    }
}
