import Foundation
import PASCCore
import PASCDomain
import SQLKit

extension SQLStore: DocumentStore {
    public func attachDocument(_ document: NewDocument, event: DossierEvent) async throws -> DossierDocument {
        let at = VietnamTime.format(event.at)
        defer { dossierChanged(document.dossier) }
        return try await backend.transaction { db in
            try await db.raw(
                """
                INSERT INTO documents (sha256, media_type, size, content)
                VALUES (\(bind: document.sha256), \(bind: document.type.mediaType), \(bind: document.content.count), \(bind: document.content))
                ON CONFLICT (sha256) DO NOTHING
                """
            ).run()
            try await db.raw(
                """
                INSERT INTO dossier_documents (dossier_code, sha256, role, title, attached_at, attached_by)
                VALUES (\(bind: document.dossier.description), \(bind: document.sha256), \(bind: document.role.rawValue), \(bind: document.title),
                    \(bind: at), \(bind: event.actor.username))
                ON CONFLICT (dossier_code, sha256, role) DO NOTHING
                """
            ).run()
            // The event is the dossier's record of the scan; its status stays as it is.
            guard
                try await db.raw(
                    "SELECT code FROM dossiers WHERE code = \(bind: document.dossier.description) AND status = \(bind: event.from.rawValue)"
                ).first() != nil
            else { throw StoreError.changedMeanwhile(kind: "dossier", code: document.dossier.description) }
            try await Self.insertEvent(db, code: document.dossier, event)
            return DossierDocument(
                sha256: document.sha256,
                type: document.type,
                role: document.role,
                title: document.title,
                size: document.content.count,
                attachedAt: event.at,
                attachedBy: event.actor.username
            )
        }
    }

    public func documents(of code: DossierCode) async throws -> [DossierDocument] {
        try await backend.withSession { db in
            try await db.raw(
                """
                SELECT l.sha256, l.role, l.title, l.attached_at, l.attached_by, d.media_type, d.size
                FROM dossier_documents l JOIN documents d ON d.sha256 = l.sha256
                WHERE l.dossier_code = \(bind: code.description) ORDER BY l.attached_at, l.sha256
                """
            ).all().map(Self.document)
        }
    }

    public func documentContent(_ sha256: String, of code: DossierCode) async throws -> (DossierDocument, Data)? {
        try await backend.withSession { db in
            guard
                let row = try await db.raw(
                    """
                    SELECT l.sha256, l.role, l.title, l.attached_at, l.attached_by, d.media_type, d.size, d.content
                    FROM dossier_documents l JOIN documents d ON d.sha256 = l.sha256
                    WHERE l.dossier_code = \(bind: code.description) AND l.sha256 = \(bind: sha256)
                    ORDER BY l.role LIMIT 1
                    """
                ).first()
            else { return nil }
            return (try Self.document(row), try row.decode(column: "content", as: Data.self))
        }
    }

    public func digitisationCounts() async throws -> [OfficeCode: (digitised: Int, received: Int)] {
        try await backend.withSession { db in
            let rows = try await db.raw(
                """
                SELECT o.office_code,
                    COUNT(*) AS received,
                    SUM(CASE WHEN EXISTS (SELECT 1 FROM dossier_documents l WHERE l.dossier_code = o.code AND l.role = 'paper') THEN 1 ELSE 0 END) AS digitised
                FROM dossiers o GROUP BY o.office_code
                """
            ).all()
            var counts: [OfficeCode: (digitised: Int, received: Int)] = [:]
            for row in rows {
                counts[try OfficeCode(row.decode(column: "office_code", as: String.self))] = (
                    try row.decode(column: "digitised", as: Int.self), try row.decode(column: "received", as: Int.self)
                )
            }
            return counts
        }
    }

    static func document(_ row: any SQLRow) throws -> DossierDocument {
        let sha = try row.decode(column: "sha256", as: String.self)
        let media = try row.decode(column: "media_type", as: String.self)
        guard let type = DocumentType(mediaType: media), let role = DocumentRole(rawValue: try row.decode(column: "role", as: String.self)) else {
            throw CorruptRecord(table: "dossier_documents", key: sha, reason: "media type \(media)")
        }
        return DossierDocument(
            sha256: sha,
            type: type,
            role: role,
            title: try row.decode(column: "title", as: String.self),
            size: try row.decode(column: "size", as: Int.self),
            attachedAt: VietnamTime.parseInstant(try row.decode(column: "attached_at", as: String.self)) ?? Date(timeIntervalSince1970: 0),
            attachedBy: try row.decode(column: "attached_by", as: String.self)
        )
    }
}
