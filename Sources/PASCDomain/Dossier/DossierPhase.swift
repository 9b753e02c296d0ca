/// The coarse status the public reads first, beside the fine one (Open311 keeps a coarse status
/// next to `status_notes` for the same reason): where the dossier is, in words anyone knows.
public enum DossierPhase: String, Sendable, CaseIterable, Codable {
    case received
    case inProgress
    /// The agency waits for papers or a payment from the applicant; the clock may stand still.
    case waitingForApplicant
    /// The result is ready to be collected or sent.
    case done
    case returned
    case refused
    case withdrawn
    case stopped

    public var name: String {
        switch self {
        case .received: "Đã tiếp nhận"
        case .inProgress: "Đang giải quyết"
        case .waitingForApplicant: "Chờ bổ sung từ người nộp"
        case .done: "Đã có kết quả"
        case .returned: "Đã trả kết quả"
        case .refused: "Từ chối tiếp nhận"
        case .withdrawn: "Đã rút hồ sơ"
        case .stopped: "Dừng giải quyết"
        }
    }

    public var nameEn: String {
        switch self {
        case .received: "received"
        case .inProgress: "in progress"
        case .waitingForApplicant: "waiting for the applicant"
        case .done: "done"
        case .returned: "returned"
        case .refused: "refused"
        case .withdrawn: "withdrawn"
        case .stopped: "stopped"
        }
    }

    /// Open311's two statuses: closed once nothing more will happen.
    public var isOpen: Bool { ![.returned, .refused, .withdrawn, .stopped].contains(self) }
}

extension DossierStatus {
    public var phase: DossierPhase {
        switch self {
        case .registered, .accepted: .received
        case .processing: .inProgress
        case .supplementRequested, .paymentRequested: .waitingForApplicant
        case .resultReady: .done
        case .returned: .returned
        case .refused: .refused
        case .withdrawn: .withdrawn
        case .stopped: .stopped
        }
    }
}
