import Foundation
import PASCDomain

/// Scans of a dossier's papers and of its result: typed by their bytes, limited in size, stored
/// once per SHA-256, each attachment an event naming the hash.
public struct Digitisation: Sendable {
    public let store: any DossierStore & DocumentStore
    public let processing: Processing
    /// The most a scan may weigh (default 20 MB).
    public let maximumBytes: Int
    /// SHA-256 as lowercase hex (swift-crypto lives in the adapters).
    public let digest: @Sendable (Data) -> String

    public init(store: any DossierStore & DocumentStore, processing: Processing, maximumBytes: Int, digest: @escaping @Sendable (Data) -> String) {
        self.store = store
        self.processing = processing
        self.maximumBytes = maximumBytes
        self.digest = digest
    }

    /// The bytes are not a PDF, JPEG or PNG (415).
    public struct UnsupportedType: Error, Equatable, Sendable {}
    /// The scan is larger than allowed (413).
    public struct TooLarge: Error, Equatable, Sendable {
        public let maximumBytes: Int
    }

    public func attach(
        _ content: Data,
        to code: DossierCode,
        role: DocumentRole,
        title: String,
        by member: StaffMember
    ) async throws -> DossierDocument {
        let (type, title) = try checked(content, title: title)
        let dossier = try await processing.load(code)
        if role == .result, ![.processing, .resultReady].contains(dossier.status) {
            throw IllegalTransition(
                status: dossier.status,
                action: .attachDocument,
                allowed: DossierLifecycle.allowedActions(from: dossier.status),
                missingReason: false
            )
        }
        let sha = digest(content)
        let event = try processing.event(
            .attachDocument,
            on: dossier,
            by: member,
            reason: nil,
            attachments: [sha],
            details: ["role": role.rawValue, "type": type.rawValue]
        )
        return try await store.attachDocument(
            NewDocument(dossier: code, sha256: sha, type: type, role: role, title: title, content: content),
            event: event
        )
    }

    /// Too many scans in one submission (413).
    public struct TooManyFiles: Error, Equatable, Sendable {
        public let maximumFiles: Int
    }
    /// All scans of one submission together are larger than allowed (413).
    public struct SubmissionTooLarge: Error, Equatable, Sendable {
        public let maximumBytes: Int
    }

    /// Checks every scan of an online submission before anything of it is written: their number,
    /// each one's size and type, and their total. An anonymous sender cannot leave a dossier with
    /// half its scans, nor fill the database with large files.
    public func checkSubmission(_ files: [(content: Data, title: String)], limits: RequestLimits) throws {
        guard files.count <= limits.submissionFiles else { throw TooManyFiles(maximumFiles: limits.submissionFiles) }
        guard files.reduce(0, { $0 + $1.content.count }) <= limits.submissionBytes else {
            throw SubmissionTooLarge(maximumBytes: limits.submissionBytes)
        }
        for file in files {
            guard file.content.count <= min(maximumBytes, limits.submissionFileBytes) else {
                throw TooLarge(maximumBytes: min(maximumBytes, limits.submissionFileBytes))
            }
            _ = try checked(file.content, title: file.title)
        }
    }

    /// The scan's type by its bytes and its title, or why it is refused.
    func checked(_ content: Data, title: String) throws -> (DocumentType, String) {
        guard content.count <= maximumBytes else { throw TooLarge(maximumBytes: maximumBytes) }
        guard let type = DocumentType.sniff(content) else { throw UnsupportedType() }
        let title = TextFolding.normalize(title)
        guard !title.isEmpty, title.count <= 300 else {
            throw ValidationErrors([
                ValidationError(
                    field: "title",
                    message: "Cần tên giấy tờ (tối đa 300 ký tự).",
                    messageEn: "The document's title is required (at most 300 characters)."
                )
            ])
        }
        return (type, title)
    }

    /// A paper the applicant uploaded with an online submission, attached as the submission's
    /// own step by the online channel (no officer has acted yet).
    public func attachSubmitted(_ content: Data, to code: DossierCode, title: String, by actor: EventActor) async throws -> DossierDocument {
        let (type, title) = try checked(content, title: title)
        let dossier = try await processing.load(code)
        let sha = digest(content)
        let event = DossierEvent(
            action: .attachDocument,
            from: dossier.status,
            to: dossier.status,
            actor: actor,
            at: processing.clock.now(),
            reason: nil,
            attachments: [sha],
            details: ["role": DocumentRole.paper.rawValue, "type": type.rawValue]
        )
        return try await store.attachDocument(
            NewDocument(dossier: code, sha256: sha, type: type, role: .paper, title: title, content: content),
            event: event
        )
    }
}
