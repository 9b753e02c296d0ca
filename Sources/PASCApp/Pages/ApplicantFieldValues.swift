import Foundation
import PASCCore
import PASCDomain

/// The values of the shared field groups `applicant-fields` and `delivery-fields` (the counter's
/// reception form and the online submission): the choices, what was typed, and the errors by field.
enum ApplicantFieldValues {
    static func values(
        form: PageForm?,
        errors: [String: String],
        returnOffice: String?,
        delivery: String,
        directory: Directory,
        network: NetworkCache,
        text: PageText,
        language lang: PageLanguage
    ) async throws -> [String: Any] {
        let offices = try await network.network().offices
        var values: [String: Any] = [
            "communes": try await PublicPagesController.communes(directory, selected: form?.value("homeUnit")),
            "propertyCommunes": try await PublicPagesController.communes(directory, selected: form?.value("propertyUnit")),
            "offices": offices.sorted { $0.code.rawValue < $1.code.rawValue }.map {
                ["code": $0.code.rawValue, "name": lang == .vi ? $0.name : $0.nameEn, "selected": $0.code.rawValue == returnOffice]
            },
            "deliveryOffice": delivery == "office",
            "deliveryPost": delivery == "post",
            "deliveryElectronic": delivery == "electronic",
            "organisation": form?.value("kind") == "organisation",
            "idKinds": PersonalID.Kind.allCases.map {
                [
                    "value": $0.rawValue, "label": text.text("idkind_" + $0.rawValue, lang),
                    "selected": (form?.value("idKind") ?? "citizenID") == $0.rawValue,
                ]
            },
            // Each error under its field (ids `e-<field>`), and all of them in a summary at the top.
            "errors": errors,
            "errorList": errors.sorted { $0.key < $1.key }.map { ["field": $0.key, "message": $0.value] },
            "hasErrors": !errors.isEmpty,
        ]
        for name in ["name", "idNumber", "birthYear", "phone", "taxCode", "address", "deliveryAddress", "reason", "legalBasis"] {
            values["v_" + name] = form?.value(name) as Any
        }
        return values
    }
}
