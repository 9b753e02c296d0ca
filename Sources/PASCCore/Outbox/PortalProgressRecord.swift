import Foundation
import PASCDomain

/// One progress record in the shape of the national public service portal's dossier
/// synchronisation (DVCQG `DongBoHoSoMC`): status code 1–10, dates as `yyyyMMddHHmmss` in Viet Nam
/// time, channel 1 counter / 2 online / 3 post, the applicant's type, and every step with its
/// legal end date. Personal fields (names, ID numbers) are left out: the portal connector adds
/// them from the record, through the access-logged gate, where the data-sharing agreement allows.
public enum PortalProgressRecord {
    public static func portalDate(_ moment: LocalDateTime) -> String {
        let d = moment.date
        return String(format: "%04d%02d%02d%02d%02d00", d.year, d.month, d.day, moment.minuteOfDay / 60, moment.minuteOfDay % 60)
    }

    public static func portalDate(_ instant: Date) -> String { portalDate(VietnamTime.localDateTime(instant)) }

    /// The record after `events` (oldest first; the last one is the step being recorded).
    public static func make(
        code: DossierCode,
        procedure: ProcedureCode,
        office: OfficeCode,
        agency: String,
        channel: SubmissionChannel,
        applicantKind: Applicant.Kind,
        idKind: PersonalID.Kind,
        receivedAt: Date,
        due: LocalDateTime,
        events: [DossierEvent]
    ) -> NewOutboxMessage {
        let status = events.last?.to ?? .accepted
        let finished = events.last { $0.action == .markResultReady }
        let returned = events.last { $0.action == .returnResult }
        var record: [String: Any] = [
            "MaHoSo": code.description,
            "MaTTHC": procedure.rawValue,
            "TrangThaiHoSo": status.portalCode,
            "KenhThucHien": channel.portalCode,
            "LoaiDoiTuong": applicantKind.portalCode,
            "LoaiGiayTo": idKind == .citizenID ? 1 : (idKind == .oldID ? 2 : 3),
            "NoiTiepNhan": office.rawValue,
            "DonViXuLy": agency,
            "NgayTiepNhan": portalDate(receivedAt),
            "NgayHenTra": portalDate(due),
        ]
        if let finished { record["NgayKetThucXuLy"] = portalDate(finished.at) }
        if let returned { record["NgayTra"] = portalDate(returned.at) }
        if status == .refused, let reason = events.last?.reason { record["LyDoTuChoi"] = reason }
        record["QuaTrinhXuLyHoSo"] = events.map { event -> [String: Any] in
            var step: [String: Any] = [
                "NguoiXuLy": String(event.actor.username.prefix(50)),
                "ChucDanh": event.actor.roleName,
                "ThoiDiemXuLy": portalDate(event.at),
                "NoiDungXuLy": event.action.name,
                "TrangThai": event.to.portalCode,
            ]
            // The step's legal end: the transfer's own deadline, the result's appointment.
            if let stepDue = event.details["stepDue"].flatMap(LocalDateTime.init(iso:)) {
                step["NgayKetThucTheoQuyDinh"] = portalDate(stepDue)
            } else if [.markResultReady, .returnResult].contains(event.action) {
                step["NgayKetThucTheoQuyDinh"] = portalDate(due)
            }
            return step
        }
        let data = (try? JSONSerialization.data(withJSONObject: record, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
        return NewOutboxMessage(channel: .portal, payload: String(decoding: data, as: UTF8.self))
    }
}

/// What the applicant is told, and when: a supplement request, a financial obligation to pay, the
/// result ready, an apology letter and the return. Sent to the phone (or e-mail) given at reception; without one nothing
/// is queued. The text names the dossier and the step, never the applicant.
public enum ApplicantNotice {
    public static func make(
        code: DossierCode,
        action: DossierAction,
        reason: String?,
        details: [String: String] = [:],
        due: LocalDateTime,
        phone: PhoneNumber?,
        channel: SubmissionChannel
    ) -> NewOutboxMessage? {
        guard let phone else { return nil }
        let text: String
        switch action {
        case .requestSupplement:
            text = "PASC: Hồ sơ \(code) cần bổ sung giấy tờ: \(reason ?? ""). Vui lòng nộp bổ sung tại bộ phận một cửa."
        case .requestPayment:
            let amount = details["amountVND"].flatMap { Int($0) }.map(VND.format) ?? ""
            text = "PASC: Hồ sơ \(code) cần thực hiện nghĩa vụ tài chính \(amount) đồng (\(reason ?? "")). Vui lòng nộp và báo lại bộ phận một cửa."
        case .markResultReady:
            text = "PASC: Hồ sơ \(code) đã có kết quả; mời nhận theo nơi đã chọn."
        case .apologise:
            text = "PASC: Xin lỗi vì hồ sơ \(code) chậm trả kết quả (\(reason ?? "")). Ngày hẹn mới: \(due.date.vietnameseText)."
        case .returnResult:
            text = "PASC: Hồ sơ \(code) đã trả kết quả. Mời đánh giá mức độ hài lòng tại trang tra cứu."
        default:
            return nil
        }
        let body: [String: Any] = [
            "to": phone.value,
            "medium": "sms",
            "submissionChannel": channel.rawValue,
            "dossier": code.description,
            "event": action.rawValue,
            "text": text,
        ]
        let data = (try? JSONSerialization.data(withJSONObject: body, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
        return NewOutboxMessage(channel: .notification, payload: String(decoding: data, as: UTF8.self))
    }
}
