import Foundation
import PASCDomain

/// Submissions: everything handed in at a counter (or online, or by post), whether it became a
/// dossier or not. Guidance, requests to complete and refusals are recorded against the
/// submission and counted; acceptance is ``DossierStore/acceptDossier(_:)``.
public protocol SubmissionStore: Sendable {
    /// Creates the submission the first time and appends the step. A request to complete when one
    /// was made already, without `step.allowRepeat`, throws ``SecondCompletionRequest``; a step on a
    /// submission already accepted or refused throws ``StoreError/changedMeanwhile(kind:code:)``.
    /// Both checks happen in the transaction. Returns the number of requests to complete so far.
    @discardableResult
    func recordSubmissionStep(_ step: SubmissionStep) async throws -> Int
    func submission(_ id: String) async throws -> StoredSubmission?
    /// What happened to a submission at the counter, oldest first.
    func submissionEvents(_ id: String) async throws -> [SubmissionEventRecord]
    /// Outcomes counted per kind, for one receiving office or all.
    func submissionOutcomeCounts(office: OfficeCode?) async throws -> [SubmissionOutcome: Int]
}

public struct SubmissionStep: Sendable {
    public let id: String
    public let procedure: ProcedureCode
    public let office: OfficeCode
    public let channel: SubmissionChannel
    public let applicant: Applicant
    public let papers: [HandedPaper]
    public let outcome: SubmissionOutcome
    public let at: Date
    public let actor: EventActor
    /// Public details: the missing papers, a refusal's reason and legal basis, the offices named by guidance.
    public let details: [String: String]
    /// A leader's override of the one-request rule (its reason is in `details`).
    public let allowRepeat: Bool

    public init(
        id: String,
        procedure: ProcedureCode,
        office: OfficeCode,
        channel: SubmissionChannel,
        applicant: Applicant,
        papers: [HandedPaper],
        outcome: SubmissionOutcome,
        at: Date,
        actor: EventActor,
        details: [String: String],
        allowRepeat: Bool
    ) {
        self.id = id
        self.procedure = procedure
        self.office = office
        self.channel = channel
        self.applicant = applicant
        self.papers = papers
        self.outcome = outcome
        self.at = at
        self.actor = actor
        self.details = details
        self.allowRepeat = allowRepeat
    }
}

public struct StoredSubmission: Sendable, Equatable {
    public let id: String
    public let procedure: ProcedureCode
    public let office: OfficeCode
    /// `registered`, or the last outcome.
    public let status: String
    public let completionRequests: Int
    public let dossierCode: DossierCode?
    /// The applicant as entered (personal data: reveal only through the gate).
    public var applicant: Applicant?
    public var papers: [HandedPaper] = []

    public init(id: String, procedure: ProcedureCode, office: OfficeCode, status: String, completionRequests: Int, dossierCode: DossierCode?) {
        self.id = id
        self.procedure = procedure
        self.office = office
        self.status = status
        self.completionRequests = completionRequests
        self.dossierCode = dossierCode
    }
}

/// One outcome recorded against a submission.
public struct SubmissionEventRecord: Sendable, Equatable {
    public let outcome: SubmissionOutcome
    public let office: OfficeCode
    public let at: Date
    public let actor: String
    public let details: [String: String]

    public init(outcome: SubmissionOutcome, office: OfficeCode, at: Date, actor: String, details: [String: String]) {
        self.outcome = outcome
        self.office = office
        self.at = at
        self.actor = actor
        self.details = details
    }
}
