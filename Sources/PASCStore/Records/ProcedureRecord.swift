import PASCDomain
import SQLKit

/// Mapping between ``Procedure`` and `procedures`, including the folded search columns.
enum ProcedureRecord {
    /// Procedures with their boundary-free phase on `day` (the latest decision entry effective by
    /// then; null when none or when it removed the procedure), as a table ending in `WHERE 1 = 1`.
    static func select(on day: LocalDate) -> SQLQueryString {
        """
        SELECT * FROM (
            SELECT procedures.*, (
                SELECT e.phase FROM boundary_free_entries e
                WHERE e.procedure_code = procedures.code AND e.effective_on <= \(bind: day.description)
                ORDER BY e.effective_on DESC, e.decision_id DESC LIMIT 1
            ) AS boundary_free_phase
            FROM procedures
        ) AS p WHERE 1 = 1
        """
    }

    /// Changes every column an administrator may edit.
    static func update(_ p: Procedure) throws -> SQLQueryString {
        """
        UPDATE procedures SET name = \(bind: p.name), name_en = \(bind: p.nameEn), field = \(bind: p.field),
            field_folded = \(bind: TextFolding.fold(p.field)), time_limit_unit = \(bind: p.timeLimit.unit),
            time_limit_value = \(bind: p.timeLimit.value), same_day_cutoff = \(bind: p.timeLimit.cutoff?.description),
            fee_vnd = \(bind: p.feeVND), required_papers = \(bind: try JSONColumn.encode(p.requiredPapers)),
            online_level = \(bind: p.onlineLevel?.rawValue), payment_stops_clock = \(bind: p.paymentStopsClock ? 1 : 0),
            step_budgets = \(bind: try JSONColumn.encode(p.stepBudgets)), notes = \(bind: p.notes), search_text = \(bind: p.searchText)
        WHERE code = \(bind: p.code.rawValue)
        """
    }

    static func insert(_ p: Procedure) throws -> SQLQueryString {
        """
        INSERT INTO procedures (
            code, name, name_en, field, field_folded, level, demo_level, competent_agency_text, agency_kind, agency_code,
            competence_basis, time_limit_unit, time_limit_value, same_day_cutoff, fee_vnd, required_papers, online_level,
            payment_stops_clock, step_budgets, notes, source, search_text
        ) VALUES (
            \(bind: p.code.rawValue), \(bind: p.name), \(bind: p.nameEn), \(bind: p.field), \(bind: TextFolding.fold(p.field)),
            \(bind: p.level.rawValue), \(bind: p.demoLevel.rawValue), \(bind: p.competentAgencyText), \(bind: p.agencyKind.rawValue),
            \(bind: p.agencyCode), \(bind: p.competenceBasis.rawValue), \(bind: p.timeLimit.unit), \(bind: p.timeLimit.value),
            \(bind: p.timeLimit.cutoff?.description), \(bind: p.feeVND), \(bind: try JSONColumn.encode(p.requiredPapers)),
            \(bind: p.onlineLevel?.rawValue), \(bind: p.paymentStopsClock ? 1 : 0),
            \(bind: try JSONColumn.encode(p.stepBudgets)), \(bind: p.notes), \(bind: p.source), \(bind: p.searchText)
        )
        """
    }

    static func decode(_ row: any SQLRow) throws -> Procedure {
        let code = try row.decode(column: "code", as: String.self)
        do {
            return try Procedure(
                code: ProcedureCode(code),
                name: row.decode(column: "name", as: String.self),
                nameEn: row.decode(column: "name_en", as: String.self),
                field: row.decode(column: "field", as: String.self),
                level: enumValue(row, "level"),
                demoLevel: enumValue(row, "demo_level"),
                competentAgencyText: row.decode(column: "competent_agency_text", as: String.self),
                agencyKind: enumValue(row, "agency_kind"),
                agencyCode: row.decode(column: "agency_code", as: String?.self),
                competenceBasis: enumValue(row, "competence_basis"),
                timeLimit: TimeLimit(
                    unit: row.decode(column: "time_limit_unit", as: String.self),
                    value: row.decode(column: "time_limit_value", as: Int.self),
                    cutoff: row.decode(column: "same_day_cutoff", as: String?.self).map { try TimeOfDay(parsing: $0) }
                ),
                feeVND: row.decode(column: "fee_vnd", as: Int?.self),
                requiredPapers: JSONColumn.decode([String].self, from: row.decode(column: "required_papers", as: String.self)),
                onlineLevel: row.decode(column: "online_level", as: String?.self).flatMap(OnlineLevel.init(rawValue:)),
                boundaryFreePhase: row.decode(column: "boundary_free_phase", as: Int?.self),
                paymentStopsClock: row.decode(column: "payment_stops_clock", as: Int.self) != 0,
                stepBudgets: JSONColumn.decode([StepBudget].self, from: row.decode(column: "step_budgets", as: String.self)),
                notes: row.decode(column: "notes", as: String.self),
                source: row.decode(column: "source", as: String.self)
            )
        } catch {
            throw CorruptRecord(table: "procedures", key: code, reason: "\(error)")
        }
    }
}
