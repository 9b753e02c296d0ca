import Foundation

/// An administrative procedure of the catalog (thủ tục hành chính).
public struct Procedure: Hashable, Sendable {
    public let code: ProcedureCode
    public let name: String
    public let nameEn: String
    /// Field (lĩnh vực), Vietnamese, e.g. `Hộ tịch`.
    public let field: String
    /// Level that decides it today (catalog).
    public let level: ProcedureLevel
    /// Level that decides it in the 2024 demo network (formerly district-level procedures).
    public let demoLevel: ProcedureLevel
    /// The catalog's free-text name of the competent agency.
    public let competentAgencyText: String
    public let agencyKind: Agency.Kind
    /// The one agency that decides, when `competenceBasis` is `namedAgency`.
    public let agencyCode: String?
    public let competenceBasis: CompetenceBasis
    public let timeLimit: TimeLimit
    /// Fee in whole VND, nil when set by the province or unknown.
    public let feeVND: Int?
    public let requiredPapers: [String]
    public let onlineLevel: OnlineLevel?
    /// Boundary-free (phi địa giới) from this phase, nil when not boundary-free.
    public let boundaryFreePhase: Int?
    /// Whether the legal clock stops while a financial obligation is being paid.
    public let paymentStopsClock: Bool
    public let stepBudgets: [StepBudget]
    public let notes: String
    public let source: String

    public var isBoundaryFree: Bool { boundaryFreePhase != nil }

    public init(
        code: ProcedureCode,
        name: String,
        nameEn: String,
        field: String,
        level: ProcedureLevel,
        demoLevel: ProcedureLevel,
        competentAgencyText: String,
        agencyKind: Agency.Kind,
        agencyCode: String?,
        competenceBasis: CompetenceBasis,
        timeLimit: TimeLimit,
        feeVND: Int?,
        requiredPapers: [String],
        onlineLevel: OnlineLevel?,
        boundaryFreePhase: Int?,
        paymentStopsClock: Bool,
        stepBudgets: [StepBudget],
        notes: String,
        source: String
    ) throws(ValidationErrors) {
        var errors: [ValidationError] = []
        if TextFolding.normalize(name).isEmpty {
            errors.append(.init(field: "name", message: "Tên thủ tục không được để trống.", messageEn: "name must not be empty."))
        }
        if let fee = feeVND, fee < 0 {
            errors.append(.init(field: "feeVND", message: "Lệ phí không được âm.", messageEn: "feeVND must not be negative."))
        }
        if competenceBasis == .namedAgency, agencyCode?.isEmpty ?? true {
            errors.append(
                .init(
                    field: "agencyCode",
                    message: "Thủ tục do một cơ quan xác định phải nêu mã cơ quan.",
                    messageEn: "A namedAgency procedure needs agencyCode."
                )
            )
        }
        if let phase = boundaryFreePhase, phase < 1 {
            errors.append(
                .init(field: "boundaryFreePhase", message: "Giai đoạn phải từ 1 trở lên.", messageEn: "boundaryFreePhase must be 1 or more.")
            )
        }
        switch timeLimit {
        case .workingDays(let n), .calendarDays(let n):
            let sum = stepBudgets.reduce(0) { $0 + $1.workingDays }
            if !stepBudgets.isEmpty, sum != n {
                errors.append(
                    .init(
                        field: "stepBudgets",
                        message: "Tổng thời hạn các bước (\(sum)) phải bằng thời hạn giải quyết (\(n)).",
                        messageEn: "Step budgets add up to \(sum) but the time limit is \(n)."
                    )
                )
            }
        case .workingHours, .sameDay: break
        }
        guard errors.isEmpty else { throw ValidationErrors(errors) }
        self.code = code
        self.name = TextFolding.normalize(name)
        self.nameEn = TextFolding.normalize(nameEn)
        self.field = TextFolding.normalize(field)
        self.level = level
        self.demoLevel = demoLevel
        self.competentAgencyText = TextFolding.normalize(competentAgencyText)
        self.agencyKind = agencyKind
        self.agencyCode = agencyCode
        self.competenceBasis = competenceBasis
        self.timeLimit = timeLimit
        self.feeVND = feeVND
        self.requiredPapers = requiredPapers.map(TextFolding.normalize)
        self.onlineLevel = onlineLevel
        self.boundaryFreePhase = boundaryFreePhase
        self.paymentStopsClock = paymentStopsClock
        self.stepBudgets = stepBudgets
        self.notes = TextFolding.normalize(notes)
        self.source = source
    }

    /// The key the search matches against: code, names and field, folded (see ``TextFolding/searchKey(_:)``).
    public var searchText: String {
        TextFolding.searchKey([code.rawValue, name, nameEn, field].joined(separator: " "))
    }
}
