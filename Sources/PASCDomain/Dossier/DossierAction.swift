/// What can happen to a dossier. Most actions move its status; the record-only ones (transfers,
/// apology letters, lateness alerts, corrections, postal work) leave it where it is and are taken
/// through their own routes, which ask for what they need (a receiver, a new date, a tracking number).
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
    /// The dossier is handed over to an agency (from the one-stop office, or between agencies).
    case transfer
    /// The agency's head apologises and sets a new appointment date (at most once).
    case apologise
    /// The lateness sweep: one working day before the appointment the dossier is unfinished.
    case alertLate
    /// A mistaken earlier record is corrected (never edited), approved by a leader.
    case correct
    /// Postal staff picked up the papers from the applicant and handed them to the office.
    case postalPickUp
    /// Postal staff took the result for delivery, with a tracking number.
    case postalDispatch
    /// A scan of a paper or of the result is attached (digitisation).
    case attachDocument

    /// The statuses the action may start from, and where it leads (nil: the status stays).
    public var transition: (from: Set<DossierStatus>, to: DossierStatus?) {
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
        case .transfer: ([.accepted, .processing], nil)
        case .apologise: (DossierStatus.unfinished, nil)
        case .alertLate: ([.accepted, .processing, .paymentRequested], nil)
        case .correct: (Set(DossierStatus.allCases), nil)
        case .postalPickUp: ([.registered, .accepted], nil)
        case .postalDispatch: ([.resultReady], nil)
        case .attachDocument: ([.registered, .accepted, .processing, .supplementRequested, .paymentRequested, .resultReady], nil)
        }
    }

    /// Whether the action moves the dossier to another status.
    public var changesStatus: Bool { transition.to != nil }

    /// Actions that must give a reason (the applicant is told why).
    public var requiresReason: Bool { [.refuse, .requestSupplement, .stopProcessing, .withdraw, .apologise, .correct].contains(self) }

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
        case .transfer: "chuyển hồ sơ"
        case .apologise: "xin lỗi và hẹn lại"
        case .alertLate: "cảnh báo sắp quá hạn"
        case .correct: "đính chính"
        case .postalPickUp: "bưu điện nhận hồ sơ"
        case .postalDispatch: "bưu điện phát kết quả"
        case .attachDocument: "số hóa giấy tờ"
        }
    }
}
