import Foundation
import PASCDomain

/// The fields of a master-data record as text, for the change record: old and new value of each
/// field that changed, so an auditor reads "counters: 4 → 6" without decoding a whole record.
public enum ChangeSnapshot {
    public typealias Fields = [String: String?]

    public static func fields(_ office: Office) -> Fields {
        [
            "name": office.name,
            "nameEn": office.nameEn,
            "level": office.level.rawValue,
            "parentCode": office.parentCode?.rawValue,
            "unitCode": office.unitCode,
            "areaType": office.areaType.rawValue,
            "location": "\(office.location.coordinate.latitude),\(office.location.coordinate.longitude)"
                + (office.location.approximate ? " (approximate)" : "") + " from \(office.location.source)",
            "address": office.address,
            "openingHours": office.openingHours.specification,
            "counters": String(office.counters),
        ]
    }

    public static func fields(_ p: Procedure) -> Fields {
        var limit = "\(p.timeLimit.unit) \(p.timeLimit.value)"
        if let cutoff = p.timeLimit.cutoff { limit += " cutoff \(cutoff)" }
        return [
            "name": p.name,
            "nameEn": p.nameEn,
            "field": p.field,
            "level": p.level.rawValue,
            "demoLevel": p.demoLevel.rawValue,
            "competentAgency": p.competentAgencyText,
            "agencyKind": p.agencyKind.rawValue,
            "agencyCode": p.agencyCode,
            "competenceBasis": p.competenceBasis.rawValue,
            "timeLimit": limit,
            "feeVND": p.feeVND.map(String.init),
            "requiredPapers": p.requiredPapers.joined(separator: "\n"),
            "onlineLevel": p.onlineLevel?.rawValue,
            "paymentStopsClock": String(p.paymentStopsClock),
            "stepBudgets": p.stepBudgets.map { "\($0.step) \($0.workingDays)" }.joined(separator: ", "),
            "notes": p.notes,
        ]
    }

    public static func fields(_ day: AnnouncedDay) -> Fields {
        ["kind": day.kind.rawValue, "name": day.name, "nameEn": day.nameEn, "reference": day.reference]
    }

    /// The old and new values (JSON objects) of the fields that differ; every field when one side is absent.
    public static func diff(old: Fields?, new: Fields?) -> (old: String?, new: String?) {
        let keys = Set((old ?? [:]).keys).union((new ?? [:]).keys).filter { key in
            old == nil || new == nil || (old?[key] ?? nil) != (new?[key] ?? nil)
        }
        func encode(_ fields: Fields?) -> String? {
            guard let fields else { return nil }
            let kept = fields.filter { keys.contains($0.key) }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            return (try? encoder.encode(kept)).flatMap { String(data: $0, encoding: .utf8) }
        }
        return (encode(old), encode(new))
    }
}
