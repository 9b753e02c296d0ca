import Foundation
import PASCCore
import PASCDomain
import SQLKit

/// Bulk import of generated history: the same rows as one acceptance and its later steps, but
/// with one sequence upsert per office and day and multi-row inserts, so a million dossiers load
/// in minutes instead of hours.
extension SQLStore {
    /// Rows per multi-row INSERT: well under SQLite's 32,766 bound variables for the widest table.
    static let importChunk = 100

    public func importDossiers(_ items: [ImportedDossier]) async throws -> [DossierCode] {
        try await backend.transaction { db in
            // Number every dossier: one upsert per (office, day) reserves a block of numbers.
            var groups: [String: [Int]] = [:]
            for (index, item) in items.enumerated() { groups["\(item.dossier.office.rawValue)|\(item.dossier.day)", default: []].append(index) }
            var codes = [DossierCode?](repeating: nil, count: items.count)
            var sequences = [Int](repeating: 0, count: items.count)
            for (_, indices) in groups.sorted(by: { $0.key < $1.key }) {
                let first = items[indices[0]].dossier
                guard
                    let last = try await db.raw(
                        """
                        INSERT INTO dossier_sequences (office_code, day, last) VALUES (\(bind: first.office.rawValue), \(bind: first.day.description), \(bind: indices.count))
                        ON CONFLICT (office_code, day) DO UPDATE SET last = dossier_sequences.last + \(bind: indices.count)
                        RETURNING last
                        """
                    ).first()?.decode(column: "last", as: Int.self)
                else { throw StoreError.unreachable("no sequence number") }
                // Numbers in order of reception time within the day.
                let ordered = indices.sorted { items[$0].dossier.receivedAt < items[$1].dossier.receivedAt }
                for (offset, index) in ordered.enumerated() {
                    sequences[index] = last - indices.count + 1 + offset
                    codes[index] = try DossierCode(office: first.office, date: first.day, sequence: sequences[index])
                }
            }
            let all = codes.map { $0! }
            // The dashboard's counts of the whole histories, added up and written once.
            var tallies = TallyBatch()
            var states: [TallyStep.State] = []
            states.reserveCapacity(items.count)
            for item in items {
                let (state, effects) = TallyStep.history(
                    channel: item.dossier.channel,
                    due: item.due,
                    receivedAt: VietnamTime.localDateTime(item.dossier.receivedAt),
                    later: item.later.map { ($0, VietnamTime.localDateTime($0.at)) },
                    finish: item.finish.map { ($0.timeliness, $0.workingDays) }
                )
                let scopes = TallyScope.of(office: item.dossier.office, agency: item.dossier.agency, procedure: item.dossier.procedure)
                for (at, effect) in effects { tallies.add(effect, at: at, scopes: scopes) }
                states.append(state)
            }
            for start in stride(from: 0, to: items.count, by: Self.importChunk) {
                let range = start..<min(start + Self.importChunk, items.count)
                try await Self.insertChunk(db, items: items, codes: all, sequences: sequences, tallied: states, range: range)
            }
            // The public log gets every event, dossier by dossier, in the same transaction.
            var entries: [LogEntry] = []
            for (index, item) in items.enumerated() {
                let new = item.dossier
                let facts = LogEntry.DossierFacts(
                    code: all[index],
                    procedure: new.procedure,
                    office: new.office,
                    agency: new.agency,
                    salt: new.logSalt
                )
                for (ordinal, event) in Self.importedEvents(item).enumerated() {
                    entries.append(LogEntry.dossierEvent(event, ordinal: ordinal, of: facts))
                }
            }
            _ = try await Self.appendToLog(db, entries, at: VietnamTime.format(self.clock.now()))
            // The counts after the log's row lock, the order every step takes them in.
            try await tallies.write(db)
            return all
        }
    }

    static func insertChunk(
        _ db: any SQLDatabase,
        items: [ImportedDossier],
        codes: [DossierCode],
        sequences: [Int],
        tallied: [TallyStep.State],
        range: Range<Int>
    ) async throws {
        var submissions: SQLQueryString =
            "INSERT INTO submissions (id, procedure_code, office_code, channel, applicant, status, submitted_at, dossier_code, papers) VALUES "
        var outcomes: SQLQueryString = "INSERT INTO submission_events (submission_id, outcome, office_code, at, actor, role, details) VALUES "
        var dossiers: SQLQueryString = """
            INSERT INTO dossiers (code, submission_id, procedure_code, office_code, day, sequence, agency_code, status, channel, applicant,
                received_at, appointment_due, appointment_rule, delivery, secret_digest, applicant_id, holder_code, holder_due, log_salt,
                finished_at, timeliness, handling_days, tally_running, tally_digitised, tallied) VALUES 
            """
        var events: SQLQueryString = """
            INSERT INTO dossier_events (dossier_code, action, from_status, to_status, actor, role, office_code, agency_code, at, reason, attachments, details) VALUES 
            """
        var eventCount = 0
        for index in range {
            let item = items[index]
            let new = item.dossier
            let code = codes[index].description
            let applicant = try JSONColumn.encode(ApplicantRecord(new.applicant))
            let papers = try JSONColumn.encode(new.papers.map { PaperRecord(name: $0.name, originals: $0.originals, copies: $0.copies) })
            let receivedAt = VietnamTime.format(new.receivedAt)
            let separator: SQLQueryString = index == range.lowerBound ? "" : ", "
            submissions += separator
            submissions += """
                (\(bind: new.submissionID), \(bind: new.procedure.rawValue), \(bind: new.office.rawValue), \(bind: new.channel.rawValue), \(bind: applicant),
                'accepted', \(bind: receivedAt), \(bind: code), \(bind: papers))
                """
            outcomes += separator
            outcomes += """
                (\(bind: new.submissionID), 'accepted', \(bind: new.office.rawValue), \(bind: receivedAt), \(bind: new.receivedBy.username),
                \(bind: new.receivedBy.roleName), \(bind: try JSONColumn.encode(["dossier": code])))
                """
            let status = item.later.last?.to ?? .accepted
            dossiers += separator
            dossiers += """
                (\(bind: code), \(bind: new.submissionID), \(bind: new.procedure.rawValue), \(bind: new.office.rawValue), \(bind: new.day.description),
                \(bind: sequences[index]), \(bind: new.agency), \(bind: status.rawValue), \(bind: new.channel.rawValue), \(bind: applicant), \(bind: receivedAt),
                \(bind: item.due.description), \(bind: item.dueRule ?? new.appointment.rule), \(bind: try JSONColumn.encode(DeliveryRecord(new.delivery))),
                \(bind: new.secretDigest(codes[index])), \(bind: new.applicant.id.revealed.value), \(bind: new.agency), \(bind: item.due.description),
                \(bind: new.logSalt), \(bind: item.finish.map { VietnamTime.format($0.at) }), \(bind: item.finish?.timeliness.rawValue),
                \(bind: item.finish?.workingDays), \(bind: tallied[index].running ? 1 : 0), \(bind: tallied[index].digitised ? 1 : 0), 1)
                """
            for event in Self.importedEvents(item) {
                events += eventCount == 0 ? "" : ", "
                events += """
                    (\(bind: code), \(bind: event.action.rawValue), \(bind: event.from.rawValue), \(bind: event.to.rawValue), \(bind: event.actor.username),
                    \(bind: event.actor.roleName), \(bind: event.actor.office?.rawValue), \(bind: event.actor.agency), \(bind: VietnamTime.format(event.at)),
                    \(bind: event.reason), \(bind: try JSONColumn.encode(event.attachments)), \(bind: try JSONColumn.encode(event.details)))
                    """
                eventCount += 1
            }
        }
        // Submissions before the dossiers and outcomes that reference them.
        try await db.raw(submissions).run()
        try await db.raw(outcomes).run()
        try await db.raw(dossiers).run()
        // Events in chunks of their own: a dossier has up to seven.
        try await db.raw(events).run()
    }

    /// The acceptance and the later steps of an imported dossier, in order.
    static func importedEvents(_ item: ImportedDossier) -> [DossierEvent] {
        let new = item.dossier
        let accepted = DossierEvent(
            action: .accept,
            from: .registered,
            to: .accepted,
            actor: new.receivedBy,
            at: new.receivedAt,
            reason: nil,
            attachments: [],
            details: [StepPlan.detailKey: new.plan.recorded]
        )
        return [accepted] + item.later
    }
}
