/// A decision that widens or narrows the boundary-free list (danh mục thủ tục tiếp nhận không
/// phụ thuộc địa giới hành chính): which procedures, from which phase, and from when.
///
/// The list is decided phase by phase by the province, so PASC keeps each decision with its
/// number, signing date and effective date; a procedure's status on a day is the latest decision
/// effective by then. References the demo data cannot name are marked `demoReference`.
public struct BoundaryFreeDecision: Hashable, Sendable {
    public let number: String
    public let signedOn: LocalDate
    public let effectiveOn: LocalDate
    /// The phase the added procedures join; nil when the decision only removes.
    public let phase: Int?
    public let additions: [ProcedureCode]
    public let removals: [ProcedureCode]
    /// True when the number and dates are placeholders (the demo), not a real decision.
    public let demoReference: Bool
    public let note: String

    public init(
        number: String,
        signedOn: LocalDate,
        effectiveOn: LocalDate,
        phase: Int?,
        additions: [ProcedureCode],
        removals: [ProcedureCode],
        demoReference: Bool,
        note: String
    ) throws(ValidationErrors) {
        var errors: [ValidationError] = []
        let number = TextFolding.normalize(number)
        if number.isEmpty || number.count > 100 {
            errors.append(
                .init(
                    field: "number",
                    message: "Số quyết định phải có từ 1 đến 100 ký tự.",
                    messageEn: "number must have 1 to 100 characters."
                )
            )
        }
        if effectiveOn < signedOn {
            errors.append(
                .init(
                    field: "effectiveOn",
                    message: "Ngày hiệu lực \(effectiveOn.vietnameseText) không thể trước ngày ký \(signedOn.vietnameseText).",
                    messageEn: "effectiveOn \(effectiveOn) cannot be before signedOn \(signedOn)."
                )
            )
        }
        if additions.isEmpty, removals.isEmpty {
            errors.append(
                .init(
                    field: "additions",
                    message: "Quyết định phải thêm hoặc bỏ ít nhất một thủ tục.",
                    messageEn: "A decision must add or remove at least one procedure."
                )
            )
        }
        let both = Set(additions).intersection(removals)
        if !both.isEmpty {
            let codes = both.map(\.rawValue).sorted().joined(separator: ", ")
            errors.append(
                .init(
                    field: "removals",
                    message: "Thủ tục vừa thêm vừa bỏ: \(codes).",
                    messageEn: "Procedures both added and removed: \(codes)."
                )
            )
        }
        if !additions.isEmpty, phase == nil {
            errors.append(
                .init(field: "phase", message: "Cần nêu giai đoạn cho các thủ tục được thêm.", messageEn: "phase is required when adding procedures.")
            )
        }
        if let phase, !(1...99).contains(phase) {
            errors.append(.init(field: "phase", message: "Giai đoạn phải từ 1 đến 99.", messageEn: "phase must be from 1 to 99."))
        }
        guard errors.isEmpty else { throw ValidationErrors(errors) }
        self.number = number
        self.signedOn = signedOn
        self.effectiveOn = effectiveOn
        self.phase = additions.isEmpty ? nil : phase
        self.additions = Array(Set(additions)).sorted()
        self.removals = Array(Set(removals)).sorted()
        self.demoReference = demoReference
        self.note = TextFolding.normalize(note)
    }
}
