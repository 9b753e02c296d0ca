/// The data of each printable form (Circular 01/2018 and 03/2025 forms 01–06), as the templates
/// read it. Field names are the template's.
struct ReceiptForm: FormPage {
    struct Paper {
        let name: String
        let originals: Int
        let copies: Int
    }
    let template = "receipt"
    let title: String
    let titleEn: String
    let issuer: String
    let issuerEn: String?
    let paper = "a5"
    let place: String
    let printedAt: String
    let signer: String
    let code: String
    let procedure: String
    let procedureName: String
    let applicantName: String
    let officeName: String
    let agencyName: String
    let receivedAt: String
    let appointment: String
    let rule: String
    let delivery: String
    let papers: [Paper]
    /// Stored, not computed: the templates read values by reflection, which sees stored properties only.
    let hasPapers: Bool
    let trackingAddress: String
}

struct CompletionRequestForm: FormPage {
    let template = "completion-request"
    let title = "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ"
    let titleEn = "Request to complete the dossier (Form 02)"
    let issuer: String
    let issuerEn: String?
    let paper = "a5"
    let place: String
    let printedAt: String
    let signer: String
    let submission: String
    let procedure: String
    let procedureName: String
    let applicantName: String
    let missing: [String]
    let number: Int
    let leaderReason: String?
    let at: String
}

struct RefusalForm: FormPage {
    let template = "refusal"
    let title = "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ"
    let titleEn = "Refusal to receive the dossier (Form 03)"
    let issuer: String
    let issuerEn: String?
    let paper = "a5"
    let place: String
    let printedAt: String
    let signer: String
    let submission: String
    let procedure: String
    let procedureName: String
    let applicantName: String
    let reason: String
    let legalBasis: String
    let at: String
}

struct ApologyForm: FormPage {
    let template = "apology"
    let title = "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ"
    let titleEn = "Apology and new appointment (Form 04)"
    let issuer: String
    let issuerEn: String?
    let paper = "a5"
    let place: String
    let printedAt: String
    let signer: String
    let agencyName: String
    let applicantName: String
    let code: String
    let procedure: String
    let procedureName: String
    let reason: String
    let previousDue: String
    let newDue: String
    let at: String
    let recordedLate: Bool
    let channel: String
}

struct StopNoticeForm: FormPage {
    let template = "stop-notice"
    let title = "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ"
    let titleEn = "Notice of stopping processing (Form 05)"
    let issuer: String
    let issuerEn: String?
    let paper = "a5"
    let place: String
    let printedAt: String
    let signer: String
    let code: String
    let procedure: String
    let procedureName: String
    let applicantName: String
    let agencyName: String
    let at: String
    let reason: String
}

struct TrackingSheetForm: FormPage {
    struct Row {
        let number: Int
        let giver: String
        let receiver: String
        let at: String
        let what: String
        let due: String
        let mark: String
    }
    let template = "tracking-sheet"
    let title = "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ"
    let titleEn = "Tracking sheet (Form 06)"
    let issuer: String
    let issuerEn: String?
    let paper = "a4"
    let place: String
    let printedAt: String
    let signer: String
    let code: String
    let procedure: String
    let procedureName: String
    let receivedAt: String
    let appointment: String
    let rows: [Row]
    /// The time limit's share per step (inter-agency procedures: per agency), when it has more than one step.
    struct PlanRow {
        let step: String
        let agency: String
        let budget: Int
        let due: String
        let handedOverAt: String
        let mark: String
    }
    let plan: [PlanRow]
    let hasPlan: Bool
}

struct TrackingLogForm: FormPage {
    struct Row {
        let number: Int
        let code: String
        let procedure: String
        let applicant: String
        let receivedAt: String
        let due: String
        let finishedAt: String
        let status: String
        let mark: String
    }
    let template = "tracking-log"
    let title = "SỔ THEO DÕI HỒ SƠ"
    let titleEn = "Dossier log book"
    let issuer: String
    let issuerEn: String?
    let paper = "a4"
    let place: String
    let printedAt: String
    let signer: String
    let office: String
    let officeName: String
    let from: String
    let to: String
    let count: Int
    let rows: [Row]
}
