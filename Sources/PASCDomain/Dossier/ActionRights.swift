/// Who may take each action on a dossier they have in scope, and for whom they act.
///
/// A specialist never reaches the applicant directly: a supplement request is recorded by the
/// agency and issued to the applicant by the one-stop office that received the dossier; papers
/// come back through a reception officer.
extension DossierAction {
    /// Whether the actor acts for the agency (processing) or for an office (reception, return).
    public enum Side: Sendable { case agency, office }

    public var side: Side {
        switch self {
        case .startProcessing, .requestSupplement, .requestPayment, .markResultReady, .stopProcessing, .apologise, .alertLate: .agency
        case .accept, .refuse, .completeSupplement, .recordPayment, .returnResult, .withdraw, .transfer, .correct, .postalPickUp,
            .postalDispatch, .attachDocument:
            .office
        }
    }

    /// The side a role acts on: a specialist (or agency head) transferring or attaching acts for
    /// the agency, a counter officer for the office.
    public func side(for role: Role, agencyMember: Bool) -> Side {
        if [.transfer, .attachDocument].contains(self), role == .specialist || (role == .leader && agencyMember) { return .agency }
        return side
    }

    /// The roles that may take the action (within their scope of the dossier). The lateness alert
    /// is raised by PASC itself (``EventActor/system``), never by a person.
    public var roles: Set<Role> {
        switch self {
        case .apologise, .correct: [.leader]
        case .alertLate: []
        case .postalPickUp, .postalDispatch: [.postal]
        case .returnResult: [.receptionOfficer, .postal]
        case .transfer, .attachDocument: [.receptionOfficer, .specialist, .leader]
        default: side == .agency ? [.specialist, .leader] : [.receptionOfficer]
        }
    }
}
