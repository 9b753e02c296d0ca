import Foundation

/// How the agency competent for a dossier is found.
public enum CompetenceBasis: String, CaseIterable, Codable, Sendable {
    /// The agency of the applicant's home unit (civil status, residence, household business).
    case applicantHome
    /// The agency where the land or building is (land, construction, property transactions).
    case propertyLocation
    /// Any unit may decide: the receiving office's own unit's agency (certifications, ID cards).
    case anyUnit
    /// One named agency (a provincial department).
    case namedAgency
}

/// How far a procedure can be done online (mức độ dịch vụ công trực tuyến).
public enum OnlineLevel: String, CaseIterable, Codable, Sendable {
    /// Toàn trình: entirely online.
    case full
    /// Một phần: partly online.
    case partial
    /// In person only.
    case none
}

/// Level of government that decides a procedure.
public enum ProcedureLevel: String, CaseIterable, Codable, Sendable {
    case commune
    case district
    case province
}

/// One step of the processing with its share of the time limit (e-par's stepwise budgets).
public struct StepBudget: Hashable, Sendable, Codable {
    /// Step name (`processing`, `approval`) or an agency kind for inter-agency procedures.
    public let step: String
    public let workingDays: Int

    public init(step: String, workingDays: Int) throws(ValidationError) {
        guard !step.isEmpty, workingDays >= 0 else {
            throw ValidationError(
                field: "stepBudgets",
                message: "Bước '\(step)' phải có tên và số ngày không âm.",
                messageEn: "Step '\(step)' needs a name and a non-negative number of days."
            )
        }
        self.step = step
        self.workingDays = workingDays
    }

    /// Parses `processing:2;approval:1`.
    public static func parseList(_ text: String) throws(ValidationError) -> [StepBudget] {
        var result: [StepBudget] = []
        for item in text.split(separator: ";") where !item.isEmpty {
            let parts = item.split(separator: ":").map(String.init)
            guard parts.count == 2, let days = Int(parts[1]) else {
                throw ValidationError(
                    field: "stepBudgets",
                    message: "Phân bổ thời hạn '\(text)' phải có dạng buoc:so_ngay;buoc:so_ngay.",
                    messageEn: "Step budgets '\(text)' must look like step:days;step:days."
                )
            }
            result.append(try StepBudget(step: parts[0], workingDays: days))
        }
        return result
    }
}
