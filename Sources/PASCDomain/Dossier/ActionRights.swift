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
        case .startProcessing, .requestSupplement, .requestPayment, .markResultReady, .stopProcessing: .agency
        case .accept, .refuse, .completeSupplement, .recordPayment, .returnResult, .withdraw: .office
        }
    }

    /// The roles that may take the action (within their scope of the dossier).
    public var roles: Set<Role> {
        switch side {
        case .agency: [.specialist, .leader]
        case .office: self == .returnResult ? [.receptionOfficer, .postal] : [.receptionOfficer]
        }
    }
}
