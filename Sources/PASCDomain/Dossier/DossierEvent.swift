import Foundation

/// Who acted on a dossier and for which office or agency: kept on every event, never edited.
public struct EventActor: Hashable, Sendable {
    public let username: String
    /// Nil for PASC itself (the lateness sweep).
    public let role: Role?
    public let office: OfficeCode?
    public let agency: String?

    public init(username: String, role: Role?, office: OfficeCode? = nil, agency: String? = nil) {
        self.username = username
        self.role = role
        self.office = office
        self.agency = agency
    }

    /// PASC's own background work, acting for an agency.
    public static func system(agency: String) -> EventActor { EventActor(username: "pasc", role: nil, agency: agency) }

    /// The role as stored and shown: `system` for PASC itself.
    public var roleName: String { role?.rawValue ?? "system" }
}

/// One step of a dossier's history: a status change with who, where, when, why and what papers.
/// Events are appended, never edited; a mistake is corrected by a later event.
public struct DossierEvent: Hashable, Sendable {
    public let action: DossierAction
    public let from: DossierStatus
    public let to: DossierStatus
    public let actor: EventActor
    public let at: Date
    public let reason: String?
    /// Content hashes (SHA-256) of the documents attached to this step.
    public let attachments: [String]
    /// What a record-only step names: the receiver of a transfer, an apology's dates, a postal
    /// tracking number, the corrected step. Public values only, never personal data.
    public let details: [String: String]

    public init(
        action: DossierAction,
        from: DossierStatus,
        to: DossierStatus,
        actor: EventActor,
        at: Date,
        reason: String?,
        attachments: [String],
        details: [String: String] = [:]
    ) {
        self.action = action
        self.from = from
        self.to = to
        self.actor = actor
        self.at = at
        self.reason = reason
        self.attachments = attachments
        self.details = details
    }
}

extension DossierLifecycle {
    /// Applies `action` and returns the event that records it, or refuses as ``apply(_:to:reason:)`` does.
    public static func event(
        _ action: DossierAction,
        on status: DossierStatus,
        by actor: EventActor,
        at time: Date,
        reason: String? = nil,
        attachments: [String] = [],
        details: [String: String] = [:]
    ) throws(IllegalTransition) -> DossierEvent {
        let next = try apply(action, to: status, reason: reason)
        let reason = reason.map(TextFolding.normalize).flatMap { $0.isEmpty ? nil : $0 }
        return DossierEvent(
            action: action,
            from: status,
            to: next,
            actor: actor,
            at: time,
            reason: reason,
            attachments: attachments,
            details: details
        )
    }
}
