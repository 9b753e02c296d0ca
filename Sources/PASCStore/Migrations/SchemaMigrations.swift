import Foundation

/// Schema changes written once with the column types that differ between dialects left as
/// `{integer}`, `{double}` and `{serial}` (an auto-numbered key). Append only: never edit or reorder a released migration.
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
        ),
        (
            version: 2,
            name: "staff accounts, sessions, tokens, rate limits, change record",
            statements: [
                // Passwords, session ids and tokens are kept only as hashes (bcrypt; SHA-256).
                """
                CREATE TABLE staff_accounts (
                    username TEXT PRIMARY KEY,
                    full_name TEXT NOT NULL,
                    password_hash TEXT NOT NULL,
                    roles TEXT NOT NULL,
                    scope_offices TEXT NOT NULL,
                    scope_agencies TEXT NOT NULL,
                    home_office TEXT REFERENCES offices(code),
                    disabled {integer} NOT NULL,
                    created_at TEXT NOT NULL,
                    updated_at TEXT NOT NULL
                )
                """,
                """
                CREATE TABLE staff_sessions (
                    id_hash TEXT PRIMARY KEY,
                    username TEXT NOT NULL REFERENCES staff_accounts(username),
                    csrf_hash TEXT NOT NULL,
                    created_epoch {integer} NOT NULL,
                    last_seen_epoch {integer} NOT NULL
                )
                """,
                "CREATE INDEX staff_sessions_user ON staff_sessions (username)",
                """
                CREATE TABLE api_tokens (
                    id TEXT PRIMARY KEY,
                    token_hash TEXT NOT NULL UNIQUE,
                    username TEXT NOT NULL REFERENCES staff_accounts(username),
                    label TEXT NOT NULL,
                    created_at TEXT NOT NULL,
                    revoked_at TEXT
                )
                """,
                // Fixed-window counters shared by every server (failed logins, secret guesses).
                """
                CREATE TABLE rate_limits (
                    bucket TEXT PRIMARY KEY,
                    window_start_epoch {integer} NOT NULL,
                    hits {integer} NOT NULL
                )
                """,
                """
                CREATE TABLE change_log (
                    id {serial},
                    at TEXT NOT NULL,
                    actor TEXT NOT NULL,
                    entity TEXT NOT NULL,
                    entity_key TEXT NOT NULL,
                    old_value TEXT,
                    new_value TEXT
                )
                """,
                "CREATE INDEX change_log_entity ON change_log (entity, entity_key)",
            ]
        ),
        (
            version: 3,
            name: "boundary-free decisions, announced days, personal-data access log",
            statements: [
                """
                CREATE TABLE boundary_free_decisions (
                    id {serial},
                    number TEXT NOT NULL,
                    signed_on TEXT NOT NULL,
                    effective_on TEXT NOT NULL,
                    phase {integer},
                    demo_reference {integer} NOT NULL,
                    note TEXT NOT NULL,
                    recorded_at TEXT NOT NULL,
                    actor TEXT NOT NULL
                )
                """,
                // One row per procedure a decision adds (phase set) or removes (phase null); a
                // procedure's status on a day is its latest entry effective by then.
                """
                CREATE TABLE boundary_free_entries (
                    decision_id {integer} NOT NULL REFERENCES boundary_free_decisions(id),
                    procedure_code TEXT NOT NULL REFERENCES procedures(code),
                    phase {integer},
                    effective_on TEXT NOT NULL,
                    PRIMARY KEY (decision_id, procedure_code)
                )
                """,
                "CREATE INDEX boundary_free_entries_procedure ON boundary_free_entries (procedure_code, effective_on)",
                // A database seeded before this migration kept the phase on the procedure: carry it over
                // as one placeholder decision per phase, marked demo, then drop the column.
                """
                INSERT INTO boundary_free_decisions (number, signed_on, effective_on, phase, demo_reference, note, recorded_at, actor)
                SELECT DISTINCT 'DEMO-PĐG-' || CAST(boundary_free_phase AS TEXT), '2024-01-01', '2024-01-01', boundary_free_phase, 1,
                    'Demo placeholder: the data names no decision', 'migration 3', 'pasc'
                FROM procedures WHERE boundary_free_phase IS NOT NULL
                """,
                """
                INSERT INTO boundary_free_entries (decision_id, procedure_code, phase, effective_on)
                SELECT d.id, p.code, p.boundary_free_phase, d.effective_on
                FROM procedures p JOIN boundary_free_decisions d ON d.phase = p.boundary_free_phase AND d.actor = 'pasc'
                """,
                "ALTER TABLE procedures DROP COLUMN boundary_free_phase",
                """
                CREATE TABLE announced_days (
                    day TEXT PRIMARY KEY,
                    kind TEXT NOT NULL,
                    name TEXT NOT NULL,
                    name_en TEXT NOT NULL,
                    reference TEXT NOT NULL
                )
                """,
                "CREATE INDEX change_log_at ON change_log (at)",
                // Who read which dossier's personal data, when, through which route. Append only.
                """
                CREATE TABLE personal_data_reads (
                    id {serial},
                    at TEXT NOT NULL,
                    actor TEXT NOT NULL,
                    roles TEXT NOT NULL,
                    dossier TEXT NOT NULL,
                    route TEXT NOT NULL,
                    kinds TEXT NOT NULL
                )
                """,
                "CREATE INDEX personal_data_reads_dossier ON personal_data_reads (dossier, id)",
            ]
        ),
        (
            version: 4,
            name: "submissions, dossiers, daily code sequences, dossier events",
            statements: [
                // Personal data is stored as entered, inside the trust boundary; it leaves only masked
                // or through the access-logged gate.
                """
                CREATE TABLE submissions (
                    id TEXT PRIMARY KEY,
                    procedure_code TEXT NOT NULL REFERENCES procedures(code),
                    office_code TEXT NOT NULL REFERENCES offices(code),
                    channel TEXT NOT NULL,
                    applicant TEXT NOT NULL,
                    status TEXT NOT NULL,
                    submitted_at TEXT NOT NULL,
                    dossier_code TEXT
                )
                """,
                """
                CREATE TABLE dossier_sequences (
                    office_code TEXT NOT NULL,
                    day TEXT NOT NULL,
                    last {integer} NOT NULL,
                    PRIMARY KEY (office_code, day)
                )
                """,
                """
                CREATE TABLE dossiers (
                    code TEXT PRIMARY KEY,
                    submission_id TEXT NOT NULL REFERENCES submissions(id),
                    procedure_code TEXT NOT NULL REFERENCES procedures(code),
                    office_code TEXT NOT NULL REFERENCES offices(code),
                    day TEXT NOT NULL,
                    sequence {integer} NOT NULL,
                    agency_code TEXT NOT NULL REFERENCES agencies(code),
                    status TEXT NOT NULL,
                    channel TEXT NOT NULL,
                    applicant TEXT NOT NULL,
                    received_at TEXT NOT NULL,
                    appointment_due TEXT NOT NULL,
                    appointment_rule TEXT NOT NULL,
                    delivery TEXT NOT NULL,
                    secret_digest TEXT NOT NULL,
                    UNIQUE (office_code, day, sequence)
                )
                """,
                "CREATE INDEX dossiers_agency_due ON dossiers (agency_code, appointment_due)",
                """
                CREATE TABLE dossier_events (
                    id {serial},
                    dossier_code TEXT NOT NULL REFERENCES dossiers(code),
                    action TEXT NOT NULL,
                    from_status TEXT NOT NULL,
                    to_status TEXT NOT NULL,
                    actor TEXT NOT NULL,
                    role TEXT NOT NULL,
                    office_code TEXT,
                    agency_code TEXT,
                    at TEXT NOT NULL,
                    reason TEXT,
                    attachments TEXT NOT NULL
                )
                """,
                "CREATE INDEX dossier_events_dossier ON dossier_events (dossier_code, id)",
            ]
        ),
        (
            version: 5,
            name: "idempotency keys",
            statements: [
                // One row per (route + caller, key): the request's hash and, once answered, the answer.
                """
                CREATE TABLE idempotency_keys (
                    scope TEXT NOT NULL,
                    idempotency_key TEXT NOT NULL,
                    request_hash TEXT NOT NULL,
                    status {integer},
                    body TEXT,
                    created_epoch {integer} NOT NULL,
                    PRIMARY KEY (scope, idempotency_key)
                )
                """,
                "CREATE INDEX idempotency_keys_created ON idempotency_keys (created_epoch)",
            ]
        ),
        (
            version: 6,
            name: "event details, apology letters and lateness alerts",
            statements: [
                // Public details of record-only steps (transfer receiver, apology dates, tracking numbers).
                "ALTER TABLE dossier_events ADD COLUMN details TEXT NOT NULL DEFAULT '{}'",
                // Set once, in the same transaction as the event: the "at most once" rules hold under concurrency.
                "ALTER TABLE dossiers ADD COLUMN apology_at TEXT",
                "ALTER TABLE dossiers ADD COLUMN alerted_at TEXT",
                "CREATE INDEX dossiers_status_due ON dossiers (status, appointment_due)",
            ]
        ),
        (
            version: 7,
            name: "scanned documents by content hash",
            statements: [
                // One row per content: the same scan attached twice is stored once.
                """
                CREATE TABLE documents (
                    sha256 TEXT PRIMARY KEY,
                    media_type TEXT NOT NULL,
                    size {integer} NOT NULL,
                    content {blob} NOT NULL
                )
                """,
                """
                CREATE TABLE dossier_documents (
                    dossier_code TEXT NOT NULL REFERENCES dossiers(code),
                    sha256 TEXT NOT NULL REFERENCES documents(sha256),
                    role TEXT NOT NULL,
                    title TEXT NOT NULL,
                    attached_at TEXT NOT NULL,
                    attached_by TEXT NOT NULL,
                    PRIMARY KEY (dossier_code, sha256, role)
                )
                """,
            ]
        ),
        (
            version: 8,
            name: "submission outcomes: guidance, requests to complete, refusals",
            statements: [
                "ALTER TABLE submissions ADD COLUMN papers TEXT NOT NULL DEFAULT '[]'",
                "ALTER TABLE submissions ADD COLUMN completion_requests {integer} NOT NULL DEFAULT 0",
                """
                CREATE TABLE submission_events (
                    id {serial},
                    submission_id TEXT NOT NULL REFERENCES submissions(id),
                    outcome TEXT NOT NULL,
                    office_code TEXT NOT NULL,
                    at TEXT NOT NULL,
                    actor TEXT NOT NULL,
                    role TEXT NOT NULL,
                    details TEXT NOT NULL
                )
                """,
                "CREATE INDEX submission_events_submission ON submission_events (submission_id, id)",
                "CREATE INDEX submission_events_office ON submission_events (office_code, outcome)",
                // Acceptances made before this migration are counted too.
                """
                INSERT INTO submission_events (submission_id, outcome, office_code, at, actor, role, details)
                SELECT id, 'accepted', office_code, submitted_at, '', 'receptionOfficer', '{}' FROM submissions WHERE dossier_code IS NOT NULL
                """,
            ]
        ),
        (
            version: 9,
            name: "outbox: national portal progress records and applicant notifications",
            statements: [
                // Written in the transaction of the step that caused it; delivered in id order.
                """
                CREATE TABLE outbox (
                    id {serial},
                    channel TEXT NOT NULL,
                    dossier_code TEXT NOT NULL,
                    payload TEXT NOT NULL,
                    created_at TEXT NOT NULL,
                    delivered_at TEXT
                )
                """,
                "CREATE INDEX outbox_waiting ON outbox (channel, delivered_at, id)",
            ]
        ),
        (
            version: 10,
            name: "dossiers found by the applicant's ID number",
            statements: [
                // For the counter's "lost receipt" lookup; the value is already in `applicant`, inside the trust boundary.
                "ALTER TABLE dossiers ADD COLUMN applicant_id TEXT",
                "UPDATE dossiers SET applicant_id = {applicantIdOf(applicant)}",
                "CREATE INDEX dossiers_applicant_id ON dossiers (applicant_id)",
            ]
        ),
        (
            version: 11,
            name: "the agency holding a dossier and its step deadline",
            statements: [
                // An inter-agency dossier moves from agency to agency; each one's inbox lists what it
                // holds, soonest step deadline first. Until then the competent agency holds it to the end.
                "ALTER TABLE dossiers ADD COLUMN holder_code TEXT",
                "ALTER TABLE dossiers ADD COLUMN holder_due TEXT",
                "UPDATE dossiers SET holder_code = agency_code, holder_due = appointment_due",
                "CREATE INDEX dossiers_holder_due ON dossiers (holder_code, holder_due, code)",
            ]
        ),
        (
            version: 12,
            name: "queue: service groups, counters, tickets, their events and the day's counts",
            statements: [
                """
                CREATE TABLE service_groups (
                    office_code TEXT NOT NULL REFERENCES offices(code),
                    code TEXT NOT NULL,
                    name TEXT NOT NULL,
                    name_en TEXT NOT NULL,
                    procedures TEXT NOT NULL,
                    PRIMARY KEY (office_code, code)
                )
                """,
                """
                CREATE TABLE counters (
                    office_code TEXT NOT NULL REFERENCES offices(code),
                    number {integer} NOT NULL,
                    groups TEXT NOT NULL,
                    officer TEXT,
                    opened_at TEXT,
                    PRIMARY KEY (office_code, number)
                )
                """,
                """
                CREATE TABLE ticket_sequences (
                    office_code TEXT NOT NULL,
                    day TEXT NOT NULL,
                    group_code TEXT NOT NULL,
                    last {integer} NOT NULL,
                    PRIMARY KEY (office_code, day, group_code)
                )
                """,
                // queued_since: seconds since 1970, for the ordering arithmetic in SQL. contact_hash: a
                // digest of the ID number or phone of an online ticket, for its limit; never the value.
                """
                CREATE TABLE tickets (
                    id {serial},
                    office_code TEXT NOT NULL REFERENCES offices(code),
                    day TEXT NOT NULL,
                    group_code TEXT NOT NULL,
                    number {integer} NOT NULL,
                    priority TEXT,
                    channel TEXT NOT NULL,
                    status TEXT NOT NULL,
                    issued_at TEXT NOT NULL,
                    queued_since {integer} NOT NULL,
                    counter_number {integer},
                    first_called_epoch {integer},
                    last_called_epoch {integer},
                    started_epoch {integer},
                    ended_epoch {integer},
                    recalls {integer} NOT NULL DEFAULT 0,
                    contact_hash TEXT,
                    dossiers TEXT NOT NULL DEFAULT '[]',
                    UNIQUE (office_code, day, group_code, number)
                )
                """,
                // Call-next reads the oldest waiting ticket of a group (normal and priority): one index step each.
                "CREATE INDEX tickets_waiting ON tickets (office_code, day, status, group_code, queued_since, id)",
                "CREATE INDEX tickets_contact ON tickets (contact_hash, day)",
                """
                CREATE TABLE ticket_events (
                    id {serial},
                    ticket_id {integer} NOT NULL REFERENCES tickets(id),
                    action TEXT NOT NULL,
                    at TEXT NOT NULL,
                    counter_number {integer},
                    actor TEXT NOT NULL,
                    details TEXT NOT NULL
                )
                """,
                "CREATE INDEX ticket_events_ticket ON ticket_events (ticket_id, id)",
                // Kept in the transactions that change tickets: the dashboard reads these, never the tickets.
                """
                CREATE TABLE queue_day_counts (
                    office_code TEXT NOT NULL,
                    group_code TEXT NOT NULL,
                    day TEXT NOT NULL,
                    tickets {integer} NOT NULL DEFAULT 0,
                    called {integer} NOT NULL DEFAULT 0,
                    wait_seconds {integer} NOT NULL DEFAULT 0,
                    waits_over_15 {integer} NOT NULL DEFAULT 0,
                    services {integer} NOT NULL DEFAULT 0,
                    service_seconds {integer} NOT NULL DEFAULT 0,
                    services_over_30 {integer} NOT NULL DEFAULT 0,
                    no_shows {integer} NOT NULL DEFAULT 0,
                    not_served {integer} NOT NULL DEFAULT 0,
                    PRIMARY KEY (office_code, group_code, day)
                )
                """,
                """
                CREATE TABLE queue_wait_buckets (
                    office_code TEXT NOT NULL,
                    group_code TEXT NOT NULL,
                    day TEXT NOT NULL,
                    minute {integer} NOT NULL,
                    count {integer} NOT NULL,
                    PRIMARY KEY (office_code, group_code, day, minute)
                )
                """,
            ]
        ),
        (
            version: 13,
            name: "queue: bookings for a later day, walk times, counters' idle time",
            statements: [
                // slot_epoch: the booked slot's start (seconds since 1970); NULL for tickets taken on the day.
                "ALTER TABLE tickets ADD COLUMN slot_epoch {integer}",
                "CREATE INDEX tickets_booked ON tickets (status, slot_epoch)",
                // queue_group: the group a ticket waits in now. A transfer changes it; group_code and
                // number stay the ticket's printed label (unique per office, day and letter).
                "ALTER TABLE tickets ADD COLUMN queue_group TEXT",
                "UPDATE tickets SET queue_group = group_code",
                "DROP INDEX tickets_waiting",
                "CREATE INDEX tickets_waiting ON tickets (office_code, day, status, queue_group, queued_since, id)",
                // for_counter: a ticket transferred to one counter waits for that counter only.
                "ALTER TABLE tickets ADD COLUMN for_counter {integer}",
                "CREATE INDEX tickets_for_counter ON tickets (office_code, day, for_counter, status, queued_since, id) WHERE for_counter IS NOT NULL",
                // One row per booked slot and group: the capacity check is one conditional upsert.
                """
                CREATE TABLE ticket_slots (
                    office_code TEXT NOT NULL,
                    group_code TEXT NOT NULL,
                    slot_epoch {integer} NOT NULL,
                    booked {integer} NOT NULL,
                    PRIMARY KEY (office_code, group_code, slot_epoch)
                )
                """,
                // Online tickets and bookings per person (a contact digest), office and day: the limit is
                // one conditional upsert, so concurrent requests (several servers) cannot pass it together.
                """
                CREATE TABLE online_ticket_counts (
                    contact_hash TEXT NOT NULL,
                    day TEXT NOT NULL,
                    taken {integer} NOT NULL,
                    PRIMARY KEY (contact_hash, day)
                )
                """,
                """
                INSERT INTO online_ticket_counts (contact_hash, day, taken)
                SELECT contact_hash, day, COUNT(*) FROM tickets WHERE contact_hash IS NOT NULL AND status <> 'cancelled'
                GROUP BY contact_hash, day
                """,
                "ALTER TABLE queue_day_counts ADD COLUMN walks {integer} NOT NULL DEFAULT 0",
                "ALTER TABLE queue_day_counts ADD COLUMN walk_seconds {integer} NOT NULL DEFAULT 0",
                "ALTER TABLE queue_day_counts ADD COLUMN bookings {integer} NOT NULL DEFAULT 0",
                "ALTER TABLE queue_day_counts ADD COLUMN lapsed {integer} NOT NULL DEFAULT 0",
                // Since when the open counter has had nobody at it; NULL while a ticket is at it or it is closed.
                "ALTER TABLE counters ADD COLUMN free_since_epoch {integer}",
                """
                CREATE TABLE counter_day_counts (
                    office_code TEXT NOT NULL,
                    counter_number {integer} NOT NULL,
                    day TEXT NOT NULL,
                    calls {integer} NOT NULL DEFAULT 0,
                    idle_seconds {integer} NOT NULL DEFAULT 0,
                    PRIMARY KEY (office_code, counter_number, day)
                )
                """,
            ]
        ),
        (
            version: 14,
            name: "public transparency log",
            statements: [
                // One row per leaf: its canonical text (public fields only) and RFC 6962 hash.
                """
                CREATE TABLE log_leaves (
                    idx {integer} PRIMARY KEY,
                    kind TEXT NOT NULL,
                    reference TEXT NOT NULL,
                    ordinal {integer} NOT NULL,
                    data TEXT NOT NULL,
                    leaf_hash TEXT NOT NULL,
                    appended_at TEXT NOT NULL
                )
                """,
                "CREATE INDEX log_leaves_reference ON log_leaves (kind, reference, ordinal)",
                // The hash of every complete perfect subtree above the leaves (level ≥ 1).
                """
                CREATE TABLE log_nodes (
                    level {integer} NOT NULL,
                    idx {integer} NOT NULL,
                    hash TEXT NOT NULL,
                    PRIMARY KEY (level, idx)
                )
                """,
                // The size and the right edge; its row is the lock every append takes.
                "CREATE TABLE log_state (id {integer} PRIMARY KEY, size {integer} NOT NULL, frontier TEXT NOT NULL)",
                "INSERT INTO log_state (id, size, frontier) VALUES (1, 0, '')",
                """
                CREATE TABLE log_checkpoints (
                    size {integer} PRIMARY KEY,
                    root TEXT NOT NULL,
                    note TEXT NOT NULL,
                    signed_at TEXT NOT NULL
                )
                """,
                // The dossier's secret salt for the private commitments; NULL until its events are logged.
                "ALTER TABLE dossiers ADD COLUMN log_salt TEXT",
                // The leaf of a public change; NULL for changes that are not public or not yet logged.
                "ALTER TABLE change_log ADD COLUMN log_index {integer}",
            ]
        ),
        (
            version: 15,
            name: "ratings",
            statements: [
                // One rating per dossier, never updated; the comment is the applicant's and not public.
                """
                CREATE TABLE ratings (
                    dossier_code TEXT PRIMARY KEY REFERENCES dossiers(code),
                    level TEXT NOT NULL,
                    points TEXT NOT NULL,
                    comment TEXT,
                    rated_at TEXT NOT NULL,
                    month TEXT NOT NULL,
                    office_code TEXT NOT NULL,
                    agency_code TEXT NOT NULL,
                    procedure_code TEXT NOT NULL
                )
                """,
                "CREATE INDEX ratings_office ON ratings (office_code, month)",
                "CREATE INDEX ratings_agency ON ratings (agency_code, month)",
                "CREATE INDEX ratings_procedure ON ratings (procedure_code, month)",
            ]
        ),
        (
            version: 16,
            name: "public record: dossiers by reception time",
            statements: [
                // Open311 and the public listings go newest first and filter by reception time.
                "CREATE INDEX dossiers_received ON dossiers (received_at, code)"
            ]
        ),
        (
            version: 17,
            name: "dossier results for public statistics",
            statements: [
                // Set with the result-ready step; NULL until then (and for older rows until backfilled).
                "ALTER TABLE dossiers ADD COLUMN finished_at TEXT",
                "ALTER TABLE dossiers ADD COLUMN timeliness TEXT",
                "ALTER TABLE dossiers ADD COLUMN handling_days {integer}",
            ]
        ),
        (
            version: 18,
            name: "dashboard counts kept with every step",
            statements: [
                // grain 'd' (period = day) and 'm' (period = month); scope '*' (the province), 'o:office',
                // 'a:agency', 'r:procedure'. Upserted in the transaction of each step (TallyStep).
                """
                CREATE TABLE dossier_tallies (
                    grain TEXT NOT NULL,
                    scope TEXT NOT NULL,
                    period TEXT NOT NULL,
                    received {integer} NOT NULL DEFAULT 0,
                    via_counter {integer} NOT NULL DEFAULT 0,
                    via_post {integer} NOT NULL DEFAULT 0,
                    via_online {integer} NOT NULL DEFAULT 0,
                    early {integer} NOT NULL DEFAULT 0,
                    on_time {integer} NOT NULL DEFAULT 0,
                    late {integer} NOT NULL DEFAULT 0,
                    handling_days {integer} NOT NULL DEFAULT 0,
                    closed {integer} NOT NULL DEFAULT 0,
                    closed_late {integer} NOT NULL DEFAULT 0,
                    stopped {integer} NOT NULL DEFAULT 0,
                    withdrawn {integer} NOT NULL DEFAULT 0,
                    returned {integer} NOT NULL DEFAULT 0,
                    apologies {integer} NOT NULL DEFAULT 0,
                    digitised {integer} NOT NULL DEFAULT 0,
                    electronic_results {integer} NOT NULL DEFAULT 0,
                    payments {integer} NOT NULL DEFAULT 0,
                    online_payments {integer} NOT NULL DEFAULT 0,
                    rated_very_satisfied {integer} NOT NULL DEFAULT 0,
                    rated_satisfied {integer} NOT NULL DEFAULT 0,
                    rated_unsatisfied {integer} NOT NULL DEFAULT 0,
                    PRIMARY KEY (grain, scope, period)
                )
                """,
                // Dossiers by appointment: grain 'm' (due = month) and 'x' (due = the exact time).
                """
                CREATE TABLE dossier_due_tallies (
                    grain TEXT NOT NULL,
                    scope TEXT NOT NULL,
                    due TEXT NOT NULL,
                    total {integer} NOT NULL DEFAULT 0,
                    closed_in_time {integer} NOT NULL DEFAULT 0,
                    PRIMARY KEY (grain, scope, due)
                )
                """,
                // Open dossiers whose clock runs, by appointment; a row that reaches zero is deleted.
                """
                CREATE TABLE dossier_open_dues (
                    scope TEXT NOT NULL,
                    due TEXT NOT NULL,
                    running {integer} NOT NULL,
                    PRIMARY KEY (scope, due)
                )
                """,
                // What the counts remember of each dossier (TallyStep.State, with appointment_due); tallied = 0 until the
                // counts hold its history (rows from before this migration are counted after it).
                "ALTER TABLE dossiers ADD COLUMN tally_running {integer} NOT NULL DEFAULT 0",
                "ALTER TABLE dossiers ADD COLUMN tally_digitised {integer} NOT NULL DEFAULT 0",
                "ALTER TABLE dossiers ADD COLUMN tallied {integer} NOT NULL DEFAULT 0",
                "CREATE INDEX dossiers_untallied ON dossiers (code) WHERE tallied = 0",
                // Ratings counted in the month they were given, by the same scopes.
                "ALTER TABLE ratings ADD COLUMN tallied {integer} NOT NULL DEFAULT 0",
                "CREATE INDEX ratings_untallied ON ratings (dossier_code) WHERE tallied = 0",
            ]
        ),
    ]

    /// The migrations of one dialect, with its column types filled in.
    static func all(for dialect: SQLDialectKind) -> [Migration] {
        let types: [String: String] =
            switch dialect {
            case .sqlite:
                [
                    "{integer}": "INTEGER", "{double}": "REAL", "{serial}": "INTEGER PRIMARY KEY AUTOINCREMENT", "{blob}": "BLOB",
                    "{applicantIdOf(applicant)}": "json_extract(applicant, '$.id')",
                ]
            case .postgres:
                [
                    "{integer}": "BIGINT", "{double}": "DOUBLE PRECISION", "{serial}": "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY",
                    "{blob}": "BYTEA", "{applicantIdOf(applicant)}": "(applicant::json ->> 'id')",
                ]
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
