/// Where a submission or dossier stands, one to one with the national portal's status codes 1–10
/// (`TrangThaiHoSo` in the DVCQG synchronisation).
public enum DossierStatus: String, CaseIterable, Sendable, Codable {
    /// 1 Mới đăng ký: submitted online or by post, not yet checked by the one-stop office.
    case registered
    /// 2 Được tiếp nhận: accepted; it has a dossier code and an appointment.
    case accepted
    /// 3 Không được tiếp nhận: refused at reception (a submission, no dossier code).
    case refused
    /// 4 Đang xử lý: the competent agency is processing it.
    case processing
    /// 5 Yêu cầu bổ sung giấy tờ: waiting for the applicant's papers; the clock is stopped.
    case supplementRequested
    /// 6 Yêu cầu thực hiện nghĩa vụ tài chính: waiting for a fee or tax to be paid.
    case paymentRequested
    /// 7 Công dân yêu cầu rút hồ sơ: withdrawn by the applicant.
    case withdrawn
    /// 8 Dừng xử lý: processing stopped, with a notice.
    case stopped
    /// 9 Đã xử lý xong: the result is ready to be returned.
    case resultReady
    /// 10 Đã trả kết quả: the result was handed over.
    case returned

    public var portalCode: Int {
        switch self {
        case .registered: 1
        case .accepted: 2
        case .refused: 3
        case .processing: 4
        case .supplementRequested: 5
        case .paymentRequested: 6
        case .withdrawn: 7
        case .stopped: 8
        case .resultReady: 9
        case .returned: 10
        }
    }

    public init?(portalCode: Int) {
        guard let status = Self.allCases.first(where: { $0.portalCode == portalCode }) else { return nil }
        self = status
    }

    public var name: String {
        switch self {
        case .registered: "Mới đăng ký"
        case .accepted: "Được tiếp nhận"
        case .refused: "Không được tiếp nhận"
        case .processing: "Đang xử lý"
        case .supplementRequested: "Yêu cầu bổ sung giấy tờ"
        case .paymentRequested: "Yêu cầu thực hiện nghĩa vụ tài chính"
        case .withdrawn: "Công dân yêu cầu rút hồ sơ"
        case .stopped: "Dừng xử lý"
        case .resultReady: "Đã xử lý xong"
        case .returned: "Đã trả kết quả"
        }
    }

    public var nameEn: String {
        switch self {
        case .registered: "registered"
        case .accepted: "accepted"
        case .refused: "refused at reception"
        case .processing: "being processed"
        case .supplementRequested: "supplement requested"
        case .paymentRequested: "payment requested"
        case .withdrawn: "withdrawn by the applicant"
        case .stopped: "processing stopped"
        case .resultReady: "result ready"
        case .returned: "result returned"
        }
    }

    /// Received and not yet finished: the appointment still lies ahead of the agency.
    public static let unfinished: Set<DossierStatus> = [.accepted, .processing, .supplementRequested, .paymentRequested]

    /// No action leads out of a final status.
    public var isFinal: Bool { [.refused, .withdrawn, .stopped, .returned].contains(self) }

    /// Whether the legal clock runs: it stops while the applicant owes papers (and, for some
    /// procedures, a payment: see ``Procedure/paymentStopsClock``).
    public var clockRunsByDefault: Bool { [.accepted, .processing].contains(self) }
}
