import Foundation
import PASCCore
import PASCDomain

/// A dossier's facts and timeline as page values, shared by the public tracking page and the
/// staff's dossier page (which passes a view with the reasons staff typed).
struct DossierPageValues {
    let network: NetworkCache
    let text: PageText
    let language: PageLanguage

    func values(_ view: DossierPublicView) async throws -> [String: Any] {
        let procedure = try await network.procedure(try ProcedureCode(view.procedure))
        let (offices, agencies) = try await network.network()
        func agencyName(_ code: String?) -> String? {
            guard let code else { return nil }
            return agencies.first { $0.code == code }.map { language == .vi ? $0.name : $0.nameEn } ?? code
        }
        func officeName(_ code: String?) -> String? {
            guard let code else { return nil }
            return offices.first { $0.code.rawValue == code }.map { language == .vi ? $0.name : $0.nameEn } ?? code
        }
        func when(_ iso: String?) -> String? { iso.flatMap(VietnamTime.parseInstant).map(PageFormat.dateTime) }
        // Keys of their own: a step without an office must not show the dossier's (Mustache looks
        // a missing key up in the enclosing object).
        let steps: [[String: Any]] = view.steps.map { step in
            [
                "stepAction": text.text("action_" + step.action, language),
                "stepStatus": language == .vi ? step.status.name : step.status.nameEn,
                "stepAt": when(step.at) ?? step.at,
                "stepOffice": officeName(step.office) as Any,
                "stepAgency": agencyName(step.agency) as Any,
                "stepDue": when(step.due) as Any,
                "stepMark": step.timeliness.map { text.text("mark_" + $0, language) } as Any,
                "stepMarkClass": step.timeliness as Any,
                "stepReason": step.reason as Any,
            ]
        }
        var values: [String: Any] = [
            "code": view.code,
            "procedure": procedure.map { language == .vi ? $0.name : $0.nameEn } ?? view.procedure,
            "procedureCode": view.procedure,
            "office": officeName(view.receivingOffice) ?? view.receivingOffice,
            "agency": agencyName(view.agency) ?? view.agency,
            "phase": language == .vi ? view.phase.name : view.phase.nameEn,
            "status": language == .vi ? view.status.name : view.status.nameEn,
            "receivedAt": when(view.receivedAt) ?? view.receivedAt,
            "appointment": when(view.due) ?? view.due,
            "overdue": view.overdue,
            "violation": view.violation,
            "mark": view.timeliness.map { text.text("mark_" + $0, language) } as Any,
            "markClass": view.timeliness as Any,
            "steps": steps,
        ]
        if let apology = view.apology {
            values["apology"] = [
                "reason": apology.reason,
                "at": when(apology.at) ?? apology.at,
                "previousDue": LocalDateTime(iso: apology.previousDue).map(PageFormat.dateTime) ?? apology.previousDue,
                "newDue": LocalDateTime(iso: apology.newDue).map(PageFormat.dateTime) ?? apology.newDue,
            ]
        }
        return values
    }

    func agencyName(_ code: String) async throws -> String {
        try await network.network().agencies.first { $0.code == code }.map { language == .vi ? $0.name : $0.nameEn } ?? code
    }

    func officeName(_ code: String) async throws -> String {
        try await network.network().offices.first { $0.code.rawValue == code }.map { language == .vi ? $0.name : $0.nameEn } ?? code
    }
}
