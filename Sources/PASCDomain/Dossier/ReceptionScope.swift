/// Whether an office may receive a dossier, and where to send the applicant when it may not.
///
/// Boundary-free procedures are received at any office. Any other is received only at the
/// one-stop office of the unit whose agency decides it (the applicant's home or the property's
/// unit), or at an office above that one in the tree; elsewhere the applicant gets guidance
/// naming that office, and no dossier is made.
public enum ReceptionScope {
    public enum Answer: Equatable, Sendable {
        case receive
        /// Not here: these offices may receive it (nearest level first).
        case guidance(competentOffices: [OfficeCode])
    }

    public static func check(
        boundaryFree: Bool,
        receivingOffice: OfficeCode,
        relevantUnitOffice: OfficeCode?,
        tree: OfficeTree
    ) -> Answer {
        if boundaryFree { return .receive }
        guard let home = relevantUnitOffice else { return .receive }
        var allowed: [OfficeCode] = [home]
        var current = home
        while let parent = tree.parent(of: current), allowed.count < 16 {
            allowed.append(parent)
            current = parent
        }
        return allowed.contains(receivingOffice) ? .receive : .guidance(competentOffices: allowed)
    }
}
