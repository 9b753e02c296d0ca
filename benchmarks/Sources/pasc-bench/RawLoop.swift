import Foundation
import Logging
import NIOCore
import PASCCore
import PostgresNIO
import SQLiteNIO

/// The floor: the statements one acceptance runs (daily number, submission and its outcome, the
/// dossier, its first event, its portal record), each reception in its own committed transaction,
/// sent one after another over one reused connection with the same PRAGMAs as PASC's pool.
protocol RawConnection {
    func run(_ sql: String, _ binds: [String]) async throws -> String?
    func close() async throws
}

struct RawSQLite: RawConnection {
    let connection: SQLiteConnection

    static func open(_ path: String) async throws -> RawSQLite {
        let connection = try await SQLiteConnection.open(storage: .file(path: path))
        for pragma in ["PRAGMA journal_mode = WAL", "PRAGMA synchronous = FULL", "PRAGMA foreign_keys = ON", "PRAGMA busy_timeout = 10000"] {
            _ = try await connection.query(pragma, [])
        }
        return RawSQLite(connection: connection)
    }

    func run(_ sql: String, _ binds: [String]) async throws -> String? {
        let rows = try await connection.query(sql, binds.map { SQLiteData.text($0) })
        guard let data = rows.first?.columns.first?.data else { return nil }
        switch data {
        case .text(let text): return text
        case .integer(let number): return String(number)
        default: return data.description
        }
    }

    func close() async throws { try await connection.close() }
}

struct RawPostgres: RawConnection {
    let connection: PostgresConnection
    let logger: Logger

    static func open(_ url: String) async throws -> RawPostgres {
        guard let parts = URLComponents(string: url), let host = parts.host else { throw BenchError("not a postgres URL") }
        let configuration = PostgresConnection.Configuration(
            host: host,
            port: parts.port ?? 5432,
            username: parts.user ?? "postgres",
            password: parts.password,
            database: String(parts.path.dropFirst()),
            tls: .disable
        )
        var logger = Logger(label: "pasc.bench.raw")
        logger.logLevel = .warning
        return RawPostgres(connection: try await PostgresConnection.connect(configuration: configuration, id: 1, logger: logger), logger: logger)
    }

    func run(_ sql: String, _ binds: [String]) async throws -> String? {
        // `$n` placeholders, the values as text (the columns are TEXT or cast by PostgreSQL).
        var index = 0
        var numbered = ""
        for character in sql {
            if character == "?" {
                index += 1
                numbered += "$\(index)"
            } else {
                numbered.append(character)
            }
        }
        var bindings = PostgresBindings()
        for value in binds { bindings.append(value) }
        let rows = try await connection.query(PostgresQuery(unsafeSQL: numbered, binds: bindings), logger: logger)
        for try await row in rows {
            if let number = try? row.decode(Int64.self) { return String(number) }
            return try? row.decode(String.self)
        }
        return nil
    }

    func close() async throws { try await connection.close() }
}

/// One acceptance's rows, as PASC writes them.
struct RawReception {
    let office: String
    let day: String
    let applicant: String
    let delivery: String
    let rule: String
    let agency: String
    let procedure: String

    func insert(_ db: any RawConnection, index: Int, dialectPostgres: Bool) async throws {
        let now = VietnamTime.format(Date())
        let submission = "raw-\(index)-\(UUID().uuidString)"
        _ = try await db.run("BEGIN", [])
        guard
            let last = try await db.run(
                """
                INSERT INTO dossier_sequences (office_code, day, last) VALUES (?, ?, 1)
                ON CONFLICT (office_code, day) DO UPDATE SET last = dossier_sequences.last + 1 RETURNING last
                """,
                [office, day]
            ), let sequence = Int(last)
        else { throw BenchError("no sequence") }
        let yymmdd = day.replacingOccurrences(of: "-", with: "").dropFirst(2)
        let code = "\(office)-\(yymmdd)-\(String(format: "%04d", sequence))"
        _ = try await db.run(
            """
            INSERT INTO submissions (id, procedure_code, office_code, channel, applicant, status, submitted_at, papers, dossier_code)
            VALUES (?, ?, ?, 'counter', ?, 'accepted', ?, '[]', ?)
            ON CONFLICT (id) DO UPDATE SET status = 'accepted', dossier_code = excluded.dossier_code, applicant = excluded.applicant,
                papers = excluded.papers
            WHERE submissions.dossier_code IS NULL AND submissions.status <> 'refused'
            RETURNING id
            """,
            [submission, procedure, office, applicant, now, code]
        )
        _ = try await db.run(
            "INSERT INTO submission_events (submission_id, outcome, office_code, at, actor, role, details) VALUES (?, 'accepted', ?, ?, 'raw', 'receptionOfficer', '{}')",
            [submission, office, now]
        )
        let sequenceValue = dialectPostgres ? "CAST(? AS BIGINT)" : "CAST(? AS INTEGER)"
        _ = try await db.run(
            """
            INSERT INTO dossiers (code, submission_id, procedure_code, office_code, day, sequence, agency_code, status, channel, applicant,
                received_at, appointment_due, appointment_rule, delivery, secret_digest, applicant_id, holder_code, holder_due)
            VALUES (?, ?, ?, ?, ?, \(sequenceValue), ?, 'accepted', 'counter', ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [
                code, submission, procedure, office, day, String(sequence), agency, applicant, now, "\(day)T17:00", rule, delivery, "raw-digest",
                "074190012345", agency, "\(day)T17:00",
            ]
        )
        _ = try await db.run(
            "INSERT INTO outbox (channel, dossier_code, payload, created_at) VALUES ('portal', ?, ?, ?)",
            [code, #"{"MaHoSo":"\#(code)","TrangThaiHoSo":2}"#, now]
        )
        _ = try await db.run(
            """
            INSERT INTO dossier_events (dossier_code, action, from_status, to_status, actor, role, office_code, agency_code, at, reason, attachments, details)
            VALUES (?, 'accept', 'registered', 'accepted', 'raw', 'receptionOfficer', ?, NULL, ?, NULL, '[]', '{}')
            """,
            [code, office, now]
        )
        _ = try await db.run("COMMIT", [])
    }
}
