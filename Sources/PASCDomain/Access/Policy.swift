import Foundation

/// Who may call a route. Every route declares one; a route without one is refused.
public enum Policy: Hashable, Sendable, CustomStringConvertible {
    /// Anyone, signed in or not (public data only).
    case everyone
    /// Any signed-in, enabled staff member.
    case staff
    /// Staff holding one of these roles, anywhere.
    case roles(Set<Role>)
    /// Staff holding one of these roles whose scope covers the office the request names
    /// (an officer: that office; a leader: an office in their subtree).
    case atOffice(Set<Role>)
    /// Staff holding one of these roles whose scope covers the agency the request names.
    case forAgency(Set<Role>)
    /// Staff with the dossier in their scope: officers and postal staff of its receiving or return
    /// office, specialists of its agency, leaders above those offices or heading that agency.
    /// Administrators manage master data and do not see dossiers.
    case forDossier

    public var description: String {
        func names(_ roles: Set<Role>) -> String { roles.sorted().map(\.rawValue).joined(separator: "|") }
        switch self {
        case .everyone: return "everyone"
        case .staff: return "staff"
        case .roles(let roles): return "roles(\(names(roles)))"
        case .atOffice(let roles): return "atOffice(\(names(roles)))"
        case .forAgency(let roles): return "forAgency(\(names(roles)))"
        case .forDossier: return "forDossier"
        }
    }
}

/// What a request is about, for scope checks.
public struct PolicyTarget: Sendable {
    public var office: OfficeCode?
    public var agency: String?
    /// For a dossier: its receiving office and the office chosen for the result (its agency is `agency`).
    public var dossierOffices: [OfficeCode]
    /// For a dossier in an inter-agency step: the agency holding it now.
    public var holderAgency: String?

    public init(office: OfficeCode? = nil, agency: String? = nil, dossierOffices: [OfficeCode] = [], holderAgency: String? = nil) {
        self.office = office
        self.agency = agency
        self.dossierOffices = dossierOffices
        self.holderAgency = holderAgency
    }
}

/// The outcome of a policy check, with what was missing (never the data itself).
public enum PolicyDecision: Equatable, Sendable {
    case allowed
    /// No (valid) credentials: 401.
    case unauthenticated
    /// Credentials, but not the right role or scope: 403 naming what is missing.
    case forbidden(missing: String)
}

extension Policy {
    /// Decides whether `member` (nil when anonymous) may act on `target`.
    public func decide(_ member: StaffMember?, target: PolicyTarget, tree: OfficeTree) -> PolicyDecision {
        if case .everyone = self { return .allowed }
        guard let member, !member.disabled else { return .unauthenticated }
        switch self {
        case .everyone, .staff:
            return .allowed
        case .roles(let roles):
            return member.roles.isDisjoint(with: roles) ? .forbidden(missing: Self.roleText(roles)) : .allowed
        case .atOffice(let roles):
            let held = member.roles.intersection(roles)
            guard !held.isEmpty else { return .forbidden(missing: Self.roleText(roles)) }
            guard let office = target.office else { return .forbidden(missing: "office scope") }
            let covered = member.scope.offices.contains { root in
                root == office || (held.contains(.leader) && tree.isInSubtree(office, of: root))
            }
            return covered ? .allowed : .forbidden(missing: "office scope \(office)")
        case .forAgency(let roles):
            guard !member.roles.isDisjoint(with: roles) else { return .forbidden(missing: Self.roleText(roles)) }
            guard let agency = target.agency else { return .forbidden(missing: "agency scope") }
            return member.scope.agencies.contains(agency) ? .allowed : .forbidden(missing: "agency scope \(agency)")
        case .forDossier:
            let officeRoles = member.roles.intersection([.receptionOfficer, .postal, .leader])
            let agencyRoles = member.roles.intersection([.specialist, .leader])
            guard !officeRoles.isEmpty || !agencyRoles.isEmpty else {
                return .forbidden(missing: Self.roleText([.receptionOfficer, .postal, .specialist, .leader]))
            }
            let byOffice =
                !officeRoles.isEmpty
                && target.dossierOffices.contains { office in
                    member.scope.offices.contains { root in root == office || (officeRoles.contains(.leader) && tree.isInSubtree(office, of: root)) }
                }
            let byAgency = !agencyRoles.isEmpty && [target.agency, target.holderAgency].contains { $0.map(member.scope.agencies.contains) == true }
            return byOffice || byAgency
                ? .allowed : .forbidden(missing: "dossier scope (its receiving or return office, its agency, or the agency holding it)")
        }
    }

    private static func roleText(_ roles: Set<Role>) -> String {
        "role " + roles.sorted().map(\.rawValue).joined(separator: " or ")
    }
}
