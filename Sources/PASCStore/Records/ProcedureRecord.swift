import PASCDomain
import SQLKit

/// Mapping between ``Procedure`` and `procedures`, including the folded search columns.
enum ProcedureRecord {
    static func insert(_ p: Procedure) throws -> SQLQueryString {
        """
        INSERT INTO procedures (
            code, name, name_en, field, field_folded, level, demo_level, competent_agency_text, agency_kind, agency_code,
            competence_basis, time_limit_unit, time_limit_value, same_day_cutoff, fee_vnd, required_papers, online_level,
            boundary_free_phase, payment_stops_clock, step_budgets, notes, source, search_text
        ) VALUES (
            \(bind: p.code.rawValue), \(bind: p.name), \(bind: p.nameEn), \(bind: p.field), \(bind: TextFolding.fold(p.field)),
            \(bind: p.level.rawValue), \(bind: p.demoLevel.rawValue), \(bind: p.competentAgencyText), \(bind: p.agencyKind.rawValue),
            \(bind: p.agencyCode), \(bind: p.competenceBasis.rawValue), \(bind: p.timeLimit.unit), \(bind: p.timeLimit.value),
            \(bind: p.timeLimit.cutoff?.description), \(bind: p.feeVND), \(bind: try JSONColumn.encode(p.requiredPapers)),
            \(bind: p.onlineLevel?.rawValue), \(bind: p.boundaryFreePhase), \(bind: p.paymentStopsClock ? 1 : 0),
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
