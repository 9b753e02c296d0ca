import Foundation
import HTTPTypes
import Hummingbird
import PASCCore
import PASCDomain

/// Printable HTML forms for the counter and the back office: the receipt (A5), request to
/// complete, refusal, apology and new date, stop-processing notice, the tracking sheet and the
/// tracking log book (A4). Forms carrying the applicant's name are personal-data reads and logged.
struct FormsController: Sendable {
    let forms: FormLibrary
    let store: any Store & DossierStore & SubmissionStore
    let gate: PersonalDataGate
    let clock: any Clock

    func register(on routes: RouteTable) {
        routes.get("/assets/forms.css", policy: .everyone, use: stylesheet)
        routes.get("/api/v1/dossiers/{code}/forms/{form}", policy: .forDossier, target: .dossierParameter("code"), use: dossierForm)
        routes.get(
            "/api/v1/offices/{code}/submissions/{id}/forms/{form}",
            policy: .atOffice([.receptionOfficer, .leader]),
            target: .officeParameter("code"),
            use: submissionForm
        )
        routes.get(
            "/api/v1/offices/{code}/forms/tracking-log",
            policy: .atOffice([.receptionOfficer, .leader]),
            target: .officeParameter("code"),
            use: trackingLog
        )
    }

    enum DossierForm: String, CaseIterable {
        case receipt, apology
        case stopNotice = "stop-notice"
        case trackingSheet = "tracking-sheet"
    }
    enum SubmissionForm: String, CaseIterable {
        case completionRequest = "completion-request"
        case refusal
    }

    @Sendable func stylesheet(_ request: Request, context: PASCRequestContext) async throws -> Response {
        Response(
            status: .ok,
            headers: [.contentType: "text/css; charset=utf-8", .cacheControl: "public, max-age=3600"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: forms.stylesheet))
        )
    }

    static func html(_ text: String) -> Response {
        Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8"], body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    var printedAt: String { VietnamTime.format(clock.now()) }

    func names(
        office: OfficeCode,
        agency: String?,
        procedure: ProcedureCode
    ) async throws -> (office: Office?, agency: Agency?, procedure: Procedure?) {
        let agency: Agency? = if let agency { try await store.agency(agency) } else { nil }
        return (try await store.office(office), agency, try await store.procedure(procedure))
    }

    static func local(_ moment: LocalDateTime) -> String {
        "\(moment.date.vietnameseText) \(moment.time)"
    }

    static func local(_ date: Date) -> String { local(VietnamTime.localDateTime(date)) }

    // MARK: Dossier forms

    @Sendable func dossierForm(_ request: Request, context: PASCRequestContext) async throws -> Response {
        guard let member = context.member else { throw Problem.unauthenticated() }
        var query = QueryReader(request, allowed: [])
        try query.finish()
        let rawForm = try context.parameters.require("form")
        guard let form = DossierForm(rawValue: rawForm) else {
            throw Problem.notFound(kind: "form", kindVi: "biểu mẫu", code: rawForm, field: "form")
        }
        let raw = try context.parameters.require("code")
        guard let code = try? DossierCode(raw), let dossier = try await store.dossier(code) else {
            throw Problem.notFound(kind: "dossier", kindVi: "hồ sơ", code: raw)
        }
        let events = try await store.events(of: code)
        let (office, agency, procedure) = try await names(office: dossier.office, agency: dossier.agency, procedure: dossier.procedure)
        let officeName = office?.name ?? dossier.office.rawValue
        let agencyName = agency?.name ?? dossier.agency
        let procedureName = procedure?.name ?? ""
        let route = "GET /api/v1/dossiers/{code}/forms/\(form.rawValue)"
        switch form {
        case .receipt:
            let submission = try await store.submission(dossier.submissionID)
            let delivery: String =
                switch dossier.delivery {
                case .office(let code): "Tại \(try await store.office(code)?.name ?? code.rawValue)"
                case .post: "Qua bưu điện"
                case .electronic: "Bản điện tử"
                }
            let page = try await gate.read([.name], of: raw, by: member, route: route) {
                ReceiptForm(
                    title: "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ",
                    titleEn: "Receipt and appointment (Form 01)",
                    issuer: officeName,
                    issuerEn: office?.nameEn,
                    place: "Bình Dương",
                    printedAt: printedAt,
                    signer: "Người tiếp nhận",
                    code: raw,
                    procedure: dossier.procedure.rawValue,
                    procedureName: procedureName,
                    applicantName: dossier.applicant.name.revealed,
                    officeName: officeName,
                    agencyName: agencyName,
                    receivedAt: Self.local(dossier.receivedAt),
                    appointment: Self.local(dossier.appointmentDue),
                    rule: dossier.appointmentRule,
                    delivery: delivery,
                    papers: (submission?.papers ?? []).map { ReceiptForm.Paper(name: $0.name, originals: $0.originals, copies: $0.copies) },
                    hasPapers: !(submission?.papers ?? []).isEmpty,
                    trackingAddress: "/api/v1/dossiers/\(raw)"
                )
            }
            return Self.html(try forms.render(page))
        case .apology:
            guard let event = events.first(where: { $0.action == .apologise }) else {
                throw Problem.notFound(kind: "apology letter", kindVi: "phiếu xin lỗi", code: raw)
            }
            let page = try await gate.read([.name], of: raw, by: member, route: route) {
                ApologyForm(
                    issuer: agencyName,
                    issuerEn: nil,
                    place: "Bình Dương",
                    printedAt: printedAt,
                    signer: "Thủ trưởng cơ quan (\(event.actor.username))",
                    agencyName: agencyName,
                    applicantName: dossier.applicant.name.revealed,
                    code: raw,
                    procedure: dossier.procedure.rawValue,
                    procedureName: procedureName,
                    reason: event.reason ?? "",
                    previousDue: event.details["previousDue"].flatMap(LocalDateTime.init(iso:)).map(Self.local) ?? "",
                    newDue: event.details["newDue"].flatMap(LocalDateTime.init(iso:)).map(Self.local) ?? "",
                    at: Self.local(event.at),
                    recordedLate: event.details["recordedLate"] == "true",
                    channel: dossier.channel.rawValue
                )
            }
            return Self.html(try forms.render(page))
        case .stopNotice:
            guard let event = events.first(where: { $0.action == .stopProcessing }) else {
                throw Problem.notFound(kind: "stop notice", kindVi: "thông báo dừng xử lý", code: raw)
            }
            let page = try await gate.read([.name], of: raw, by: member, route: route) {
                StopNoticeForm(
                    issuer: agencyName,
                    issuerEn: nil,
                    place: "Bình Dương",
                    printedAt: printedAt,
                    signer: "Thủ trưởng cơ quan",
                    code: raw,
                    procedure: dossier.procedure.rawValue,
                    procedureName: procedureName,
                    applicantName: dossier.applicant.name.revealed,
                    agencyName: agencyName,
                    at: Self.local(event.at),
                    reason: event.reason ?? ""
                )
            }
            return Self.html(try forms.render(page))
        case .trackingSheet:
            let view = DossierPublicView(dossier, events: events, now: clock.now(), reasons: true)
            var rows: [TrackingSheetForm.Row] = []
            var holder = dossier.office.rawValue
            for (index, event) in events.enumerated() {
                let receiver = event.details["receiver"] ?? event.actor.agency ?? event.actor.office?.rawValue ?? holder
                let step = view.steps[index]
                rows.append(
                    TrackingSheetForm.Row(
                        number: index + 1,
                        giver: event.action == .accept ? "Người nộp" : holder,
                        receiver: receiver,
                        at: Self.local(event.at),
                        what: event.action.name,
                        due: step.due.flatMap(VietnamTime.parseInstant).map { Self.local($0) } ?? "",
                        mark: step.timeliness.flatMap(Timeliness.init(rawValue:))?.name ?? ""
                    )
                )
                holder = receiver
            }
            let plan =
                view.plan.count < 2
                ? []
                : view.plan.map { step in
                    TrackingSheetForm.PlanRow(
                        step: Self.stepName(step.step),
                        agency: step.agency,
                        budget: step.budget,
                        due: VietnamTime.parseInstant(step.due).map { Self.local($0) } ?? step.due,
                        handedOverAt: step.handedOverAt.flatMap(VietnamTime.parseInstant).map { Self.local($0) } ?? "",
                        mark: step.timeliness.flatMap(Timeliness.init(rawValue:))?.name ?? ""
                    )
                }
            let page = TrackingSheetForm(
                issuer: officeName,
                issuerEn: office?.nameEn,
                place: "Bình Dương",
                printedAt: printedAt,
                signer: "Người lập phiếu",
                code: raw,
                procedure: dossier.procedure.rawValue,
                procedureName: procedureName,
                receivedAt: Self.local(dossier.receivedAt),
                appointment: Self.local(dossier.appointmentDue),
                rows: rows,
                plan: plan,
                hasPlan: !plan.isEmpty
            )
            return Self.html(try forms.render(page))
        }
    }

    /// A plan step's name on paper: the internal steps and the kinds of agency in Vietnamese.
    static func stepName(_ step: String) -> String {
        switch step {
        case "processing": "Thẩm định, xử lý"
        case "approval": "Phê duyệt, ký"
        case Agency.Kind.communePeoplesCommittee.rawValue: "UBND cấp xã"
        case Agency.Kind.communePolice.rawValue: "Công an cấp xã"
        case Agency.Kind.socialInsurance.rawValue: "Bảo hiểm xã hội"
        case Agency.Kind.taxAuthority.rawValue: "Cơ quan thuế"
        default: step
        }
    }

    // MARK: Submission forms

    @Sendable func submissionForm(_ request: Request, context: PASCRequestContext) async throws -> Response {
        guard let member = context.member else { throw Problem.unauthenticated() }
        var query = QueryReader(request, allowed: [])
        try query.finish()
        let rawForm = try context.parameters.require("form")
        guard let form = SubmissionForm(rawValue: rawForm) else {
            throw Problem.notFound(kind: "form", kindVi: "biểu mẫu", code: rawForm, field: "form")
        }
        let officeCode = try OfficeCode(try context.parameters.require("code"))
        let id = try context.parameters.require("id")
        guard let submission = try await store.submission(id), submission.office == officeCode, let applicant = submission.applicant else {
            throw Problem.notFound(kind: "submission", kindVi: "hồ sơ nộp", code: id, field: "id")
        }
        let events = try await store.submissionEvents(id)
        let (office, _, procedure) = try await names(office: officeCode, agency: nil, procedure: submission.procedure)
        let route = "GET /api/v1/offices/{code}/submissions/{id}/forms/\(form.rawValue)"
        switch form {
        case .completionRequest:
            let requests = events.filter { $0.outcome == .completionRequested }
            guard let last = requests.last else {
                throw Problem.notFound(kind: "request to complete", kindVi: "phiếu yêu cầu bổ sung", code: id, field: "id")
            }
            let page = try await gate.read([.name], of: id, by: member, route: route) {
                CompletionRequestForm(
                    issuer: office?.name ?? officeCode.rawValue,
                    issuerEn: office?.nameEn,
                    place: "Bình Dương",
                    printedAt: printedAt,
                    signer: "Người tiếp nhận (\(last.actor))",
                    submission: id,
                    procedure: submission.procedure.rawValue,
                    procedureName: procedure?.name ?? "",
                    applicantName: applicant.name.revealed,
                    missing: (last.details["missingPapers"] ?? "").split(separator: "\n").map(String.init),
                    number: requests.count,
                    leaderReason: last.details["leaderReason"],
                    at: Self.local(last.at)
                )
            }
            return Self.html(try forms.render(page))
        case .refusal:
            guard let refusal = events.last(where: { $0.outcome == .refused }) else {
                throw Problem.notFound(kind: "refusal", kindVi: "phiếu từ chối", code: id, field: "id")
            }
            let page = try await gate.read([.name], of: id, by: member, route: route) {
                RefusalForm(
                    issuer: office?.name ?? officeCode.rawValue,
                    issuerEn: office?.nameEn,
                    place: "Bình Dương",
                    printedAt: printedAt,
                    signer: "Người tiếp nhận (\(refusal.actor))",
                    submission: id,
                    procedure: submission.procedure.rawValue,
                    procedureName: procedure?.name ?? "",
                    applicantName: applicant.name.revealed,
                    reason: refusal.details["reason"] ?? "",
                    legalBasis: refusal.details["legalBasis"] ?? "",
                    at: Self.local(refusal.at)
                )
            }
            return Self.html(try forms.render(page))
        }
    }

    // MARK: Log book

    /// `?from=YYYY-MM-DD&to=YYYY-MM-DD` (at most 31 days): the dossiers the office received, with
    /// masked names (the log book is for counting and checking, not for reading people's data).
    @Sendable func trackingLog(_ request: Request, context: PASCRequestContext) async throws -> Response {
        var query = QueryReader(request, allowed: ["from", "to"])
        let from = query.date("from")
        let to = query.date("to")
        try query.finish()
        let officeCode = try OfficeCode(try context.parameters.require("code"))
        guard let office = try await store.office(officeCode) else {
            throw Problem.notFound(kind: "office", kindVi: "đơn vị", code: officeCode.rawValue)
        }
        let today = VietnamTime.localDate(clock.now())
        let end = to ?? today
        let start = from ?? end.adding(days: -6)
        guard start <= end, end.dayNumber - start.dayNumber <= 30 else {
            throw Problem.invalid([
                ValidationError(
                    field: "to",
                    message: "Khoảng ngày phải từ 'from' đến 'to', tối đa 31 ngày.",
                    messageEn: "The range must run from 'from' to 'to', at most 31 days."
                )
            ])
        }
        var rows: [TrackingLogForm.Row] = []
        var day = start
        while day <= end {
            for code in try await store.dossierCodes(office: officeCode, day: day) {
                guard let dossier = try await store.dossier(code) else { continue }
                let events = try await store.events(of: code)
                let view = DossierPublicView(dossier, events: events, now: clock.now(), reasons: true)
                let finished = events.first { $0.action == .markResultReady }
                rows.append(
                    TrackingLogForm.Row(
                        number: rows.count + 1,
                        code: code.description,
                        procedure: dossier.procedure.rawValue,
                        applicant: Masking.mask(dossier.applicant.name.revealed, kind: .name),
                        receivedAt: Self.local(dossier.receivedAt),
                        due: Self.local(dossier.appointmentDue),
                        finishedAt: finished.map { Self.local($0.at) } ?? "",
                        status: dossier.status.name,
                        mark: view.timeliness.flatMap(Timeliness.init(rawValue:))?.name ?? (view.overdue ? "Quá hạn" : "")
                    )
                )
            }
            day = day.adding(days: 1)
        }
        let page = TrackingLogForm(
            issuer: office.name,
            issuerEn: office.nameEn,
            place: "Bình Dương",
            printedAt: printedAt,
            signer: "Người lập sổ",
            office: officeCode.rawValue,
            officeName: office.name,
            from: start.vietnameseText,
            to: end.vietnameseText,
            count: rows.count,
            rows: rows
        )
        return Self.html(try forms.render(page))
    }
}
