import Foundation
import PASCCore
import PASCDomain
import SQLKit

/// A paper as stored in `submissions.papers`.
struct PaperRecord: Codable {
    let name: String
    let originals: Int
    let copies: Int
}

extension SQLStore: SubmissionStore {
    public func recordSubmissionStep(_ step: SubmissionStep) async throws -> Int {
        let applicant = try JSONColumn.encode(ApplicantRecord(step.applicant))
        let papers = try JSONColumn.encode(step.papers.map { PaperRecord(name: $0.name, originals: $0.originals, copies: $0.copies) })
        let at = VietnamTime.format(step.at)
        return try await backend.transaction { db in
            try await Self.insertSubmission(
                db,
                id: step.id,
                procedure: step.procedure,
                office: step.office,
                channel: step.channel,
                applicant: applicant,
                papers: papers,
                at: at
            )
            var update: SQLQueryString = "UPDATE submissions SET status = \(bind: step.outcome.rawValue), papers = \(bind: papers)"
            if step.outcome == .completionRequested { update += ", completion_requests = completion_requests + 1" }
            update += " WHERE id = \(bind: step.id) AND dossier_code IS NULL AND status <> 'refused'"
            if step.outcome == .completionRequested, !step.allowRepeat { update += " AND completion_requests = 0" }
            update += " RETURNING completion_requests"
            guard let row = try await db.raw(update).first() else {
                let current = try await db.raw("SELECT completion_requests, status, dossier_code FROM submissions WHERE id = \(bind: step.id)")
                    .first()
                let requests = try current?.decode(column: "completion_requests", as: Int.self) ?? 0
                let finished =
                    try current?.decode(column: "dossier_code", as: String?.self) != nil
                    || (try current?.decode(column: "status", as: String.self)) == "refused"
                if !finished, step.outcome == .completionRequested, requests > 0 {
                    throw SecondCompletionRequest(submission: step.id, previousRequests: requests)
                }
                throw StoreError.changedMeanwhile(kind: "submission", code: step.id)
            }
            try await Self.insertSubmissionEvent(
                db,
                id: step.id,
                outcome: step.outcome,
                office: step.office,
                at: at,
                actor: step.actor,
                details: step.details
            )
            return try row.decode(column: "completion_requests", as: Int.self)
        }
    }

    static func insertSubmission(
        _ db: any SQLDatabase,
        id: String,
        procedure: ProcedureCode,
        office: OfficeCode,
        channel: SubmissionChannel,
        applicant: String,
        papers: String,
        at: String
    ) async throws {
        try await db.raw(
            """
            INSERT INTO submissions (id, procedure_code, office_code, channel, applicant, status, submitted_at, papers)
            VALUES (\(bind: id), \(bind: procedure.rawValue), \(bind: office.rawValue), \(bind: channel.rawValue), \(bind: applicant),
                'registered', \(bind: at), \(bind: papers))
            ON CONFLICT (id) DO NOTHING
            """
        ).run()
    }

    static func insertSubmissionEvent(
        _ db: any SQLDatabase,
        id: String,
        outcome: SubmissionOutcome,
        office: OfficeCode,
        at: String,
        actor: EventActor,
        details: [String: String]
    ) async throws {
        try await db.raw(
            """
            INSERT INTO submission_events (submission_id, outcome, office_code, at, actor, role, details)
            VALUES (\(bind: id), \(bind: outcome.rawValue), \(bind: office.rawValue), \(bind: at), \(bind: actor.username),
                \(bind: actor.roleName), \(bind: try JSONColumn.encode(details)))
            """
        ).run()
    }

    public func submission(_ id: String) async throws -> StoredSubmission? {
        try await backend.withSession { db in
            guard let row = try await db.raw("SELECT * FROM submissions WHERE id = \(bind: id)").first() else { return nil }
            var submission = StoredSubmission(
                id: id,
                procedure: try ProcedureCode(row.decode(column: "procedure_code", as: String.self)),
                office: try OfficeCode(row.decode(column: "office_code", as: String.self)),
                status: try row.decode(column: "status", as: String.self),
                completionRequests: try row.decode(column: "completion_requests", as: Int.self),
                dossierCode: try row.decode(column: "dossier_code", as: String?.self).map { try DossierCode($0) }
            )
            submission.applicant = try JSONColumn.decode(ApplicantRecord.self, from: row.decode(column: "applicant", as: String.self)).applicant()
            submission.papers = try JSONColumn.decode([PaperRecord].self, from: row.decode(column: "papers", as: String.self)).compactMap {
                try? HandedPaper(name: $0.name, originals: $0.originals, copies: $0.copies)
            }
            return submission
        }
    }

    public func submissionEvents(_ id: String) async throws -> [SubmissionEventRecord] {
        try await backend.withSession { db in
            try await db.raw("SELECT * FROM submission_events WHERE submission_id = \(bind: id) ORDER BY id").all().compactMap { row in
                guard let outcome = SubmissionOutcome(rawValue: try row.decode(column: "outcome", as: String.self)) else { return nil }
                return SubmissionEventRecord(
                    outcome: outcome,
                    office: try OfficeCode(row.decode(column: "office_code", as: String.self)),
                    at: VietnamTime.parseInstant(try row.decode(column: "at", as: String.self)) ?? Date(timeIntervalSince1970: 0),
                    actor: try row.decode(column: "actor", as: String.self),
                    details: try JSONColumn.decode([String: String].self, from: row.decode(column: "details", as: String.self))
                )
            }
        }
    }

    public func submissionOutcomeCounts(office: OfficeCode?) async throws -> [SubmissionOutcome: Int] {
        try await backend.withSession { db in
            var query: SQLQueryString = "SELECT outcome, COUNT(*) AS n FROM submission_events"
            if let office { query += " WHERE office_code = \(bind: office.rawValue)" }
            query += " GROUP BY outcome"
            var counts: [SubmissionOutcome: Int] = [:]
            for row in try await db.raw(query).all() {
                guard let outcome = SubmissionOutcome(rawValue: try row.decode(column: "outcome", as: String.self)) else { continue }
                counts[outcome] = try row.decode(column: "n", as: Int.self)
            }
            return counts
        }
    }
}
