import ArgumentParser
import Foundation
import PASCCore
import PASCDomain
import PASCStore

/// `pasc calendar`: the working-day calendar from the command line, with the announced days of
/// the configured database (seeded with 2024–2026 when it has none).
struct CalendarCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calendar",
        abstract: "Working days: add working days to a date, list a year's days off.",
        subcommands: [AddWorkingDays.self, DaysOff.self]
    )

    /// The calendar and the announced days it was built with.
    static func workingCalendar(_ options: DatabaseOptions) async throws -> (calendar: WorkingCalendar, announced: [AnnouncedDay]) {
        try await withMigratedStore(try options.resolve()) { store in
            _ = try await AnnouncedDaysSeed.seedIfEmpty(store)
            let announced = try await store.allAnnouncedDays()
            return (WorkingCalendar(announced: announced), announced)
        }
    }

    static func date(_ text: String, option: String) throws -> LocalDate {
        do throws(PASCDomain.ValidationError) {
            return try LocalDate(iso: text)
        } catch {
            throw PASCDomain.ValidationError(field: option, message: error.message, messageEn: error.messageEn)
        }
    }

    struct AddWorkingDays: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add-working-days",
            abstract: "Print the date N working days after --from (the day itself is not counted), as YYYY-MM-DD."
        )

        @Option(help: "The start date, YYYY-MM-DD (for a dossier: the day of reception).") var from: String
        @Option(help: "How many working days to add (0 gives the start date, or the next working day).") var days: Int
        @OptionGroup var options: DatabaseOptions

        func run() async throws {
            try await runReportingErrors {
                let start = try CalendarCommand.date(from, option: "--from")
                guard (0...3650).contains(days) else {
                    throw PASCDomain.ValidationError(
                        field: "--days",
                        message: "--days phải từ 0 đến 3650.",
                        messageEn: "--days must be from 0 to 3650"
                    )
                }
                let calendar = try await CalendarCommand.workingCalendar(options).calendar
                printLine(calendar.adding(workingDays: days, after: start).description)
            }
        }
    }

    struct DaysOff: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "days-off",
            abstract: "List the public holidays and announced days off of a year (weekends not listed)."
        )

        @Option(help: "The year.") var year: Int
        @OptionGroup var options: DatabaseOptions

        func run() async throws {
            try await runReportingErrors {
                guard (1900...2200).contains(year) else {
                    throw PASCDomain.ValidationError(
                        field: "--year",
                        message: "--year phải từ 1900 đến 2200.",
                        messageEn: "--year must be from 1900 to 2200"
                    )
                }
                let (calendar, announced) = try await CalendarCommand.workingCalendar(options)
                let workdays = announced.filter { $0.kind == .workday && $0.date.year == year }
                let lines =
                    calendar.daysOff(in: year).map { ($0.date, $0.kind.rawValue, $0.name) } + workdays.map { ($0.date, "workday", $0.name) }
                for (date, kind, name) in lines.sorted(by: { $0.0 < $1.0 }) {
                    printLine("\(date)  \(date.weekday.rawValue)  \(kind.padding(toLength: 12, withPad: " ", startingAt: 0))  \(name)")
                }
            }
        }
    }
}
