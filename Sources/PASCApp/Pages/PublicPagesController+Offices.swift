import Foundation
import Hummingbird
import PASCCore
import PASCDomain

extension PublicPagesController {
    /// Where to go: for a commune, its one-stop point and the branch and centre above it (any of
    /// them takes that commune's dossiers; boundary-free procedures any office at all); near a
    /// place, the ten closest offices; otherwise the province's centre and branches.
    @Sendable func offices(_ request: Request, context: PASCRequestContext) async throws -> Response {
        let language = PageLanguage(request)
        let network = try await network.network().offices
        let byCode = Dictionary(network.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
        var rows: [[String: Any]] = []
        var heading = "offices_main"
        var unitName: String?
        var problem: String?
        if let unitCode = Self.query(request, "unit") {
            if let unit = try await directory.unit(unitCode), unit.level.isCommuneLevel {
                heading = "offices_for_unit"
                unitName = unit.name
                var next = unit.homeOfficeCode.flatMap { byCode[$0] }
                while let office = next {
                    rows.append(officeRow(office, distanceKm: nil, language))
                    next = office.parentCode.flatMap { byCode[$0] }
                }
            } else {
                problem = pages.text.text("offices_unknown_unit", language)
            }
        } else if let near = Self.query(request, "near") {
            if let point = try? Coordinate.parse(near, field: "near") {
                heading = "offices_near"
                let page = try await directory.offices(
                    OfficeFilter(level: nil, parentCode: nil, areaType: nil),
                    near: point,
                    page: PageRequest(limit: 10)
                )
                rows = page.items.map { officeRow($0.office, distanceKm: $0.distanceKm, language) }
            } else {
                problem = pages.text.text("offices_bad_near", language)
            }
        }
        if rows.isEmpty && problem == nil || problem != nil {
            rows = network.filter { $0.level == .center || $0.level == .branch }.sorted { $0.code.rawValue < $1.code.rawValue }.map {
                officeRow($0, distanceKm: nil, language)
            }
            if problem == nil { heading = "offices_main" }
        }
        return try pages.page(
            "offices",
            title: "offices_title",
            values: [
                "heading": pages.text.text(heading, language, unitName ?? ""),
                "offices": rows,
                "problem": problem as Any,
                "communes": try await communes(selected: Self.query(request, "unit")),
            ],
            request: request
        )
    }

    /// An office: address, hours, the queue now, and where it lies among the province's offices.
    @Sendable func office(_ request: Request, context: PASCRequestContext) async throws -> Response {
        let language = PageLanguage(request)
        let raw = try context.parameters.require("code")
        guard let code = try? OfficeCode(raw), let office = try await directory.office(code) else {
            return try notFound(request, what: "what_office")
        }
        let everyone = try await network.network().offices
        var values = officeRow(office, distanceKm: nil, language)
        values["address"] = office.address
        values["counters"] = office.counters
        values["hours"] = Weekday.allCases.map { day -> [String: Any] in
            let sessions = office.openingHours.sessions[day] ?? []
            return [
                "day": pages.text.text("day_" + day.rawValue, language),
                "sessions": sessions.isEmpty
                    ? pages.text.text("closed", language) : sessions.map { "\($0.opens)–\($0.closes)" }.joined(separator: ", "),
            ]
        }
        values["queue"] = try await queue.state(office: office.code).map { group -> [String: Any] in
            [
                "name": language == .vi ? group.group.name : group.group.nameEn,
                "waiting": group.waiting,
                "wait": group.expectedWaitSeconds.map { pages.text.text("minutes", language, String(($0 + 59) / 60)) } ?? "—",
                "counters": group.openCounters.count,
            ]
        }
        values["map"] = OfficeMap.svg(of: office, among: everyone, label: pages.text.text("map_label", language, office.name))
        values["latitude"] = String(format: "%.5f", office.location.coordinate.latitude)
        values["longitude"] = String(format: "%.5f", office.location.coordinate.longitude)
        values["approximate"] = office.location.approximate
        return try pages.page("office", title: language == .vi ? office.name : office.nameEn, values: values, request: request)
    }

    func officeRow(_ office: Office, distanceKm: Double?, _ language: PageLanguage) -> [String: Any] {
        [
            "code": office.code.rawValue,
            "name": language == .vi ? office.name : office.nameEn,
            "kind": pages.text.text("office_" + office.level.rawValue, language),
            "address": office.address,
            "distance": distanceKm.map { String(format: "%.1f km", $0) } as Any,
        ]
    }
}
