import Foundation
import PASCDomain
import PASCTransparency

/// One leaf of the public log: the canonical text of a public fact, and what it stands for.
///
/// A dossier event's leaf holds its public fields (code, procedure, offices, action, statuses,
/// time, role) and commits to the rest (who acted, the reason, the papers, the details) only by a
/// hash salted with the dossier's own random secret: a reason may name a person, and an ID number
/// or a name has too few likely values to hide behind a bare hash. Whoever holds the database can
/// recompute that hash and check it; the public cannot learn what it hides.
public struct LogEntry: Hashable, Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        case dossierEvent = "dossier-event"
        case masterData = "master-data"
    }

    public let kind: Kind
    /// The dossier's code, or the change record's id.
    public let reference: String
    /// The event's number within its dossier (0 for the acceptance); 0 for a master-data change.
    public let ordinal: Int
    /// The leaf's bytes, as UTF-8.
    public let text: String

    public init(kind: Kind, reference: String, ordinal: Int, text: String) {
        self.kind = kind
        self.reference = reference
        self.ordinal = ordinal
        self.text = text
    }

    public var leafHash: MerkleHash { MerkleHash.leaf(Array(text.utf8)) }

    /// A new dossier's salt: 32 random bytes from the system's generator, as hex.
    public static func newSalt(_ random: any RandomSource = SystemRandomSource()) -> String {
        Hex.encode(random.bytes(32))
    }

    /// The version of the encoding; a new one is a new value, never a change to an old one.
    /// Version 2 adds a dossier event's public effect (`due`, `holder`: the appointment it fixes
    /// and the agency it hands to), so a page's appointment and holder can be checked against the
    /// log without the database. Leaves written as version 1 stay version 1.
    public static let version = 2

    /// The dossier facts every event's leaf repeats, so each leaf reads on its own.
    public struct DossierFacts: Sendable {
        public let code: DossierCode
        public let procedure: ProcedureCode
        public let office: OfficeCode
        public let agency: String
        /// Hex, 32 random bytes, kept with the dossier and never shown.
        public let salt: String

        public init(code: DossierCode, procedure: ProcedureCode, office: OfficeCode, agency: String, salt: String) {
            self.code = code
            self.procedure = procedure
            self.office = office
            self.agency = agency
            self.salt = salt
        }
    }

    public static func dossierEvent(_ event: DossierEvent, ordinal: Int, of dossier: DossierFacts, version: Int = version) -> LogEntry {
        var fields: [(String, CanonicalValue)] = [
            ("v", .number(version)),
            ("type", .text(Kind.dossierEvent.rawValue)),
            ("dossier", .text(dossier.code.description)),
            ("n", .number(ordinal)),
            ("procedure", .text(dossier.procedure.rawValue)),
            ("office", .text(dossier.office.rawValue)),
            ("agency", .text(dossier.agency)),
            ("action", .text(event.action.rawValue)),
            ("from", .text(event.from.rawValue)),
            ("to", .text(event.to.rawValue)),
            ("at", .text(VietnamTime.format(event.at))),
            ("role", .text(event.actor.roleName)),
            ("actorOffice", event.actor.office.map { .text($0.rawValue) } ?? .null),
            ("actorAgency", event.actor.agency.map { .text($0) } ?? .null),
        ]
        if version >= 2 {
            let effect = DossierPublicState.StepEffect.of(event)
            fields.append(("due", effect.due.map { .text($0.description) } ?? .null))
            fields.append(("holder", effect.holder.map { .text($0) } ?? .null))
        }
        fields.append(("private", .text(privateCommitment(event, salt: dossier.salt))))
        let text = CanonicalText.encode(fields)
        return LogEntry(kind: .dossierEvent, reference: dossier.code.description, ordinal: ordinal, text: text)
    }

    /// SHA-256 of the salt, a zero byte and the event's private fields in canonical text, as hex.
    public static func privateCommitment(_ event: DossierEvent, salt: String) -> String {
        let text = CanonicalText.encode([
            ("actor", .text(event.actor.username)),
            ("reason", event.reason.map { .text($0) } ?? .null),
            ("attachments", .list(event.attachments)),
            ("details", .map(event.details)),
        ])
        return ContentDigest.sha256Hex(Array(salt.utf8) + [0] + Array(text.utf8))
    }

    /// Master data the public relies on: where to go, what a procedure asks, which days count.
    /// Staff accounts and tokens are not public and are never logged.
    public static let publicEntities: Set<String> = ["office", "procedure", "boundaryFree", "announcedDay"]

    /// A change of public master data; nil for an entity that is not public. The actor is left
    /// out: it is a staff member's user name.
    public static func masterData(id: Int, entity: String, key: String, at: String, old: String?, new: String?) -> LogEntry? {
        guard publicEntities.contains(entity) else { return nil }
        let text = CanonicalText.encode([
            ("v", .number(1)),
            ("type", .text(Kind.masterData.rawValue)),
            ("change", .number(id)),
            ("entity", .text(entity)),
            ("key", .text(key)),
            ("at", .text(at)),
            ("old", old.map { .text($0) } ?? .null),
            ("new", new.map { .text($0) } ?? .null),
        ])
        return LogEntry(kind: .masterData, reference: String(id), ordinal: 0, text: text)
    }
}
