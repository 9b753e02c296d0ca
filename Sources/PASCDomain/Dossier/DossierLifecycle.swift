/// The legal transitions between statuses; nothing else moves a dossier.
public enum DossierLifecycle {
    /// The status-changing actions allowed from a status, in the order staff see them.
    public static func allowedActions(from status: DossierStatus) -> [DossierAction] {
        DossierAction.allCases.filter { $0.changesStatus && $0.transition.from.contains(status) }
    }

    /// Where `action` takes a dossier in `status`, or a refusal naming the status and what is allowed.
    public static func apply(_ action: DossierAction, to status: DossierStatus, reason: String? = nil) throws(IllegalTransition) -> DossierStatus {
        guard action.transition.from.contains(status) else {
            throw IllegalTransition(status: status, action: action, allowed: allowedActions(from: status), missingReason: false)
        }
        if action.requiresReason, TextFolding.normalize(reason ?? "").isEmpty {
            throw IllegalTransition(status: status, action: action, allowed: allowedActions(from: status), missingReason: true)
        }
        return action.transition.to ?? status
    }
}

/// An action refused in the current status (409), or one given without its required reason (422).
public struct IllegalTransition: Error, Equatable, Sendable, CustomStringConvertible {
    public let status: DossierStatus
    public let action: DossierAction
    public let allowed: [DossierAction]
    public let missingReason: Bool

    public init(status: DossierStatus, action: DossierAction, allowed: [DossierAction], missingReason: Bool) {
        self.status = status
        self.action = action
        self.allowed = allowed
        self.missingReason = missingReason
    }

    public var message: String {
        if missingReason { return "Thao tác '\(action.name)' phải nêu lý do." }
        let list = allowed.isEmpty ? "không còn thao tác nào (trạng thái cuối)" : allowed.map(\.name).joined(separator: ", ")
        return "Hồ sơ đang ở trạng thái '\(status.name)' nên không thể '\(action.name)'; được phép: \(list)."
    }

    public var messageEn: String {
        if missingReason { return "'\(action.rawValue)' needs a reason." }
        let list = allowed.isEmpty ? "nothing (a final status)" : allowed.map(\.rawValue).joined(separator: ", ")
        return "The dossier is \(status.nameEn) (status \(status.portalCode)), so '\(action.rawValue)' is not allowed; allowed: \(list)."
    }

    public var description: String { messageEn }
}
