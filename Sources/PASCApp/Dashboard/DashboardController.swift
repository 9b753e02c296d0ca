import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import PASCCore
import PASCDomain
import PASCPlanning

/// The leader's dashboard over HTTP: the report as JSON and each of its tables as CSV. Leaders
/// only, and only for scopes in their subtree (403 otherwise).
struct DashboardController: Sendable {
    let dashboard: Dashboard

    static let parameters = ["scope", "period", "date", "from", "to", "recent"]

    func register(on routes: RouteTable) {
        routes.get("/api/v1/dashboard", policy: .roles([.leader]), use: show)
        routes.get("/api/v1/dashboard/csv/{table}", policy: .roles([.leader]), use: csv)
    }

    @Sendable func show(_ request: Request, context: PASCRequestContext) async throws -> Response {
        var query = QueryReader(request, allowed: Self.parameters)
        let report = try await Self.report(&query, member: context.member, dashboard: dashboard)
        return try JSONBody.response(DashboardViews.ReportView(report))
    }

    @Sendable func csv(_ request: Request, context: PASCRequestContext) async throws -> Response {
        var query = QueryReader(request, allowed: Self.parameters + ["lang"])
        let name = context.parameters.get("table") ?? ""
        guard let table = DashboardCSV.Table(rawValue: name) else {
            let allowed = DashboardCSV.Table.allCases.map(\.rawValue).joined(separator: ", ")
            throw Problem.invalid([
                ValidationError(
                    field: "table",
                    message: "Không có bảng '\(name)'; các bảng: \(allowed).",
                    messageEn: "There is no table '\(name)'; tables: \(allowed)."
                )
            ])
        }
        let english = query.enumValue("lang", PageLanguage.self) == .en
        let report = try await Self.report(&query, member: context.member, dashboard: dashboard)
        let text = DashboardCSV.text(table, report, english: english)
        let file =
            "pasc-\(table.rawValue)-\(report.scope.description.replacingOccurrences(of: ":", with: "-"))-\(report.period.from)-\(report.period.lastDay).csv"
        return Response(
            status: .ok,
            headers: [.contentType: "text/csv; charset=utf-8", .contentDisposition: "attachment; filename=\"\(file)\""],
            body: ResponseBody(byteBuffer: ByteBuffer(string: text))
        )
    }

    /// Reads scope and period (a kind around a date, or a custom `from`–`to`), then builds the report.
    static func report(_ query: inout QueryReader, member: StaffMember?, dashboard: Dashboard) async throws -> DashboardReport {
        guard let member else { throw HTTPError(.unauthorized) }
        var scope: DashboardScope?
        if let text = query.string("scope") {
            do { scope = try DashboardScope(parsing: text) } catch { query.errors += error.errors }
        }
        let kind = query.enumValue("period", DashboardPeriod.Kind.self)
        let date = query.date("date")
        let from = query.date("from")
        let to = query.date("to")
        let recent = query.integer("recent", in: 1...30)
        var period: DashboardPeriod?
        if kind == .custom || (kind == nil && (from != nil || to != nil)) {
            // One end alone: from it through today, or from the first of its month.
            let today = VietnamTime.localDate(dashboard.clock.now())
            if from == nil, to == nil {
                query.errors.append(Self.required("from"))
            } else if query.errors.isEmpty {
                do {
                    period = try DashboardPeriod(first: from ?? to!.firstOfMonth, last: to ?? today)
                } catch { query.errors += error.errors }
            }
        } else {
            if from != nil || to != nil {
                query.errors.append(
                    ValidationError(
                        field: from != nil ? "from" : "to",
                        message: "'from' và 'to' chỉ dùng với period=custom.",
                        messageEn: "'from' and 'to' go with period=custom only."
                    )
                )
            }
            period = DashboardPeriod(kind ?? .month, containing: date ?? VietnamTime.localDate(dashboard.clock.now()))
        }
        try query.finish()
        guard let period else { throw Problem.invalid([Self.required("from")]) }
        let home = scope == nil ? try await dashboard.home(of: member) : nil
        guard let chosen = scope ?? home else {
            throw Problem(
                type: "/problems/forbidden",
                title: "Forbidden",
                status: .forbidden,
                detail: "Tài khoản không phụ trách đơn vị nào để xem bảng điều hành.",
                detailEn: "This account leads no office or agency to show a dashboard for."
            )
        }
        do {
            return try await dashboard.report(chosen, period, for: member, recentDays: recent)
        } catch let error as Dashboard.OutOfScope {
            throw Problem(
                type: "/problems/forbidden",
                title: "Forbidden",
                status: .forbidden,
                detail: "Phạm vi \(error.scope) nằm ngoài phạm vi lãnh đạo của tài khoản này.",
                detailEn: "Scope \(error.scope) lies outside this leader's subtree."
            )
        }
    }

    static func required(_ name: String) -> ValidationError {
        ValidationError(
            field: name,
            message: "Kỳ tùy chọn cần '\(name)' (hoặc 'to').",
            messageEn: "A custom period needs '\(name)' (or 'to')."
        )
    }
}
