import PASCDomain

/// What a dashboard is about: the province, a branch with the offices below it, one office, an
/// agency or a procedure. Written `province`, `branch:CODE`, `office:CODE`, `agency:CODE`,
/// `procedure:CODE` in the API.
public enum DashboardScope: Hashable, Sendable, CustomStringConvertible {
    case province
    case branch(OfficeCode)
    case office(OfficeCode)
    case agency(String)
    case procedure(ProcedureCode)

    public var description: String {
        switch self {
        case .province: "province"
        case .branch(let code): "branch:\(code.rawValue)"
        case .office(let code): "office:\(code.rawValue)"
        case .agency(let code): "agency:\(code)"
        case .procedure(let code): "procedure:\(code.rawValue)"
        }
    }

    public init(parsing text: String) throws(ValidationErrors) {
        let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
        let wrong = ValidationErrors([
            ValidationError(
                field: "scope",
                message: "Phạm vi '\(text)' không hợp lệ: province, branch:MÃ, office:MÃ, agency:MÃ hoặc procedure:MÃ.",
                messageEn: "Scope '\(text)' is not valid: province, branch:CODE, office:CODE, agency:CODE or procedure:CODE."
            )
        ])
        switch (parts.first, parts.count) {
        case ("province", 1): self = .province
        case ("branch", 2): self = .branch(try Self.office(parts[1], wrong))
        case ("office", 2): self = .office(try Self.office(parts[1], wrong))
        case ("agency", 2) where !parts[1].isEmpty && parts[1].count <= 64: self = .agency(parts[1])
        case ("procedure", 2):
            guard let code = try? ProcedureCode(parts[1]) else { throw wrong }
            self = .procedure(code)
        default: throw wrong
        }
    }

    private static func office(_ text: String, _ wrong: ValidationErrors) throws(ValidationErrors) -> OfficeCode {
        guard let code = try? OfficeCode(text) else { throw wrong }
        return code
    }

    /// Whether a leader may see it: the province for a leader over the root office; an office or
    /// branch in a leader's subtree; an agency a leader heads, or any for the province's leader;
    /// a procedure (counted province-wide) for the province's leader only.
    public func isVisible(to member: StaffMember, tree: OfficeTree, root: OfficeCode?, agencyExists: Bool) -> Bool {
        guard member.roles.contains(.leader), !member.disabled else { return false }
        let overProvince = root.map { root in member.scope.offices.contains(root) } ?? false
        switch self {
        case .province, .procedure: return overProvince
        case .branch(let code), .office(let code):
            return member.scope.offices.contains { tree.isInSubtree(code, of: $0) }
        case .agency(let code):
            return member.scope.agencies.contains(code) || (overProvince && agencyExists)
        }
    }

    /// The leader's own first scope: the province, else their first office as a branch, else an agency.
    public static func home(of member: StaffMember, root: OfficeCode?) -> DashboardScope? {
        if let root, member.scope.offices.contains(root) { return .province }
        if let office = member.scope.offices.sorted(by: { $0.rawValue < $1.rawValue }).first { return .branch(office) }
        return member.scope.agencies.sorted().first.map { .agency($0) }
    }
}
