/// A paper handed in at reception: its name (from the procedure's list) and how many originals
/// and copies came (Decree 61/2018 Art. 16 asks the receipt to list them).
public struct HandedPaper: Hashable, Sendable {
    public let name: String
    public let originals: Int
    public let copies: Int

    public init(name: String, originals: Int, copies: Int) throws(ValidationError) {
        let name = TextFolding.normalize(name)
        guard !name.isEmpty, name.count <= 300 else {
            throw ValidationError(
                field: "name",
                message: "Cần tên giấy tờ (tối đa 300 ký tự).",
                messageEn: "A paper's name is required (at most 300 characters)."
            )
        }
        guard originals >= 0, copies >= 0, originals + copies >= 1, originals + copies <= 100 else {
            throw ValidationError(
                field: "originals",
                message: "Số bản chính và bản sao từ 0 đến 100, tổng ít nhất 1.",
                messageEn: "Originals and copies are 0–100 each, at least 1 in all."
            )
        }
        self.name = name
        self.originals = originals
        self.copies = copies
    }
}

/// What the reception officer decides about a submission. Directive 10/CT-TTg: a request to
/// complete lists every missing paper at once, and a second one for the same submission needs
/// the office's leader and a reason; a refusal gives its reason and legal basis (Form 03).
public enum ReceptionDecision: Hashable, Sendable {
    case accept
    case requestCompletion(missing: [String], overrideReason: String?)
    case refuse(reason: String, legalBasis: String)

    /// Checks the decision's own fields (the "second request" rule needs the store: see ``SecondCompletionRequest``).
    public static func checkedCompletionRequest(missing: [String], overrideReason: String?) throws(ValidationErrors) -> ReceptionDecision {
        let papers = missing.map(TextFolding.normalize).filter { !$0.isEmpty }
        guard !papers.isEmpty, papers.count <= 30, papers.allSatisfy({ $0.count <= 300 }) else {
            throw ValidationErrors([
                ValidationError(
                    field: "missingPapers",
                    message: "Phiếu yêu cầu bổ sung phải liệt kê một lần đầy đủ các giấy tờ còn thiếu (1–30 mục, mỗi mục tối đa 300 ký tự).",
                    messageEn: "A request to complete must list every missing paper at once (1–30 items of at most 300 characters)."
                )
            ])
        }
        let reason = overrideReason.map(TextFolding.normalize).flatMap { $0.isEmpty ? nil : $0 }
        return .requestCompletion(missing: papers, overrideReason: reason)
    }

    public static func checkedRefusal(reason: String?, legalBasis: String?) throws(ValidationErrors) -> ReceptionDecision {
        var errors: [ValidationError] = []
        let reason = TextFolding.normalize(reason ?? "")
        let basis = TextFolding.normalize(legalBasis ?? "")
        if reason.isEmpty {
            errors.append(ValidationError(field: "reason", message: "Phiếu từ chối phải nêu lý do.", messageEn: "A refusal must give its reason."))
        }
        if basis.isEmpty {
            errors.append(
                ValidationError(
                    field: "legalBasis",
                    message: "Phiếu từ chối phải nêu căn cứ pháp lý.",
                    messageEn: "A refusal must name its legal basis."
                )
            )
        }
        guard errors.isEmpty else { throw ValidationErrors(errors) }
        return .refuse(reason: reason, legalBasis: basis)
    }
}

/// A second request to complete the same submission without the office leader's reason.
public struct SecondCompletionRequest: Error, Equatable, Sendable {
    public let submission: String
    public let previousRequests: Int

    public init(submission: String, previousRequests: Int) {
        self.submission = submission
        self.previousRequests = previousRequests
    }

    public var message: String {
        "Hồ sơ nộp \(submission) đã được yêu cầu bổ sung \(previousRequests) lần; yêu cầu thêm phải do lãnh đạo đơn vị ghi lý do."
    }

    public var messageEn: String {
        "Submission \(submission) already had \(previousRequests) request(s) to complete; another one needs the office's leader and a reason."
    }
}

/// How a submission ended at the counter (each one is counted in the public statistics).
public enum SubmissionOutcome: String, CaseIterable, Sendable {
    /// Not receivable here: the competent offices were named.
    case guidance
    /// The applicant was asked to complete the papers (Form 02).
    case completionRequested
    /// Refused with reason and legal basis (Form 03).
    case refused
    /// Accepted: it became a dossier with a code and a receipt.
    case accepted
}
