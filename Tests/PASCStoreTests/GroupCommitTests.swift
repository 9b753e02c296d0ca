import Foundation
import Logging
import SQLKit
import Testing

@testable import PASCStore

/// Write transactions that queue together share one SQLite commit, each in its own savepoint.
@Suite("Group commit on SQLite")
struct GroupCommitTests {
    struct Refused: Error {}

    @Test func concurrentWritersShareCommitsAndAFailureRollsBackOnlyItsOwn() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pasc-group-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let backend = try SQLiteBackend(path: folder.appendingPathComponent("g.sqlite").path, logger: Logger(label: "test"))
        try await backend.transaction { db in try await db.raw("CREATE TABLE t (n INTEGER PRIMARY KEY, twin INTEGER NOT NULL)").run() }
        let results = try await withThrowingTaskGroup(of: (Int, Bool).self) { group in
            for n in 0..<200 {
                group.addTask {
                    do {
                        let written = try await backend.transaction { db in
                            // Two rows per transaction; every seventh throws after its first row.
                            try await db.raw("INSERT INTO t (n, twin) VALUES (\(bind: n * 2), \(bind: n))").run()
                            if n % 7 == 0 { throw Refused() }
                            try await db.raw("INSERT INTO t (n, twin) VALUES (\(bind: n * 2 + 1), \(bind: n))").run()
                            return n
                        }
                        return (written, true)
                    } catch is Refused {
                        return (n, false)
                    }
                }
            }
            var all: [(Int, Bool)] = []
            for try await result in group { all.append(result) }
            return all
        }
        // 201 transactions (the table's too) in fewer commits: writers that queued together shared one.
        let commits = await backend.commits()
        #expect(commits < 201 && commits > 0)
        let refused = Set(results.filter { !$0.1 }.map(\.0))
        #expect(refused == Set((0..<200).filter { $0 % 7 == 0 }))
        let rows = try await backend.withSession { db in
            try await db.raw("SELECT twin, COUNT(*) AS c FROM t GROUP BY twin").all().map {
                (try $0.decode(column: "twin", as: Int.self), try $0.decode(column: "c", as: Int.self))
            }
        }
        // Every accepted transaction wrote both rows, no refused one left its first.
        #expect(rows.count == 200 - refused.count && rows.allSatisfy { $0.1 == 2 && !refused.contains($0.0) })
        // A failing statement (a duplicate key) is refused like a thrown error, and the next writer goes on.
        await #expect(throws: (any Error).self) {
            try await backend.transaction { db in try await db.raw("INSERT INTO t (n, twin) VALUES (2, 1)").run() }
        }
        try await backend.transaction { db in try await db.raw("INSERT INTO t (n, twin) VALUES (100000, -1)").run() }
        let last = try await backend.withSession { db in
            try await db.raw("SELECT COUNT(*) AS c FROM t WHERE twin = -1").first()?.decode(column: "c", as: Int.self)
        }
        #expect(last == 1)
        try await backend.shutdown()
    }
}
