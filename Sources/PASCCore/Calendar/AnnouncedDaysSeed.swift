import Foundation
import PASCDomain

/// The swap days and make-up Saturdays announced for 2024–2026, shipped in `Resources/calendar`
/// and written to an empty `announced_days` table on start (every deployment, demo or not).
public enum AnnouncedDaysSeed {
    public static func load() throws -> [AnnouncedDay] {
        guard let folder = Bundle.module.url(forResource: "calendar", withExtension: nil) else {
            throw ConfigurationError("the calendar data folder is missing from the PASCCore bundle")
        }
        let file = "announced-days.csv"
        let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
        let table: CSVTable
        do { table = try CSVTable(text: text) } catch { throw DemoDataError(file: file, line: error.line, reason: error.reason) }
        return try table.rows.enumerated().map { index, row in
            try rowContext(file, index) {
                try AnnouncedDay(
                    date: LocalDate(iso: row.required("date")),
                    kind: row.requiredEnum("kind", AnnouncedDay.Kind.self),
                    name: row.required("name"),
                    nameEn: row.required("name_en"),
                    reference: row.required("reference")
                )
            }
        }
    }

    /// Writes the seed into an empty table; false when the table already had days.
    public static func seedIfEmpty(_ store: any MasterDataStore) async throws -> Bool {
        try await store.seedAnnouncedDaysIfEmpty(try load(), actor: "seed")
    }
}
