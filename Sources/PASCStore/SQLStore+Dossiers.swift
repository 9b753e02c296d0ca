import Foundation
import PASCCore
import PASCDomain
import SQLKit

extension SQLStore: DossierStore {
    public func acceptDossier(_ new: NewDossier) async throws -> DossierCode {
        try await backend.transaction { db in try await Self.insertAccepted(db, new) }
    }

    /// The daily number, the submission, the dossier, its first event and its outbox messages.
    static func insertAccepted(_ db: any SQLDatabase, _ new: NewDossier) async throws -> DossierCode {
        let applicant = try JSONColumn.encode(ApplicantRecord(new.applicant))
        let delivery = try JSONColumn.encode(DeliveryRecord(new.delivery))
        let receivedAt = VietnamTime.format(new.receivedAt)
        let papers = try JSONColumn.encode(new.papers.map { PaperRecord(name: $0.name, originals: $0.originals, copies: $0.copies) })
        // One atomic upsert per acceptance: the row lock (PostgreSQL) or the single writer
        // (SQLite) makes every number unique, and a new day starts at 1.
        let row = try await db.raw(
            """
            INSERT INTO dossier_sequences (office_code, day, last) VALUES (\(bind: new.office.rawValue), \(bind: new.day.description), 1)
            ON CONFLICT (office_code, day) DO UPDATE SET last = dossier_sequences.last + 1
            RETURNING last
            """
        ).first()
        guard let sequence = try row?.decode(column: "last", as: Int.self) else { throw StoreError.unreachable("no sequence number") }
        let code = try DossierCode(office: new.office, date: new.day, sequence: sequence)
        // A new submission, or one that came back complete after a request to complete; never one
        // already accepted or refused. One upsert: it is a statement of every reception.
        guard
            try await db.raw(
                """
                INSERT INTO submissions (id, procedure_code, office_code, channel, applicant, status, submitted_at, papers, dossier_code)
                VALUES (\(bind: new.submissionID), \(bind: new.procedure.rawValue), \(bind: new.office.rawValue), \(bind: new.channel.rawValue),
                    \(bind: applicant), 'accepted', \(bind: receivedAt), \(bind: papers), \(bind: code.description))
                ON CONFLICT (id) DO UPDATE SET status = 'accepted', dossier_code = excluded.dossier_code, applicant = excluded.applicant,
                    papers = excluded.papers
                WHERE submissions.dossier_code IS NULL AND submissions.status <> 'refused'
                RETURNING id
                """
            ).first() != nil
        else { throw StoreError.changedMeanwhile(kind: "submission", code: new.submissionID) }
        try await Self.insertSubmissionEvent(
            db,
            id: new.submissionID,
            outcome: .accepted,
            office: new.office,
            at: receivedAt,
            actor: new.receivedBy,
            details: ["dossier": code.description]
        )
        try await db.raw(
            """
            INSERT INTO dossiers (code, submission_id, procedure_code, office_code, day, sequence, agency_code, status, channel, applicant,
                received_at, appointment_due, appointment_rule, delivery, secret_digest, applicant_id, holder_code, holder_due, log_salt,
                tally_running, tally_digitised, tallied)
            VALUES (\(bind: code.description), \(bind: new.submissionID), \(bind: new.procedure.rawValue), \(bind: new.office.rawValue),
                \(bind: new.day.description), \(bind: sequence), \(bind: new.agency), \(bind: DossierStatus.accepted.rawValue),
                \(bind: new.channel.rawValue), \(bind: applicant), \(bind: receivedAt), \(bind: new.appointment.due.description),
                \(bind: new.appointment.rule), \(bind: delivery), \(bind: new.secretDigest(code)), \(bind: new.applicant.id.revealed.value),
                \(bind: new.agency), \(bind: new.plan.parts[0].due.description), \(bind: new.logSalt), 1, 0, 1)
            """
        ).run()
        try await Self.insertOutbox(db, code: code, new.outbox(code), at: receivedAt)
        try await Self.insertEvent(
            db,
            code: code,
            DossierEvent(
                action: .accept,
                from: .registered,
                to: .accepted,
                actor: new.receivedBy,
                at: new.receivedAt,
                reason: nil,
                attachments: [],
                details: [StepPlan.detailKey: new.plan.recorded]
            )
        )
        // The counts last, after the log's row lock, as every step takes them: one lock order, no deadlock on PostgreSQL.
        var tallies = TallyBatch()
        tallies.add(
            TallyStep.accept(channel: new.channel, due: new.appointment.due).1,
            at: VietnamTime.localDateTime(new.receivedAt),
            scopes: TallyScope.of(office: new.office, agency: new.agency, procedure: new.procedure)
        )
        try await tallies.write(db)
        return code
    }

    static func insertEvent(_ db: any SQLDatabase, code: DossierCode, _ event: DossierEvent) async throws {
        try await db.raw(
            """
            INSERT INTO dossier_events (dossier_code, action, from_status, to_status, actor, role, office_code, agency_code, at, reason, attachments, details)
            VALUES (\(bind: code.description), \(bind: event.action.rawValue), \(bind: event.from.rawValue), \(bind: event.to.rawValue),
                \(bind: event.actor.username), \(bind: event.actor.roleName), \(bind: event.actor.office?.rawValue), \(bind: event.actor.agency),
                \(bind: VietnamTime.format(event.at)), \(bind: event.reason), \(bind: try JSONColumn.encode(event.attachments)),
                \(bind: try JSONColumn.encode(event.details)))
            """
        ).run()
        try await logDossierEvent(db, code: code, event)
    }

    public func dossier(_ code: DossierCode) async throws -> StoredDossier? {
        try await backend.withSession { db in
            guard let row = try await db.raw("SELECT * FROM dossiers WHERE code = \(bind: code.description)").first() else { return nil }
            return try Self.storedDossier(row)
        }
    }

    static func storedDossier(_ row: any SQLRow) throws -> StoredDossier {
        let code = try DossierCode(try row.decode(column: "code", as: String.self))
        do {
            let due = try row.decode(column: "appointment_due", as: String.self)
            let dueParts = due.split(separator: "T").map(String.init)
            guard dueParts.count == 2 else { throw CorruptRecord(table: "dossiers", key: code.description, reason: "appointment_due \(due)") }
            var dossier = StoredDossier(
                code: code,
                submissionID: try row.decode(column: "submission_id", as: String.self),
                procedure: try ProcedureCode(row.decode(column: "procedure_code", as: String.self)),
                office: try OfficeCode(row.decode(column: "office_code", as: String.self)),
                agency: try row.decode(column: "agency_code", as: String.self),
                status: try enumValue(row, "status"),
                channel: try enumValue(row, "channel"),
                applicant: try JSONColumn.decode(ApplicantRecord.self, from: row.decode(column: "applicant", as: String.self)).applicant(),
                receivedAt: VietnamTime.parseInstant(try row.decode(column: "received_at", as: String.self)) ?? Date(timeIntervalSince1970: 0),
                appointmentDue: LocalDateTime(date: try LocalDate(iso: dueParts[0]), time: try TimeOfDay(parsing: dueParts[1])),
                delivery: try JSONColumn.decode(DeliveryRecord.self, from: row.decode(column: "delivery", as: String.self)).delivery(),
                secretDigest: try row.decode(column: "secret_digest", as: String.self)
            )
            dossier.appointmentRule = try row.decode(column: "appointment_rule", as: String.self)
            dossier.apologisedAt = try row.decode(column: "apology_at", as: String?.self).flatMap(VietnamTime.parseInstant)
            dossier.alertedAt = try row.decode(column: "alerted_at", as: String?.self).flatMap(VietnamTime.parseInstant)
            dossier.holder = try row.decode(column: "holder_code", as: String?.self) ?? dossier.agency
            dossier.holderDue = try row.decode(column: "holder_due", as: String?.self).flatMap(LocalDateTime.init(iso:)) ?? dossier.appointmentDue
            return dossier
        } catch let error as CorruptRecord {
            throw error
        } catch {
            throw CorruptRecord(table: "dossiers", key: code.description, reason: "\(error)")
        }
    }

    public func events(of code: DossierCode) async throws -> [DossierEvent] {
        try await backend.withSession { db in
            try await db.raw("SELECT * FROM dossier_events WHERE dossier_code = \(bind: code.description) ORDER BY id").all().map {
                try Self.dossierEvent($0)
            }
        }
    }

    /// An event from its row; `prefix` names its columns when they come joined to the dossier's.
    static func dossierEvent(_ row: any SQLRow, prefix: String = "") throws -> DossierEvent {
        DossierEvent(
            action: try enumValue(row, prefix + "action"),
            from: try enumValue(row, prefix + "from_status"),
            to: try enumValue(row, prefix + "to_status"),
            actor: EventActor(
                username: try row.decode(column: prefix + "actor", as: String.self),
                role: try row.decode(column: prefix + "role", as: String.self) == "system" ? nil : try enumValue(row, prefix + "role") as Role,
                office: try row.decode(column: prefix + "office_code", as: String?.self).map { try OfficeCode($0) },
                agency: try row.decode(column: prefix + "agency_code", as: String?.self)
            ),
            at: VietnamTime.parseInstant(try row.decode(column: prefix + "at", as: String.self)) ?? Date(timeIntervalSince1970: 0),
            reason: try row.decode(column: prefix + "reason", as: String?.self),
            attachments: try JSONColumn.decode([String].self, from: row.decode(column: prefix + "attachments", as: String.self)),
            details: try JSONColumn.decode([String: String].self, from: row.decode(column: prefix + "details", as: String.self))
        )
    }

    /// The dossier and its events in one query (one trip to the database: the tracking page).
    public func dossierWithEvents(_ code: DossierCode) async throws -> (StoredDossier, [DossierEvent])? {
        try await backend.withSession { db in
            let rows = try await db.raw(
                """
                SELECT d.*, e.action AS e_action, e.from_status AS e_from_status, e.to_status AS e_to_status, e.actor AS e_actor,
                    e.role AS e_role, e.office_code AS e_office_code, e.agency_code AS e_agency_code, e.at AS e_at, e.reason AS e_reason,
                    e.attachments AS e_attachments, e.details AS e_details
                FROM dossiers d LEFT JOIN dossier_events e ON e.dossier_code = d.code
                WHERE d.code = \(bind: code.description) ORDER BY e.id
                """
            ).all()
            guard let first = rows.first else { return nil }
            var events: [DossierEvent] = []
            events.reserveCapacity(rows.count)
            for row in rows where try row.decode(column: "e_action", as: String?.self) != nil {
                events.append(try Self.dossierEvent(row, prefix: "e_"))
            }
            return (try Self.storedDossier(first), events)
        }
    }

    public func applyEvent(_ event: DossierEvent, to code: DossierCode, update change: DossierUpdate) async throws {
        // Also when it throws: the commit may have happened with its answer lost (a dropped
        // PostgreSQL connection); a needless signal costs one cache miss.
        defer { dossierChanged(code) }
        try await backend.transaction { db in
            let at = VietnamTime.format(event.at)
            let tally = try await Self.tallyStep(db, code: code, event, update: change)
            var update: SQLQueryString = "UPDATE dossiers SET status = \(bind: event.to.rawValue)"
            if let tally {
                update += ", tally_running = \(bind: tally.state.running ? 1 : 0), tally_digitised = \(bind: tally.state.digitised ? 1 : 0)"
            }
            if let newDue = change.newDue { update += ", appointment_due = \(bind: newDue.description)" }
            if let dueRule = change.dueRule { update += ", appointment_rule = \(bind: dueRule)" }
            if change.apology { update += ", apology_at = \(bind: at)" }
            if change.alert { update += ", alerted_at = \(bind: at)" }
            if let holder = change.holder { update += ", holder_code = \(bind: holder)" }
            if let holderDue = change.holderDue { update += ", holder_due = \(bind: holderDue.description)" }
            if let finish = change.finish {
                update +=
                    ", finished_at = \(bind: VietnamTime.format(finish.at)), timeliness = \(bind: finish.timeliness.rawValue), handling_days = \(bind: finish.workingDays)"
            }
            update += " WHERE code = \(bind: code.description) AND status = \(bind: event.from.rawValue)"
            if change.apology { update += " AND apology_at IS NULL" }
            if change.alert { update += " AND alerted_at IS NULL" }
            if let holder = change.expectedHolder { update += " AND COALESCE(holder_code, agency_code) = \(bind: holder)" }
            update += " RETURNING code"
            guard try await db.raw(update).first() != nil else {
                throw StoreError.changedMeanwhile(kind: "dossier", code: code.description)
            }
            try await Self.insertEvent(db, code: code, event)
            try await Self.insertOutbox(db, code: code, change.outbox, at: at)
            // After the log's row lock (insertEvent), as the acceptance and the import: one lock order.
            try await tally?.batch.write(db)
        }
    }

    /// The step's count increments, from the dossier as it stands (its row locked until the
    /// commit); nil for a dossier whose history the counts do not hold yet (the backfill will).
    static func tallyStep(
        _ db: any SQLDatabase,
        code: DossierCode,
        _ event: DossierEvent,
        update change: DossierUpdate
    ) async throws -> (state: TallyStep.State, batch: TallyBatch)? {
        guard
            let row = try await db.raw(
                """
                UPDATE dossiers SET tallied = tallied WHERE code = \(bind: code.description)
                RETURNING office_code, agency_code, procedure_code, status, appointment_due, tally_running, tally_digitised, tallied
                """
            ).first(),
            try row.decode(column: "tallied", as: Int.self) == 1,
            let due = LocalDateTime(iso: try row.decode(column: "appointment_due", as: String.self))
        else { return nil }
        let before = TallyStep.State(
            status: try enumValue(row, "status"),
            due: due,
            running: try row.decode(column: "tally_running", as: Int.self) == 1,
            digitised: try row.decode(column: "tally_digitised", as: Int.self) == 1
        )
        let at = VietnamTime.localDateTime(event.at)
        let (after, effect) = TallyStep.apply(
            event,
            at: at,
            to: before,
            newDue: change.newDue,
            finish: change.finish.map { ($0.timeliness, $0.workingDays) }
        )
        var batch = TallyBatch()
        batch.add(
            effect,
            at: at,
            scopes: TallyScope.of(
                office: try OfficeCode(row.decode(column: "office_code", as: String.self)),
                agency: try row.decode(column: "agency_code", as: String.self),
                procedure: try ProcedureCode(row.decode(column: "procedure_code", as: String.self))
            )
        )
        return (after, batch)
    }

    static func insertOutbox(_ db: any SQLDatabase, code: DossierCode, _ messages: [NewOutboxMessage], at: String) async throws {
        for message in messages {
            try await db.raw(
                """
                INSERT INTO outbox (channel, dossier_code, payload, created_at)
                VALUES (\(bind: message.channel.rawValue), \(bind: code.description), \(bind: message.payload), \(bind: at))
                """
            ).run()
        }
    }

    public func dossierCodes(office: OfficeCode, day: LocalDate) async throws -> [DossierCode] {
        try await backend.withSession { db in
            let rows = try await db.raw(
                "SELECT code FROM dossiers WHERE office_code = \(bind: office.rawValue) AND day = \(bind: day.description) ORDER BY sequence"
            ).all()
            // A loop, not `map` with a throwing closure: the release build's LLVM crashed splitting that coroutine (Swift 6.3.1).
            return try Self.codes(rows)
        }
    }

    static func codes(_ rows: [any SQLRow]) throws -> [DossierCode] {
        var codes: [DossierCode] = []
        codes.reserveCapacity(rows.count)
        for row in rows { codes.append(try DossierCode(try row.decode(column: "code", as: String.self))) }
        return codes
    }

    public func dossiersToAlert(dueBy horizon: LocalDateTime, limit: Int) async throws -> [DossierCode] {
        try await backend.withSession { db in
            let statuses = [DossierStatus.accepted, .processing, .paymentRequested].map(\.rawValue)
            let rows = try await db.raw(
                """
                SELECT code FROM dossiers WHERE status IN (\(binds: statuses)) AND alerted_at IS NULL
                    AND appointment_due <= \(bind: horizon.description)
                ORDER BY appointment_due, code LIMIT \(bind: limit)
                """
            ).all()
            return try Self.codes(rows)
        }
    }

    public func inbox(agency: String, statuses: Set<DossierStatus>, after: InboxCursor?, limit: Int) async throws -> [StoredDossier] {
        try await backend.withSession { db in
            var query: SQLQueryString =
                "SELECT * FROM dossiers WHERE holder_code = \(bind: agency) AND status IN (\(binds: statuses.map(\.rawValue).sorted()))"
            if let after {
                query +=
                    " AND (holder_due > \(bind: after.due.description) OR (holder_due = \(bind: after.due.description) AND code > \(bind: after.code.description)))"
            }
            query += " ORDER BY holder_due, code LIMIT \(bind: limit)"
            return try await db.raw(query).all().map(Self.storedDossier)
        }
    }

    public func dossiers(applicantID: String, limit: Int) async throws -> [StoredDossier] {
        try await backend.withSession { db in
            try await db.raw(
                "SELECT * FROM dossiers WHERE applicant_id = \(bind: applicantID) ORDER BY received_at DESC, code LIMIT \(bind: limit)"
            ).all().map(Self.storedDossier)
        }
    }

    public func replaceSecret(of code: DossierCode, digest: String) async throws {
        try await backend.withSession { db in
            guard
                try await db.raw("UPDATE dossiers SET secret_digest = \(bind: digest) WHERE code = \(bind: code.description) RETURNING code").first()
                    != nil
            else { throw StoreError.notFound(kind: "dossier", code: code.description) }
        }
    }
}
