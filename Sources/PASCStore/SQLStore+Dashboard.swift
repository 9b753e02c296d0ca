import PASCCore
import PASCDomain
import SQLKit

extension SQLStore: DashboardStore {
    public func tallies(_ scopes: [TallyScope], from: LocalDate, to: LocalDate) async throws -> [TallyScope: DossierTally] {
        guard from < to, !scopes.isEmpty else { return [:] }
        let byKey = Dictionary(scopes.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        let ranges = DashboardQueries.ranges(from: from, to: to, wholeMonths: true)
        return try await backend.withSession { db in
            var sums: [TallyScope: DossierTally] = [:]
            for range in ranges {
                let sql = DashboardQueries.tallies(keys: Array(byKey.keys).sorted(), grain: range.grain, from: range.from, to: range.to, by: .scope)
                for row in try await db.raw(sql).all() {
                    guard let scope = byKey[try row.decode(column: "scope", as: String.self)] else { continue }
                    sums[scope, default: DossierTally()] += try DashboardQueries.tally(row)
                }
            }
            return sums
        }
    }

    public func tallySeries(_ scopes: [TallyScope], grain: SeriesGrain, from: LocalDate, to: LocalDate) async throws -> [String: DossierTally] {
        guard from < to, !scopes.isEmpty else { return [:] }
        let keys = Array(Set(scopes.map(\.key))).sorted()
        let ranges = DashboardQueries.ranges(from: from, to: to, wholeMonths: grain == .month)
        return try await backend.withSession { db in
            var series: [String: DossierTally] = [:]
            for range in ranges {
                let sql = DashboardQueries.tallies(keys: keys, grain: range.grain, from: range.from, to: range.to, by: .period)
                for row in try await db.raw(sql).all() {
                    let period = try row.decode(column: "period", as: String.self)
                    series[grain == .month ? String(period.prefix(7)) : period, default: DossierTally()] += try DashboardQueries.tally(row)
                }
            }
            return series
        }
    }

    public func dueTallies(_ scopes: [TallyScope], before moment: LocalDateTime) async throws -> [TallyScope: DueTally] {
        guard !scopes.isEmpty else { return [:] }
        let byKey = Dictionary(scopes.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        let queries = DashboardQueries.dues(keys: Array(byKey.keys).sorted(), before: moment)
        return try await backend.withSession { db in
            var sums: [TallyScope: DueTally] = [:]
            for query in queries {
                for row in try await db.raw(query).all() {
                    guard let scope = byKey[try row.decode(column: "scope", as: String.self)] else { continue }
                    sums[scope, default: DueTally()] += DueTally(
                        total: try row.decode(column: "total", as: Int?.self) ?? 0,
                        closedInTime: try row.decode(column: "closed_in_time", as: Int?.self) ?? 0
                    )
                }
            }
            return sums
        }
    }

    public func openPastDue(_ scopes: [TallyScope], before moment: LocalDateTime) async throws -> [TallyScope: Int] {
        guard !scopes.isEmpty else { return [:] }
        let byKey = Dictionary(scopes.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        return try await backend.withSession { db in
            var sums: [TallyScope: Int] = [:]
            let rows = try await db.raw(DashboardQueries.openPastDue(keys: Array(byKey.keys).sorted(), before: moment)).all()
            for row in rows {
                guard let scope = byKey[try row.decode(column: "scope", as: String.self)] else { continue }
                sums[scope] = try row.decode(column: "n", as: Int?.self) ?? 0
            }
            return sums
        }
    }

    public func queueTotals(_ offices: [OfficeCode], from: LocalDate, to: LocalDate) async throws -> [OfficeCode: QueueTotals] {
        guard from < to, !offices.isEmpty else { return [:] }
        let codes = offices.map(\.rawValue).sorted()
        return try await backend.withSession { db in
            var totals: [String: QueueTotals] = [:]
            let counts = try await db.raw(DashboardQueries.queueDays(codes: codes, from: from, to: to)).all()
            var waitSeconds: [String: Int] = [:]
            for row in counts {
                let office = try row.decode(column: "office_code", as: String.self)
                var total = QueueTotals()
                total.days = try row.decode(column: "days", as: Int.self)
                total.tickets = try row.decode(column: "tickets", as: Int?.self) ?? 0
                total.called = try row.decode(column: "called", as: Int?.self) ?? 0
                total.waitsOver15 = try row.decode(column: "waits_over_15", as: Int?.self) ?? 0
                total.services = try row.decode(column: "services", as: Int?.self) ?? 0
                total.serviceSeconds = try row.decode(column: "service_seconds", as: Int?.self) ?? 0
                waitSeconds[office] = try row.decode(column: "wait_seconds", as: Int?.self) ?? 0
                totals[office] = total
            }
            var buckets: [String: [Int: Int]] = [:]
            let bucketRows = try await db.raw(DashboardQueries.waitBuckets(codes: codes, from: from, to: to)).all()
            for row in bucketRows {
                let office = try row.decode(column: "office_code", as: String.self)
                buckets[office, default: [:]][try row.decode(column: "minute", as: Int.self)] = try row.decode(column: "n", as: Int.self)
            }
            for (office, counts) in buckets {
                totals[office, default: QueueTotals()].waits = WaitHistogram(counts: counts, totalSeconds: waitSeconds[office] ?? 0)
            }
            let counterRows = try await db.raw(DashboardQueries.counterDays(codes: codes, from: from, to: to)).all()
            for row in counterRows {
                totals[try row.decode(column: "office_code", as: String.self), default: QueueTotals()].counterDays = try row.decode(
                    column: "n",
                    as: Int.self
                )
            }
            var result: [OfficeCode: QueueTotals] = [:]
            for (office, total) in totals { result[try OfficeCode(office)] = total }
            return result
        }
    }

    public func receptionOfficers() async throws -> [OfficeCode: Int] {
        try await backend.withSession { db in
            var result: [OfficeCode: Int] = [:]
            let rows = try await db.raw(DashboardQueries.receptionOfficers()).all()
            for row in rows {
                let roles = try JSONColumn.decode([String].self, from: row.decode(column: "roles", as: String.self))
                guard roles.contains(Role.receptionOfficer.rawValue) else { continue }
                result[try OfficeCode(row.decode(column: "home_office", as: String.self)), default: 0] += 1
            }
            return result
        }
    }

    static func tallyScopes(_ row: any SQLRow) throws -> [TallyScope] {
        TallyScope.of(
            office: try OfficeCode(row.decode(column: "office_code", as: String.self)),
            agency: try row.decode(column: "agency_code", as: String.self),
            procedure: try ProcedureCode(row.decode(column: "procedure_code", as: String.self))
        )
    }

    /// Counts what predates the counts (a database made before migration 18): dossiers replayed
    /// from their events, a batch per transaction, then ratings. Runs after every migration;
    /// finds nothing to do once done.
    func backfillTallies() async throws {
        while true {
            let done = try await backend.transaction { db in
                let rows = try await db.raw(
                    """
                    SELECT code, office_code, agency_code, procedure_code, channel, received_at, appointment_due, timeliness, handling_days
                    FROM dossiers WHERE tallied = 0 ORDER BY code LIMIT 200
                    """
                ).all()
                guard !rows.isEmpty else { return true }
                let codes = try rows.map { try $0.decode(column: "code", as: String.self) }
                var events: [String: [DossierEvent]] = [:]
                for row in try await db.raw("SELECT * FROM dossier_events WHERE dossier_code IN (\(binds: codes)) ORDER BY dossier_code, id").all() {
                    events[try row.decode(column: "dossier_code", as: String.self), default: []].append(try Self.dossierEvent(row))
                }
                var batch = TallyBatch()
                for row in rows {
                    let code = try row.decode(column: "code", as: String.self)
                    guard let due = LocalDateTime(iso: try row.decode(column: "appointment_due", as: String.self)),
                        let received = VietnamTime.parseInstant(try row.decode(column: "received_at", as: String.self))
                    else { throw CorruptRecord(table: "dossiers", key: code, reason: "appointment_due or received_at") }
                    let timeliness: Timeliness? = try row.decode(column: "timeliness", as: String?.self).flatMap(Timeliness.init(rawValue:))
                    let days = try row.decode(column: "handling_days", as: Int?.self) ?? 0
                    let later = (events[code] ?? []).filter { $0.action != .accept }
                    let (state, effects) = TallyStep.history(
                        channel: try enumValue(row, "channel"),
                        due: due,
                        receivedAt: VietnamTime.localDateTime(received),
                        later: later.map { ($0, VietnamTime.localDateTime($0.at)) },
                        finish: timeliness.map { ($0, days) }
                    )
                    let scopes = try Self.tallyScopes(row)
                    for (at, effect) in effects { batch.add(effect, at: at, scopes: scopes) }
                    try await db.raw(
                        """
                        UPDATE dossiers SET tallied = 1, tally_running = \(bind: state.running ? 1 : 0), tally_digitised = \(bind: state.digitised ? 1 : 0)
                        WHERE code = \(bind: code)
                        """
                    ).run()
                }
                try await batch.write(db)
                return false
            }
            if done { break }
        }
        while true {
            let done = try await backend.transaction { db in
                let rows = try await db.raw(
                    "SELECT dossier_code, level, rated_at, office_code, agency_code, procedure_code FROM ratings WHERE tallied = 0 ORDER BY dossier_code LIMIT 500"
                ).all()
                guard !rows.isEmpty else { return true }
                var batch = TallyBatch()
                for row in rows {
                    let at = try row.decode(column: "rated_at", as: String.self)
                    guard let instant = VietnamTime.parseInstant(at) else { throw CorruptRecord(table: "ratings", key: at, reason: "rated_at") }
                    batch.add(.rating(try enumValue(row, "level")), on: VietnamTime.localDateTime(instant).date, scopes: try Self.tallyScopes(row))
                }
                try await db.raw(
                    "UPDATE ratings SET tallied = 1 WHERE dossier_code IN (\(binds: try rows.map { try $0.decode(column: "dossier_code", as: String.self) }))"
                ).run()
                try await batch.write(db)
                return false
            }
            if done { break }
        }
    }
}
