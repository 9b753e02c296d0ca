import Foundation
import HTTPTypes
import Hummingbird
import PASCCore
import PASCDomain

/// A GeoReport v2–shaped read interface (https://wiki.open311.org/GeoReport_v2), so civic tools
/// that read Open311 read PASC: procedures as services, dossiers as requests. JSON only; no
/// personal data (the address and position are the receiving office's, never the applicant's).
struct Open311Controller: Sendable {
    let store: any PublicRecordStore & Store
    let network: NetworkCache
    let clock: any Clock

    static let requestParameters = [
        "start_date", "end_date", "status", "service_code", "service_request_id", "office", "agency", "jurisdiction_id", "limit", "cursor",
    ]
    /// Open311's default window when no dates are given.
    static let defaultDays = 90

    func register(on routes: RouteTable) {
        routes.get("/open311/v2/services.json", policy: .everyone, use: services)
        routes.get("/open311/v2/requests.json", policy: .everyone, use: requests)
        routes.get("/open311/v2/requests/{id}", policy: .everyone, use: request)
    }

    struct Service: Encodable, Sendable {
        let service_code: String
        let service_name: String
        let description: String
        let metadata: Bool
        let type: String
        let keywords: String
        let group: String
    }

    @Sendable func services(_ request: Request, context: PASCRequestContext) async throws -> Response {
        var query = QueryReader(request, allowed: ["jurisdiction_id"])
        _ = query.string("jurisdiction_id")
        try query.finish()
        var services: [Service] = []
        var page = PageRequest(limit: PageRequest.maximumLimit, cursor: nil)
        while true {
            let batch = try await store.procedures(ProcedureFilter(), page: page)
            for procedure in batch.items {
                let limit = procedure.timeLimit.value == 0 ? "trong ngày" : "\(procedure.timeLimit.value) ngày làm việc"
                services.append(
                    Service(
                        service_code: procedure.code.rawValue,
                        service_name: procedure.name,
                        description: "\(procedure.name) — \(procedure.competentAgencyText); thời hạn \(limit)"
                            + (procedure.boundaryFreePhase != nil ? "; tiếp nhận không phụ thuộc địa giới hành chính" : ""),
                        metadata: false,
                        type: "batch",
                        keywords: procedure.field,
                        group: procedure.field
                    )
                )
            }
            guard let next = batch.nextCursor else { break }
            page = PageRequest(limit: PageRequest.maximumLimit, cursor: next)
        }
        return try JSONBody.response(services)
    }

    struct ServiceRequest: Encodable, Sendable {
        let service_request_id: String
        /// `open` or `closed` (the standard's two); the fine status is in `status_notes`.
        let status: String
        let status_notes: String
        let service_name: String
        let service_code: String
        let agency_responsible: String
        let requested_datetime: String
        let updated_datetime: String
        let expected_datetime: String
        /// The receiving office's address and position.
        let address: String
        @ExplicitNull var lat: Double?
        @ExplicitNull var long: Double?
        /// PASC's own fields, beside the standard's.
        let phase: String
        let office_code: String
    }

    func view(_ rows: [PublicDossierRow]) async throws -> [ServiceRequest] {
        let (offices, agencies) = try await network.network()
        let officeByCode = Dictionary(offices.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        let agencyByCode = Dictionary(agencies.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        var procedures: [ProcedureCode: Procedure] = [:]
        var views: [ServiceRequest] = []
        for row in rows {
            if procedures[row.procedure] == nil { procedures[row.procedure] = try await network.procedure(row.procedure) }
            let office = officeByCode[row.office]
            let phase = row.status.phase
            views.append(
                ServiceRequest(
                    service_request_id: row.code.description,
                    status: phase.isOpen ? "open" : "closed",
                    status_notes: "\(phase.name) — \(row.status.name) (\(row.status.nameEn))",
                    service_name: procedures[row.procedure]?.name ?? row.procedure.rawValue,
                    service_code: row.procedure.rawValue,
                    agency_responsible: agencyByCode[row.agency]?.name ?? row.agency,
                    requested_datetime: row.receivedAt,
                    updated_datetime: row.updatedAt,
                    expected_datetime: VietnamTime.format(VietnamTime.instant(row.due)),
                    address: office?.address ?? "",
                    lat: office?.location.coordinate.latitude,
                    long: office?.location.coordinate.longitude,
                    phase: phase.rawValue,
                    office_code: row.office.rawValue
                )
            )
        }
        return views
    }

    func time(_ query: inout QueryReader, _ name: String) -> Date? {
        guard let text = query.string(name) else { return nil }
        if let date = VietnamTime.parseInstant(text) { return date }
        query.errors.append(
            ValidationError(
                field: name,
                message: "'\(name)' phải là thời điểm ISO 8601 (ví dụ 2026-09-01T00:00:00+07:00), nhận được '\(text)'.",
                messageEn: "'\(name)' must be an ISO 8601 time (for example 2026-09-01T00:00:00+07:00), got '\(text)'."
            )
        )
        return nil
    }

    @Sendable func requests(_ request: Request, context: PASCRequestContext) async throws -> Response {
        var query = QueryReader(request, allowed: Self.requestParameters)
        _ = query.string("jurisdiction_id")
        var filter = PublicDossierFilter()
        let start = time(&query, "start_date")
        let end = time(&query, "end_date")
        if let start, let end, end <= start {
            query.errors.append(
                ValidationError(
                    field: "end_date",
                    message: "'end_date' phải sau 'start_date'.",
                    messageEn: "'end_date' must be after 'start_date'."
                )
            )
        }
        // Open311: without dates, the last 90 days.
        let until = end ?? clock.now()
        filter.receivedBefore = end.map(VietnamTime.format)
        filter.receivedFrom = VietnamTime.format(start ?? until.addingTimeInterval(-Double(Self.defaultDays) * 86_400))
        if let status = query.string("status") {
            switch status {
            case "open": filter.statuses = Set(DossierStatus.allCases.filter { $0.phase.isOpen })
            case "closed": filter.statuses = Set(DossierStatus.allCases.filter { !$0.phase.isOpen })
            default:
                query.errors.append(
                    ValidationError(
                        field: "status",
                        message: "'status' là open hoặc closed, nhận được '\(status)'.",
                        messageEn: "'status' is open or closed, got '\(status)'."
                    )
                )
            }
        }
        filter.procedure = query.procedureCode("service_code")
        if let ids = query.string("service_request_id") {
            filter.codes = ids.split(separator: ",").compactMap { try? DossierCode(String($0)) }
        }
        filter.office = query.officeCode("office")
        filter.agency = query.string("agency")
        let page = query.page()
        try query.finish()
        let found = try await store.publicDossiers(filter, page: page)
        var response = try JSONBody.response(try await view(found.items))
        if let next = found.nextCursor { response.headers[HTTPField.Name("Link")!] = "<?cursor=\(next.token)>; rel=\"next\"" }
        return response
    }

    /// One request, as the standard answers it: an array of one; 404 for an unknown code.
    @Sendable func request(_ request: Request, context: PASCRequestContext) async throws -> Response {
        try QueryReader(request, allowed: ["jurisdiction_id"]).finish()
        var raw = try context.parameters.require("id")
        if raw.hasSuffix(".json") { raw.removeLast(5) }
        var filter = PublicDossierFilter()
        guard let code = try? DossierCode(raw) else { throw Problem.notFound(kind: "request", kindVi: "hồ sơ", code: raw, field: "id") }
        filter.codes = [code]
        let found = try await store.publicDossiers(filter, page: PageRequest(limit: 1, cursor: nil))
        guard !found.items.isEmpty else { throw Problem.notFound(kind: "request", kindVi: "hồ sơ", code: raw, field: "id") }
        return try JSONBody.response(try await view(found.items))
    }
}
