import Foundation
import PASCDomain

/// Scans kept in the database by their SHA-256, so the same file attached twice is stored once and
/// a hash in an event names exactly one content.
public protocol DocumentStore: Sendable {
    /// Stores the content (once per hash) and links it to the dossier, with `event` appended in the
    /// same transaction; answers the link.
    func attachDocument(_ document: NewDocument, event: DossierEvent) async throws -> DossierDocument
    func documents(of code: DossierCode) async throws -> [DossierDocument]
    /// The content of a document linked to this dossier (nil when it is not).
    func documentContent(_ sha256: String, of code: DossierCode) async throws -> (DossierDocument, Data)?
    /// Dossiers received at each office with at least one scanned paper, and all received there.
    func digitisationCounts() async throws -> [OfficeCode: (digitised: Int, received: Int)]
}

public struct NewDocument: Sendable {
    public let dossier: DossierCode
    public let sha256: String
    public let type: DocumentType
    public let role: DocumentRole
    /// The paper's name from the procedure's list, or the result's title.
    public let title: String
    public let content: Data

    public init(dossier: DossierCode, sha256: String, type: DocumentType, role: DocumentRole, title: String, content: Data) {
        self.dossier = dossier
        self.sha256 = sha256
        self.type = type
        self.role = role
        self.title = title
        self.content = content
    }
}

public struct DossierDocument: Sendable, Equatable {
    public let sha256: String
    public let type: DocumentType
    public let role: DocumentRole
    public let title: String
    public let size: Int
    public let attachedAt: Date
    public let attachedBy: String

    public init(sha256: String, type: DocumentType, role: DocumentRole, title: String, size: Int, attachedAt: Date, attachedBy: String) {
        self.sha256 = sha256
        self.type = type
        self.role = role
        self.title = title
        self.size = size
        self.attachedAt = attachedAt
        self.attachedBy = attachedBy
    }
}
