import PASCDomain

/// `procedures.csv` (the catalog as published) joined with `procedure-rules.csv` (its free-text
/// rules made structured, derived and marked) → ``Procedure`` values.
enum DemoProcedureRows {
    static func parse(catalog: CSVTable, rules: CSVTable) throws -> [Procedure] {
        try catalog.require(columns: [
            "code", "name_vi", "name_en", "field", "level", "competent_agency", "fee_vnd", "online_level", "required_documents", "source", "notes",
        ])
        try rules.require(columns: [
            "code", "time_limit_unit", "time_limit_value", "same_day_cutoff", "demo_level", "agency_kind", "agency_code",
            "competence_basis", "boundary_free_phase", "payment_stops_clock", "step_budgets",
        ])
        var ruleByCode: [String: [String: String]] = [:]
        for row in rules.rows { ruleByCode[row["code"] ?? ""] = row }
        return try catalog.rows.enumerated().map { index, row in
            try rowContext("procedures.csv", index) {
                let code = try row.required("code")
                guard let rule = ruleByCode[code] else {
                    throw ValidationError(
                        field: "code",
                        message: "Thiếu quy tắc cho thủ tục \(code).",
                        messageEn: "procedure-rules.csv has no row for \(code)"
                    )
                }
                return try Procedure(
                    code: ProcedureCode(code),
                    name: row.required("name_vi"),
                    nameEn: row["name_en"] ?? "",
                    field: row.required("field"),
                    level: row.requiredEnum("level", ProcedureLevel.self),
                    demoLevel: rule.requiredEnum("demo_level", ProcedureLevel.self),
                    competentAgencyText: row["competent_agency"] ?? "",
                    agencyKind: rule.requiredEnum("agency_kind", Agency.Kind.self),
                    agencyCode: rule.optional("agency_code"),
                    competenceBasis: rule.requiredEnum("competence_basis", CompetenceBasis.self),
                    timeLimit: TimeLimit(
                        unit: rule.required("time_limit_unit"),
                        value: rule.requiredInt("time_limit_value"),
                        cutoff: rule.optional("same_day_cutoff").map { try TimeOfDay(parsing: $0) }
                    ),
                    feeVND: row.optional("fee_vnd").map { text in
                        guard let fee = Int(text) else {
                            throw ValidationError(
                                field: "fee_vnd",
                                message: "Lệ phí '\(text)' không phải số.",
                                messageEn: "fee '\(text)' is not whole VND"
                            )
                        }
                        return fee
                    },
                    requiredPapers: (row["required_documents"] ?? "").split(separator: ";").map(String.init).filter { !$0.isEmpty },
                    onlineLevel: row.optional("online_level").map { text in
                        guard let level = OnlineLevel(rawValue: text) else {
                            throw ValidationError(
                                field: "online_level",
                                message: "Mức trực tuyến '\(text)' không hợp lệ.",
                                messageEn: "unknown online level '\(text)'"
                            )
                        }
                        return level
                    },
                    boundaryFreePhase: rule.optional("boundary_free_phase").map { _ in try rule.requiredInt("boundary_free_phase") },
                    paymentStopsClock: rule.yesNo("payment_stops_clock"),
                    stepBudgets: StepBudget.parseList(rule["step_budgets"] ?? ""),
                    notes: row["notes"] ?? "",
                    source: row["source"] ?? ""
                )
            }
        }
    }
}
