/// What can be done to a dossier that changes its status. Other events (transfers between
/// agencies, hand-overs, apology letters, alerts, corrections, postal work) leave the status as it is.
public enum DossierAction: String, CaseIterable, Sendable, Codable {
    /// The one-stop office accepts an online or postal submission.
    case accept
    /// The one-stop office refuses a submission, with reason and legal basis.
    case refuse
    /// The competent agency starts processing.
    case startProcessing
    /// A supplement is asked for (through the one-stop office only), listing every missing paper.
    case requestSupplement
    /// The applicant's papers are complete again; the clock restarts.
    case completeSupplement
    /// A fee or tax is to be paid.
    case requestPayment
    /// The payment is recorded.
    case recordPayment
    /// The agency's result is ready, with its document.
    case markResultReady
    /// The result is handed over (at an office, by post or electronically).
    case returnResult
    /// The applicant withdraws the dossier.
    case withdraw
    /// Processing stops, with a notice.
    case stopProcessing

    /// The statuses the action may start from, and where it leads.
    public var transition: (from: Set<DossierStatus>, to: DossierStatus) {
        switch self {
        case .accept: ([.registered], .accepted)
        case .refuse: ([.registered], .refused)
        case .startProcessing: ([.accepted], .processing)
        case .requestSupplement: ([.processing], .supplementRequested)
        case .completeSupplement: ([.supplementRequested], .processing)
        case .requestPayment: ([.processing], .paymentRequested)
        case .recordPayment: ([.paymentRequested], .processing)
        case .markResultReady: ([.processing], .resultReady)
        case .returnResult: ([.resultReady], .returned)
        case .withdraw: ([.registered, .accepted, .processing, .supplementRequested, .paymentRequested], .withdrawn)
        case .stopProcessing: ([.processing, .supplementRequested, .paymentRequested], .stopped)
        }
    }

    /// Actions that must give a reason (the applicant is told why).
    public var requiresReason: Bool { [.refuse, .requestSupplement, .stopProcessing, .withdraw].contains(self) }

    public var name: String {
        switch self {
        case .accept: "tiếp nhận"
        case .refuse: "từ chối tiếp nhận"
        case .startProcessing: "bắt đầu xử lý"
        case .requestSupplement: "yêu cầu bổ sung"
        case .completeSupplement: "nhận đủ hồ sơ bổ sung"
        case .requestPayment: "yêu cầu thực hiện nghĩa vụ tài chính"
        case .recordPayment: "ghi nhận đã nộp"
        case .markResultReady: "có kết quả"
        case .returnResult: "trả kết quả"
        case .withdraw: "rút hồ sơ"
        case .stopProcessing: "dừng xử lý"
        }
    }
}
