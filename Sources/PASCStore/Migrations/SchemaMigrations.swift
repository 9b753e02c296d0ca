import Foundation

/// Schema changes written once with the column types that differ between dialects left as
/// `{integer}` and `{double}`. Append only: never edit or reorder a released migration.
///
/// Booleans are 0/1 integers and lists are JSON text on both databases, so one set of queries reads both.
enum SchemaMigrations {
    static let shared: [(version: Int, name: String, statements: [String])] = [
        (
            version: 1,
            name: "network and catalog",
            statements: [
                "CREATE TABLE pasc_metadata (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
                """
                CREATE TABLE offices (
                    code TEXT PRIMARY KEY,
                    name TEXT NOT NULL,
                    name_en TEXT NOT NULL,
                    level TEXT NOT NULL,
                    parent_code TEXT REFERENCES offices(code),
                    unit_code TEXT NOT NULL,
                    area_type TEXT NOT NULL,
                    latitude {double} NOT NULL,
                    longitude {double} NOT NULL,
                    location_approximate {integer} NOT NULL,
                    location_source TEXT NOT NULL,
                    address TEXT NOT NULL,
                    opening_hours TEXT NOT NULL,
                    counters {integer} NOT NULL,
                    derived_fields TEXT NOT NULL
                )
                """,
                "CREATE INDEX offices_level ON offices (level, code)",
                "CREATE INDEX offices_parent ON offices (parent_code, code)",
                """
                CREATE TABLE administrative_units (
                    code TEXT PRIMARY KEY,
                    name TEXT NOT NULL,
                    short_name TEXT NOT NULL,
                    level TEXT NOT NULL,
                    parent_code TEXT NOT NULL,
                    area_type TEXT NOT NULL,
                    population {integer} NOT NULL,
                    home_office_code TEXT REFERENCES offices(code)
                )
                """,
                "CREATE INDEX administrative_units_parent ON administrative_units (parent_code, code)",
                """
                CREATE TABLE agencies (
                    code TEXT PRIMARY KEY,
                    kind TEXT NOT NULL,
                    level TEXT NOT NULL,
                    name TEXT NOT NULL,
                    name_en TEXT NOT NULL,
                    unit_code TEXT NOT NULL,
                    jurisdiction TEXT NOT NULL
                )
                """,
                """
                CREATE TABLE procedures (
                    code TEXT PRIMARY KEY,
                    name TEXT NOT NULL,
                    name_en TEXT NOT NULL,
                    field TEXT NOT NULL,
                    field_folded TEXT NOT NULL,
                    level TEXT NOT NULL,
                    demo_level TEXT NOT NULL,
                    competent_agency_text TEXT NOT NULL,
                    agency_kind TEXT NOT NULL,
                    agency_code TEXT REFERENCES agencies(code),
                    competence_basis TEXT NOT NULL,
                    time_limit_unit TEXT NOT NULL,
                    time_limit_value {integer} NOT NULL,
                    same_day_cutoff TEXT,
                    fee_vnd {integer},
                    required_papers TEXT NOT NULL,
                    online_level TEXT,
                    boundary_free_phase {integer},
                    payment_stops_clock {integer} NOT NULL,
                    step_budgets TEXT NOT NULL,
                    notes TEXT NOT NULL,
                    source TEXT NOT NULL,
                    search_text TEXT NOT NULL
                )
                """,
                "CREATE INDEX procedures_field ON procedures (field_folded, code)",
            ]
        )
    ]

    /// The migrations of one dialect, with its column types filled in.
    static func all(for dialect: SQLDialectKind) -> [Migration] {
        let types: [String: String] =
            switch dialect {
            case .sqlite: ["{integer}": "INTEGER", "{double}": "REAL"]
            case .postgres: ["{integer}": "BIGINT", "{double}": "DOUBLE PRECISION"]
            }
        return shared.map { migration in
            Migration(
                version: migration.version,
                name: migration.name,
                statements: migration.statements.map { statement in
                    types.reduce(statement) { $0.replacingOccurrences(of: $1.key, with: $1.value) }
                }
            )
        }
    }
}
