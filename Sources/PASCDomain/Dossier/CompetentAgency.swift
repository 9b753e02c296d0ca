/// Finds the agency competent for a dossier from the procedure's competence basis, never from
/// where it happened to be received (unless the law says any unit may decide).
public enum CompetentAgency {
    /// What the routing needs to know about the dossier.
    public struct Facts: Sendable {
        /// GSO code of the applicant's home commune-level unit.
        public var applicantHomeUnit: String?
        /// GSO code of the unit where the land or building is, for property procedures.
        public var propertyUnit: String?
        /// The receiving office's own unit (its commune for a commune point).
        public var receivingUnit: String

        public init(applicantHomeUnit: String?, propertyUnit: String? = nil, receivingUnit: String) {
            self.applicantHomeUnit = applicantHomeUnit
            self.propertyUnit = propertyUnit
            self.receivingUnit = receivingUnit
        }
    }

    /// The competent agency, or an error naming the fact that is missing or matches no agency.
    ///
    /// For `anyUnit` procedures the receiving office's own unit decides; at a branch or the center,
    /// which are not a commune, the applicant's home unit does.
    public static func resolve(_ procedure: Procedure, facts: Facts, agencies: [Agency]) throws(ValidationError) -> Agency {
        func byUnit(_ unit: String?, field: String, what: String, whatEn: String) throws(ValidationError) -> Agency {
            guard let unit, !unit.isEmpty else {
                throw ValidationError(
                    field: field,
                    message: "Thủ tục này do cơ quan nơi \(what) giải quyết: cần nêu đơn vị hành chính đó.",
                    messageEn: "This procedure is decided where \(whatEn): that unit is required."
                )
            }
            let candidates = agencies.filter { $0.kind == procedure.agencyKind && $0.jurisdiction.contains(unit) }
            // The lowest level first: a commune body before a district office for the same unit.
            let order: [Agency.Level: Int] = [.commune: 0, .district: 1, .province: 2]
            guard let agency = candidates.min(by: { (order[$0.level]!, $0.code) < (order[$1.level]!, $1.code) }) else {
                throw ValidationError(
                    field: field,
                    message: "Không có cơ quan loại \(procedure.agencyKind.rawValue) có thẩm quyền tại đơn vị \(unit).",
                    messageEn: "No \(procedure.agencyKind.rawValue) agency is competent for unit \(unit)."
                )
            }
            return agency
        }
        switch procedure.competenceBasis {
        case .namedAgency:
            guard let agency = agencies.first(where: { $0.code == procedure.agencyCode }) else {
                throw ValidationError(
                    field: "procedure",
                    message: "Cơ quan \(procedure.agencyCode ?? "?") của thủ tục không có trong danh mục.",
                    messageEn: "The procedure's agency \(procedure.agencyCode ?? "?") is not in the register."
                )
            }
            return agency
        case .applicantHome:
            return try byUnit(facts.applicantHomeUnit, field: "applicant/homeUnit", what: "người nộp cư trú", whatEn: "the applicant lives")
        case .propertyLocation:
            return try byUnit(facts.propertyUnit, field: "propertyUnit", what: "có đất, nhà", whatEn: "the land or building is")
        case .anyUnit:
            if let own = try? byUnit(facts.receivingUnit, field: "office", what: "tiếp nhận", whatEn: "received") { return own }
            return try byUnit(facts.applicantHomeUnit, field: "applicant/homeUnit", what: "người nộp cư trú", whatEn: "the applicant lives")
        }
    }
}
