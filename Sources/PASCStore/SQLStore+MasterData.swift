import Foundation
import PASCCore
import PASCDomain
import SQLKit

extension SQLStore: MasterDataStore {
    // MARK: Offices

    public func insertOffice(_ office: Office, change: ChangeRecord) async throws {
        try await backend.transaction { db in
            // ON CONFLICT … RETURNING answers "was it inserted" the same way on both databases, also
            // when two administrators create the same code at once.
            let inserted = try await db.raw(try OfficeRecord.insert(office) + " ON CONFLICT (code) DO NOTHING RETURNING code").first()
            guard inserted != nil else { throw StoreError.conflict(kind: "office", code: office.code.rawValue) }
            try await Self.record(db, change)
        }
    }

    public func replaceOffice(_ old: Office, with new: Office, change: ChangeRecord) async throws {
        let lock: SQLQueryString = backend.dialect == .postgres ? " FOR UPDATE" : ""
        try await backend.transaction { db in
            let row = try await db.raw("SELECT \(OfficeRecord.columns) FROM offices WHERE code = \(bind: old.code.rawValue)" + lock).first()
            guard let row else { throw StoreError.notFound(kind: "office", code: old.code.rawValue) }
            guard try OfficeRecord.decode(row) == old else { throw StoreError.changedMeanwhile(kind: "office", code: old.code.rawValue) }
            try await db.raw(try OfficeRecord.update(new)).run()
            try await Self.record(db, change)
        }
    }

    // MARK: Procedures

    public func insertProcedure(_ procedure: Procedure, change: ChangeRecord) async throws {
        try await backend.transaction { db in
            let inserted = try await db.raw(try ProcedureRecord.insert(procedure) + " ON CONFLICT (code) DO NOTHING RETURNING code").first()
            guard inserted != nil else { throw StoreError.conflict(kind: "procedure", code: procedure.code.rawValue) }
            try await Self.record(db, change)
        }
    }

    public func replaceProcedure(_ old: Procedure, with new: Procedure, change: ChangeRecord) async throws {
        let lock: SQLQueryString = backend.dialect == .postgres ? " FOR UPDATE" : ""
        let today = today
        try await backend.transaction { db in
            guard try await db.raw("SELECT code FROM procedures WHERE code = \(bind: old.code.rawValue)" + lock).first() != nil else {
                throw StoreError.notFound(kind: "procedure", code: old.code.rawValue)
            }
            let row = try await db.raw(ProcedureRecord.select(on: today) + " AND code = \(bind: old.code.rawValue)").first()
            guard let row, try ProcedureRecord.decode(row) == old else {
                throw StoreError.changedMeanwhile(kind: "procedure", code: old.code.rawValue)
            }
            try await db.raw(try ProcedureRecord.update(new)).run()
            try await Self.record(db, change)
        }
    }

    // MARK: Boundary-free decisions

    public func insertBoundaryFreeDecision(
        _ decision: BoundaryFreeDecision,
        changes: [ChangeRecord],
        actor: String,
        at: String
    ) async throws -> StoredDecision {
        try await backend.transaction { db in
            let id = try await Self.insertDecisionRows(db, decision, actor: actor, at: at)
            for change in changes { try await Self.record(db, change) }
            return StoredDecision(id: id, decision: decision, recordedAt: at, actor: actor)
        }
    }

    /// The decision and its entries inside the caller's transaction; returns the decision's id.
    static func insertDecisionRows(_ db: any SQLDatabase, _ decision: BoundaryFreeDecision, actor: String, at: String) async throws -> Int {
        let row = try await db.raw(
            """
            INSERT INTO boundary_free_decisions (number, signed_on, effective_on, phase, demo_reference, note, recorded_at, actor)
            VALUES (
                \(bind: decision.number), \(bind: decision.signedOn.description), \(bind: decision.effectiveOn.description),
                \(bind: decision.phase), \(bind: decision.demoReference ? 1 : 0), \(bind: decision.note), \(bind: at), \(bind: actor)
            ) RETURNING id
            """
        ).first()
        guard let id = try row?.decode(column: "id", as: Int.self) else { throw StoreError.unreachable("the decision was not stored") }
        let entries = decision.additions.map { ($0, decision.phase) } + decision.removals.map { ($0, Int?.none) }
        for (code, phase) in entries {
            try await db.raw(
                """
                INSERT INTO boundary_free_entries (decision_id, procedure_code, phase, effective_on)
                VALUES (\(bind: id), \(bind: code.rawValue), \(bind: phase), \(bind: decision.effectiveOn.description))
                """
            ).run()
        }
        return id
    }

    public func boundaryFreeDecisions(page: PageRequest) async throws -> Page<StoredDecision> {
        var sql: SQLQueryString = "SELECT * FROM boundary_free_decisions WHERE 1 = 1"
        if case .after(let last) = page.cursor, let lastID = Int(last) { sql += " AND id < \(bind: lastID)" }
        sql += " ORDER BY id DESC LIMIT \(literal: page.limit + 1)"
        let query = sql
        let decisions = try await backend.withSession { db in
            var result: [StoredDecision] = []
            for row in try await db.raw(query).all() {
                let id = try row.decode(column: "id", as: Int.self)
                let entries = try await db.raw(
                    "SELECT procedure_code, phase FROM boundary_free_entries WHERE decision_id = \(bind: id) ORDER BY procedure_code"
                ).all()
                var additions: [ProcedureCode] = []
                var removals: [ProcedureCode] = []
                for entry in entries {
                    let code = try ProcedureCode(try entry.decode(column: "procedure_code", as: String.self))
                    if try entry.decode(column: "phase", as: Int?.self) == nil { removals.append(code) } else { additions.append(code) }
                }
                do {
                    let decision = try BoundaryFreeDecision(
                        number: row.decode(column: "number", as: String.self),
                        signedOn: LocalDate(iso: row.decode(column: "signed_on", as: String.self)),
                        effectiveOn: LocalDate(iso: row.decode(column: "effective_on", as: String.self)),
                        phase: row.decode(column: "phase", as: Int?.self),
                        additions: additions,
                        removals: removals,
                        demoReference: row.decode(column: "demo_reference", as: Int.self) != 0,
                        note: row.decode(column: "note", as: String.self)
                    )
                    result.append(
                        StoredDecision(
                            id: id,
                            decision: decision,
                            recordedAt: try row.decode(column: "recorded_at", as: String.self),
                            actor: try row.decode(column: "actor", as: String.self)
                        )
                    )
                } catch {
                    throw CorruptRecord(table: "boundary_free_decisions", key: String(id), reason: "\(error)")
                }
            }
            return result
        }
        let items = Array(decisions.prefix(page.limit))
        return Page(items: items, nextCursor: decisions.count > page.limit ? items.last.map { .after(String($0.id)) } : nil)
    }

    // MARK: Announced days

    public func announcedDays(year: Int) async throws -> [AnnouncedDay] {
        try await backend.withSession { db in
            try await db.raw(
                "SELECT * FROM announced_days WHERE day >= \(bind: "\(year)-01-01") AND day <= \(bind: "\(year)-12-31") ORDER BY day"
            ).all().map(Self.decodeAnnouncedDay)
        }
    }

    public func allAnnouncedDays() async throws -> [AnnouncedDay] {
        try await backend.withSession { db in
            try await db.raw("SELECT * FROM announced_days ORDER BY day").all().map(Self.decodeAnnouncedDay)
        }
    }

    public func announcedDay(_ date: LocalDate) async throws -> AnnouncedDay? {
        try await backend.withSession { db in
            try await db.raw("SELECT * FROM announced_days WHERE day = \(bind: date.description)").first().map(Self.decodeAnnouncedDay)
        }
    }

    public func putAnnouncedDay(_ day: AnnouncedDay, replacing old: AnnouncedDay?, change: ChangeRecord) async throws {
        try await backend.transaction { db in
            let key = day.date.description
            if let old {
                // The row read is the one replaced, or another request changed it first.
                let removed = try await db.raw("DELETE FROM announced_days WHERE day = \(bind: key) RETURNING *").first().map(Self.decodeAnnouncedDay)
                guard removed == old else { throw StoreError.changedMeanwhile(kind: "announced day", code: key) }
                try await Self.insertAnnouncedDay(db, day)
            } else {
                let inserted = try await db.raw(
                    """
                    INSERT INTO announced_days (day, kind, name, name_en, reference)
                    VALUES (\(bind: key), \(bind: day.kind.rawValue), \(bind: day.name), \(bind: day.nameEn), \(bind: day.reference))
                    ON CONFLICT (day) DO NOTHING RETURNING day
                    """
                ).first()
                guard inserted != nil else { throw StoreError.changedMeanwhile(kind: "announced day", code: key) }
            }
            try await Self.record(db, change)
        }
    }

    public func deleteAnnouncedDay(_ date: LocalDate, change: ChangeRecord) async throws {
        try await backend.transaction { db in
            guard try await db.raw("DELETE FROM announced_days WHERE day = \(bind: date.description) RETURNING day").first() != nil else {
                throw StoreError.notFound(kind: "announced day", code: date.description)
            }
            try await Self.record(db, change)
        }
    }

    public func seedAnnouncedDaysIfEmpty(_ days: [AnnouncedDay], actor: String) async throws -> Bool {
        let dialect = backend.dialect
        let now = VietnamTime.format(clock.now())
        return try await backend.transaction { db in
            if dialect == .postgres { try await db.raw("LOCK TABLE announced_days IN EXCLUSIVE MODE").run() }
            guard try await db.raw("SELECT day FROM announced_days LIMIT 1").first() == nil else { return false }
            for day in days {
                try await Self.insertAnnouncedDay(db, day)
                let diff = ChangeSnapshot.diff(old: nil, new: ChangeSnapshot.fields(day))
                try await Self.recordChange(db, at: now, actor: actor, entity: "announcedDay", key: day.date.description, old: nil, new: diff.new)
            }
            return true
        }
    }

    static func insertAnnouncedDay(_ db: any SQLDatabase, _ day: AnnouncedDay) async throws {
        try await db.raw(
            """
            INSERT INTO announced_days (day, kind, name, name_en, reference)
            VALUES (\(bind: day.date.description), \(bind: day.kind.rawValue), \(bind: day.name), \(bind: day.nameEn), \(bind: day.reference))
            """
        ).run()
    }

    static func decodeAnnouncedDay(_ row: any SQLRow) throws -> AnnouncedDay {
        let key = try row.decode(column: "day", as: String.self)
        do {
            return try AnnouncedDay(
                date: LocalDate(iso: key),
                kind: enumValue(row, "kind"),
                name: row.decode(column: "name", as: String.self),
                nameEn: row.decode(column: "name_en", as: String.self),
                reference: row.decode(column: "reference", as: String.self)
            )
        } catch {
            throw CorruptRecord(table: "announced_days", key: key, reason: "\(error)")
        }
    }

    // MARK: Change record

    public func changes(entity: String?, key: String?, page: PageRequest) async throws -> Page<ChangeRecord> {
        var sql: SQLQueryString = "SELECT * FROM change_log WHERE 1 = 1"
        if let entity { sql += " AND entity = \(bind: entity)" }
        if let key { sql += " AND entity_key = \(bind: key)" }
        if case .after(let last) = page.cursor, let lastID = Int(last) { sql += " AND id < \(bind: lastID)" }
        sql += " ORDER BY id DESC LIMIT \(literal: page.limit + 1)"
        let query = sql
        let rows = try await backend.withSession { db in
            try await db.raw(query).all().map { row in (id: try row.decode(column: "id", as: Int.self), record: try Self.decodeChange(row)) }
        }
        let items = Array(rows.prefix(page.limit))
        return Page(items: items.map(\.record), nextCursor: rows.count > page.limit ? items.last.map { .after(String($0.id)) } : nil)
    }

    static func record(_ db: any SQLDatabase, _ change: ChangeRecord) async throws {
        try await recordChange(
            db,
            at: change.at,
            actor: change.actor,
            entity: change.entity,
            key: change.key,
            old: change.oldValue,
            new: change.newValue
        )
    }
}
