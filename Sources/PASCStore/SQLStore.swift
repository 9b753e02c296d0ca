import Foundation
import Logging
import PASCCore
import PASCDomain
import SQLKit

/// The ``Store`` over SQL, one implementation for SQLite and PostgreSQL.
///
/// Queries are written once with bound parameters (`\(bind:)`); only migrations differ by dialect.
public final class SQLStore: Store {
    let backend: any SQLBackend
    /// Stamps the store's own records (migration and seed times).
    let clock: any Clock
    /// Set once the store is shut down, so a second shutdown (an error path, then a cleanup) is a no-op.
    private let shutDown = LockedFlag()
    public var dialect: SQLDialectKind { backend.dialect }
    private let feedLock = NSLock()
    nonisolated(unsafe) private var feed: (any QueueFeed)?

    /// The live queue feed of this store's database (one per store): in memory on SQLite, through
    /// `LISTEN`/`NOTIFY` on PostgreSQL.
    public func queueFeed(logger: Logger = Logger(label: "pasc.queue-feed")) -> any QueueFeed {
        feedLock.withLock {
            if let feed { return feed }
            let made: any QueueFeed =
                if let postgres = backend as? PostgresBackend { PostgresQueueFeed(backend: postgres, logger: logger) } else { LocalQueueFeed() }
            feed = made
            return made
        }
    }

    nonisolated(unsafe) private var changes: (hub: DossierChangeHub, listener: Task<Void, Never>?)?

    /// Dossier changes after commit, for copies of public views (one hub per store): this
    /// process's own writes, and on PostgreSQL every server's, heard through `LISTEN`.
    public func dossierChanges() -> DossierChangeHub {
        let logger = Logger(label: "pasc.dossier-changes")
        return feedLock.withLock {
            if let changes { return changes.hub }
            guard let postgres = backend as? PostgresBackend else {
                let hub = DossierChangeHub(hearsEverything: true)
                changes = (hub, nil)
                return hub
            }
            let hub = DossierChangeHub(hearsEverything: false)
            let listener = Task {
                await PostgresListener(configuration: postgres.configuration, logger: logger, label: "dossier changes").run(
                    channel: {
                        try await postgres.withSession { db in
                            try await db.raw("SELECT \(unsafeRaw: Self.dossierChannel) AS channel").first()!.decode(
                                column: "channel",
                                as: String.self
                            )
                        }
                    },
                    connected: { hub.setHearing($0) },
                    deliver: { payload in
                        for code in payload.split(separator: ",") { hub.changed(String(code)) }
                    }
                )
            }
            changes = (hub, listener)
            return hub
        }
    }

    /// The `NOTIFY` channel of dossier changes, as PostgreSQL computes it on a pooled connection
    /// (the schema in it keeps deployments and test schemas on one database apart).
    static let dossierChannel = "left('pasc_dossiers_' || current_schema(), 63)"

    nonisolated(unsafe) private var announcer: PostgresChangeAnnouncer?

    /// Tells this process's copies of the dossier's public view, and on PostgreSQL the other
    /// servers' (`NOTIFY`, see ``PostgresChangeAnnouncer``). Call after the commit.
    func dossierChanged(_ code: DossierCode) {
        let (hub, others) = feedLock.withLock { () -> (DossierChangeHub?, PostgresChangeAnnouncer?) in
            if self.announcer == nil, shutDown.isClear, let postgres = backend as? PostgresBackend {
                self.announcer = PostgresChangeAnnouncer(backend: postgres, logger: Logger(label: "pasc.dossier-changes"))
            }
            return (changes?.hub, self.announcer)
        }
        hub?.changed(code.description)
        others?.announce(code.description)
    }

    init(backend: any SQLBackend, clock: any Clock) {
        self.backend = backend
        self.clock = clock
    }

    /// The migration versions this build knows, oldest first.
    public static var knownMigrationVersions: [Int] { SchemaMigrations.shared.map(\.version) }

    @discardableResult
    public func migrate() async throws -> [String] {
        let applied = try await Migrator(backend: backend, clock: clock).migrate()
        if !applied.isEmpty { backend.schemaChanged() }
        try await backfillLog()
        try await backfillTallies()
        return applied
    }

    /// Applies the migrations up to `version` only, to build a database as an older PASC left it (upgrade tests).
    package func migrate(upTo version: Int) async throws {
        _ = try await Migrator(backend: backend, clock: clock).migrate(upTo: version)
        backend.schemaChanged()
    }

    public func appliedMigrations() async throws -> [Int] {
        try await Migrator(backend: backend, clock: clock).appliedVersions()
    }

    /// Throws unless every migration this build knows is applied and none it does not know is.
    public func checkSchema() async throws {
        let migrator = Migrator(backend: backend, clock: clock)
        let applied = try await migrator.appliedVersions()
        try migrator.checkKnown(applied)
    }

    public func ping() async throws {
        _ = try await backend.withSession { db in try await db.raw("SELECT 1 AS one").first() != nil }
    }

    /// Runs one statement as written; for tests and administration inside this package only.
    package func execute(unsafeSQL sql: String) async throws {
        try await backend.withSession { db in try await db.raw("\(unsafeRaw: sql)").run() }
    }

    /// The PostgreSQL schema this store works in (its search path), for a second store on the same data.
    package func currentSchema() async throws -> String {
        try await backend.withSession { db in
            try await db.raw("SELECT current_schema() AS s").first()?.decode(column: "s", as: String.self) ?? "public"
        }
    }

    /// Every row of a query as text, for tests that inspect what is really stored.
    package func textRows(unsafeSQL sql: String) async throws -> [[String: String]] {
        try await backend.withSession { db in
            try await db.raw("\(unsafeRaw: sql)").all().map { row in
                var values: [String: String] = [:]
                for column in row.allColumns {
                    values[column] =
                        (try? row.decode(column: column, as: String.self)) ?? (try? row.decode(column: column, as: Int.self)).map(String.init) ?? ""
                }
                return values
            }
        }
    }

    public func shutdown() async throws {
        guard shutDown.setIfClear() else { return }
        (feedLock.withLock { feed } as? PostgresQueueFeed)?.stop()
        let listener = feedLock.withLock { changes?.listener }
        listener?.cancel()
        await listener?.value
        await feedLock.withLock { announcer }?.stop()
        try await backend.shutdown()
    }

    // MARK: Seed

    static let seededKey = "seeded_at"

    public func seededAt() async throws -> String? {
        try await backend.withSession { db in
            try await db.raw("SELECT value FROM pasc_metadata WHERE key = \(bind: SQLStore.seededKey)").first()?
                .decode(column: "value", as: String.self)
        }
    }

    public func seedIfEmpty(_ dataset: NetworkDataset) async throws -> Bool {
        let dialect = backend.dialect
        let clock = clock
        return try await backend.transaction { db in
            if dialect == .postgres {
                // Two servers starting together on an empty database: the second waits, then sees the marker.
                try await db.raw("LOCK TABLE pasc_metadata IN EXCLUSIVE MODE").run()
            }
            if try await db.raw("SELECT value FROM pasc_metadata WHERE key = \(bind: SQLStore.seededKey)").first() != nil {
                return false
            }
            // Parents before children so the foreign keys hold row by row.
            let order: [OfficeLevel: Int] = [.center: 0, .branch: 1, .communePoint: 2, .interWardPoint: 2]
            for office in dataset.offices.sorted(by: { order[$0.level]! < order[$1.level]! }) {
                try await db.raw(try OfficeRecord.insert(office)).run()
            }
            for unit in dataset.units { try await db.raw(UnitRecord.insert(unit)).run() }
            for agency in dataset.agencies { try await db.raw(AgencyRecord.insert(agency)).run() }
            for procedure in dataset.procedures { try await db.raw(ProcedureRecord.insert(procedure)).run() }
            // A database held at an older migration (a test of upgrades) has no queue tables yet;
            // `ensureDefaultQueueSetup` fills them once it is migrated.
            if try await db.raw("SELECT version FROM pasc_migrations WHERE version = 12").first() != nil {
                try await Self.insertDefaultQueueSetup(db, offices: dataset.offices, procedures: dataset.procedures)
            }
            let now = VietnamTime.format(clock.now())
            for decision in dataset.boundaryFreeDecisions {
                _ = try await Self.insertDecisionRows(db, decision, actor: "seed", at: now)
            }
            try await db.raw("INSERT INTO pasc_metadata (key, value) VALUES (\(bind: SQLStore.seededKey), \(bind: now))").run()
            return true
        }
    }

    // MARK: Offices

    public func offices(_ filter: OfficeFilter, page: PageRequest) async throws -> Page<Office> {
        var query: SQLQueryString = "SELECT \(OfficeRecord.columns) FROM offices WHERE 1 = 1"
        query += Self.officeConditions(filter)
        return try await keysetPage(query, keyColumn: "code", page: page, decode: OfficeRecord.decode) { $0.code.rawValue }
    }

    public func allOffices(_ filter: OfficeFilter) async throws -> [Office] {
        var query: SQLQueryString = "SELECT \(OfficeRecord.columns) FROM offices WHERE 1 = 1"
        query += Self.officeConditions(filter)
        query += " ORDER BY code"
        let sql = query
        return try await backend.withSession { db in try await db.raw(sql).all().map(OfficeRecord.decode) }
    }

    static func officeConditions(_ filter: OfficeFilter) -> SQLQueryString {
        var query: SQLQueryString = ""
        if let level = filter.level { query += " AND level = \(bind: level.rawValue)" }
        if let parent = filter.parentCode { query += " AND parent_code = \(bind: parent.rawValue)" }
        if let area = filter.areaType { query += " AND area_type = \(bind: area.rawValue)" }
        return query
    }

    public func office(_ code: OfficeCode) async throws -> Office? {
        try await backend.withSession { db in
            try await db.raw("SELECT \(OfficeRecord.columns) FROM offices WHERE code = \(bind: code.rawValue)").first().map(OfficeRecord.decode)
        }
    }

    public func updateOfficeLocations(_ locations: [OfficeCode: OfficeLocation]) async throws -> Int {
        try await backend.transaction { db in
            var offices: [Office] = []
            for code in locations.keys.sorted() {
                guard let row = try await db.raw("SELECT \(OfficeRecord.columns) FROM offices WHERE code = \(bind: code.rawValue)").first() else {
                    throw StoreError.notFound(kind: "office", code: code.rawValue)
                }
                offices.append(try OfficeRecord.decode(row))
            }
            for var office in offices {
                let location = locations[office.code]!
                office.location = location
                if location.approximate { office.derivedFields.insert("location") } else { office.derivedFields.remove("location") }
                try await db.raw(
                    """
                    UPDATE offices SET latitude = \(bind: location.coordinate.latitude), longitude = \(bind: location.coordinate.longitude),
                        location_approximate = \(bind: location.approximate ? 1 : 0), location_source = \(bind: location.source),
                        derived_fields = \(bind: try JSONColumn.encode(office.derivedFields.sorted()))
                    WHERE code = \(bind: office.code.rawValue)
                    """
                ).run()
            }
            return locations.count
        }
    }

    // MARK: Units and agencies

    public func units(_ filter: UnitFilter, page: PageRequest) async throws -> Page<AdministrativeUnit> {
        var query: SQLQueryString = "SELECT * FROM administrative_units WHERE 1 = 1"
        if let level = filter.level { query += " AND level = \(bind: level.rawValue)" }
        if let parent = filter.parentCode { query += " AND parent_code = \(bind: parent)" }
        return try await keysetPage(query, keyColumn: "code", page: page, decode: UnitRecord.decode) { $0.code }
    }

    public func unit(_ code: String) async throws -> AdministrativeUnit? {
        try await backend.withSession { db in
            try await db.raw("SELECT * FROM administrative_units WHERE code = \(bind: code)").first().map(UnitRecord.decode)
        }
    }

    public func agencies(page: PageRequest) async throws -> Page<Agency> {
        try await keysetPage("SELECT * FROM agencies WHERE 1 = 1", keyColumn: "code", page: page, decode: AgencyRecord.decode) { $0.code }
    }

    public func agency(_ code: String) async throws -> Agency? {
        try await backend.withSession { db in
            try await db.raw("SELECT * FROM agencies WHERE code = \(bind: code)").first().map(AgencyRecord.decode)
        }
    }

    // MARK: Procedures

    /// Today in Viet Nam, for the boundary-free status "as of now".
    var today: LocalDate { VietnamTime.localDate(clock.now()) }

    public func procedures(_ filter: ProcedureFilter, page: PageRequest) async throws -> Page<Procedure> {
        var query = ProcedureRecord.select(on: today)
        for (index, term) in filter.terms.enumerated() {
            // Whole words, except the last term which may be the start of a word (search as you type).
            let pattern = index == filter.terms.count - 1 ? "% \(Self.escapeLike(term))%" : "% \(Self.escapeLike(term)) %"
            query += " AND search_text LIKE \(bind: pattern) ESCAPE '\\'"
        }
        if let field = filter.field { query += " AND field_folded = \(bind: field)" }
        if let level = filter.level { query += " AND level = \(bind: level.rawValue)" }
        if let boundaryFree = filter.boundaryFree {
            query += boundaryFree ? " AND boundary_free_phase IS NOT NULL" : " AND boundary_free_phase IS NULL"
        }
        return try await keysetPage(query, keyColumn: "code", page: page, decode: ProcedureRecord.decode) { $0.code.rawValue }
    }

    public func procedure(_ code: ProcedureCode) async throws -> Procedure? {
        let today = today
        return try await backend.withSession { db in
            try await db.raw(ProcedureRecord.select(on: today) + " AND code = \(bind: code.rawValue)").first().map(ProcedureRecord.decode)
        }
    }

    /// Escapes `%`, `_` and the escape character itself so user text matches literally.
    static func escapeLike(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_")
    }

    // MARK: Paging

    /// Runs `query` (ending in a WHERE clause) ordered by `keyColumn`, after the cursor's key, one row
    /// past the limit to know whether another page follows.
    func keysetPage<T: Sendable>(
        _ query: SQLQueryString,
        keyColumn: String,
        page: PageRequest,
        decode: @escaping @Sendable (any SQLRow) throws -> T,
        key: @escaping @Sendable (T) -> String
    ) async throws -> Page<T> {
        var sql = query
        if case .after(let last) = page.cursor { sql += " AND \(ident: keyColumn) > \(bind: last)" }
        sql += " ORDER BY \(ident: keyColumn) LIMIT \(literal: page.limit + 1)"
        let finalSQL = sql
        let rows = try await backend.withSession { db in try await db.raw(finalSQL).all().map(decode) }
        let items = Array(rows.prefix(page.limit))
        return Page(items: items, nextCursor: rows.count > page.limit ? items.last.map { .after(key($0)) } : nil)
    }
}

/// A flag set once, safely from any thread.
private final class LockedFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var isSet = false

    var isClear: Bool { lock.withLock { !isSet } }

    /// Sets the flag; true when this call set it, false when it was already set.
    func setIfClear() -> Bool {
        lock.withLock {
            defer { isSet = true }
            return !isSet
        }
    }
}
