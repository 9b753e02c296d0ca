import Foundation
import Hummingbird
import PASCCore
import PASCDomain
import PASCPlanning

/// The leader's dashboard as a page: the scope and period chosen in a form, the indicators
/// against their targets, the national score, the series and the offices' load as SVG with the
/// same numbers in tables, and every table as CSV.
struct DashboardPagesController: Sendable {
    let pages: PageRenderer
    let dashboard: Dashboard
    let network: NetworkCache

    func register(on routes: RouteTable) {
        routes.get("/dashboard", policy: .roles([.leader]), use: page)
    }

    @Sendable func page(_ request: Request, context: PASCRequestContext) async throws -> Response {
        guard let member = context.member else { return SignInPagesController.signInAgain(request) }
        let language = PageLanguage(request)
        var query = QueryReader(request, allowed: DashboardController.parameters)
        let form = ["scope", "period", "date", "from", "to", "recent"].reduce(into: [String: String]()) { values, name in
            values[name] = request.uri.queryParameters.get(name)
        }
        var values: [String: Any] = ["form": form, "scopes": try await scopeOptions(member, language, chosen: form["scope"])]
        values["kinds"] = DashboardPeriod.Kind.allCases.map {
            [
                "value": $0.rawValue, "label": pages.text.text("dash_period_" + $0.rawValue, language),
                "selected": $0.rawValue == (form["period"] ?? "month"),
            ]
        }
        let report: DashboardReport
        do {
            report = try await DashboardController.report(&query, member: member, dashboard: dashboard)
        } catch let problem as Problem {
            values["problem"] = language == .vi ? problem.detail : problem.detailEn
            values["errors"] = problem.errors.map { language == .vi ? $0.message : $0.messageEn }
            return try pages.page("dashboard", title: "dash_title", values: values, request: request, member: member, status: problem.status)
        }
        values.merge(self.values(report, language: language, request: request)) { $1 }
        return try pages.page("dashboard", title: "dash_title", values: values, request: request, member: member)
    }

    /// The scopes the leader may choose: the province, the offices of their subtree (as branches
    /// when they have offices below), the agencies they head.
    func scopeOptions(_ member: StaffMember, _ language: PageLanguage, chosen: String?) async throws -> [[String: Any]] {
        let (offices, agencies) = try await network.network()
        let tree = OfficeTree(offices: offices)
        let root = offices.first { $0.parentCode == nil }?.code
        let home = try await dashboard.home(of: member)?.description
        var options: [(String, String)] = []
        if let root, member.scope.offices.contains(root) { options.append(("province", pages.text.text("dash_province", language))) }
        let parents = Set(offices.compactMap(\.parentCode))
        for office in offices where member.scope.offices.contains(where: { tree.isInSubtree(office.code, of: $0) }) {
            let name = language == .vi ? office.name : office.nameEn
            if parents.contains(office.code) {
                options.append(("branch:\(office.code.rawValue)", name + " " + pages.text.text("dash_and_below", language)))
            }
            options.append(("office:\(office.code.rawValue)", name))
        }
        for agency in agencies where member.scope.agencies.contains(agency.code) {
            options.append(("agency:\(agency.code)", language == .vi ? agency.name : agency.nameEn))
        }
        let selected = chosen ?? home
        return options.map { ["value": $0.0, "label": $0.1, "selected": $0.0 == selected] }
    }

    func values(_ report: DashboardReport, language: PageLanguage, request: Request) -> [String: Any] {
        let text = pages.text
        func t(_ key: String, _ args: String...) -> String {
            args.enumerated().reduce(text.text(key, language)) { $0.replacingOccurrences(of: "{\($1.offset)}", with: $1.element) }
        }
        func percent(_ ratio: Ratio) -> String { ratio.value.map { String(format: "%.1f %%", $0 * 100) } ?? t("dash_no_data") }
        func number(_ value: Double?, _ digits: Int = 1) -> String { value.map { String(format: "%.\(digits)f", $0) } ?? t("dash_no_data") }
        let d = report.dossiers
        var cards: [[String: Any]] = [
            card(t("dash_received"), "\(d.received)", t("dash_channels", "\(d.viaCounter)", "\(d.viaPost)", "\(d.viaOnline)"), nil),
            card(
                t("dash_on_time"),
                d.onTimeRate.map { String(format: "%.1f %%", $0 * 100) } ?? t("dash_no_data"),
                t("dash_late_rate_hint", "\(d.lateInProgress)", "\(d.late)", "\(d.toProcess)"),
                d.onTimeRate.map { $0 >= 0.9 }
            ),
            card(t("dash_overdue_now"), "\(d.overdueNow)", t("dash_in_progress", "\(d.inProgress)"), d.overdueNow == 0),
            card(t("dash_apologies"), "\(d.apologies)", t("dash_finished", "\(d.early)", "\(d.onTime)", "\(d.late)"), nil),
            card(t("dash_online"), percent(d.onlineShare), t("dash_digitised", percent(d.digitisedShare)), nil),
            card(t("dash_e_results"), percent(d.electronicResultShare), t("dash_online_payments", percent(d.onlinePaymentShare)), nil),
            card(
                t("dash_satisfaction"),
                percent(d.satisfaction),
                t("dash_ratings", "\(d.satisfaction.whole)"),
                d.satisfaction.value.map { $0 >= 0.8 }
            ),
        ]
        if let c = report.counters {
            cards += [
                card(
                    t("dash_wait"),
                    c.meanWaitMinutes.map { t("minutes", String(format: "%.1f", $0)) } ?? t("dash_no_data"),
                    t("dash_wait_hint", c.p90WaitMinutes.map(String.init) ?? "—", percent(c.waitsOverTarget)),
                    c.meanWaitMinutes.map { $0 <= 15 }
                ),
                card(
                    t("dash_reception"),
                    c.meanServiceMinutes.map { t("minutes", String(format: "%.1f", $0)) } ?? t("dash_no_data"),
                    t("dash_reception_hint"),
                    c.meanServiceMinutes.map { $0 <= 30 }
                ),
                card(
                    t("dash_intake"),
                    number(c.yearlyIntakePerOfficer, 0),
                    t("dash_intake_hint", number(c.norm, 0), "\(c.officerDays)"),
                    c.meetsNorm
                ),
            ]
        }
        cards.append(
            card(
                t("dash_score"),
                String(format: "%.1f / 100", report.score.total),
                t("dash_score_hint", String(format: "%.0f", report.score.measured)),
                nil
            )
        )

        let seriesChart = DashboardCharts.series(
            report.series,
            title: t("dash_series_title"),
            legend: (t("dash_received"), t("stats_early"), t("stats_on_time"), t("stats_late"))
        )
        let officeRows = report.offices.sorted { ($0.dossiers.received, $1.key) > ($1.dossiers.received, $0.key) }
        let officesChart =
            report.offices.count > 1
            ? StatisticsChart.svg(
                officeRows.filter { $0.dossiers.toProcess > 0 }.prefix(15).map {
                    StatisticsChart.Bar(
                        label: language == .vi ? $0.name : $0.nameEn,
                        early: $0.dossiers.early,
                        onTime: $0.dossiers.onTime,
                        late: $0.dossiers.late,
                        inProgress: $0.dossiers.inProgress
                    )
                },
                title: t("dash_offices_chart"),
                legend: (t("stats_early"), t("stats_on_time"), t("stats_late"), t("stats_in_progress"))
            ) : nil
        func row(_ line: DashboardReport.Row) -> [String: Any] {
            let d = line.dossiers
            var row: [String: Any] = [
                "key": line.key, "name": language == .vi ? line.name : line.nameEn, "received": d.received, "early": d.early,
                "onTime": d.onTime, "late": d.late, "inProgress": d.inProgress, "lateInProgress": d.lateInProgress,
                "overdueNow": d.overdueNow, "rate": d.onTimeRate.map { String(format: "%.1f %%", $0 * 100) } ?? "—",
                "online": percent(d.onlineShare), "satisfaction": percent(d.satisfaction),
            ]
            if let c = line.counters {
                row["wait"] = number(c.meanWaitMinutes)
                row["reception"] = number(c.meanServiceMinutes)
                row["intake"] = number(c.yearlyIntakePerOfficer, 0)
                row["norm"] = number(c.norm, 0)
            }
            return row
        }
        let loadNames: [OverloadRule.Load: String] = [
            .overloaded: t("dash_overloaded"), .underloaded: t("dash_underloaded"), .balanced: t("dash_balanced"),
        ]
        var values: [String: Any] = [
            "scopeName": language == .vi ? report.scopeName : report.scopeNameEn,
            "from": PageFormat.date(report.period.from),
            "to": PageFormat.date(report.period.lastDay),
            "asOf": PageFormat.dateTime(report.moment),
            "cards": cards,
            "seriesChart": seriesChart,
            "series": report.series.map {
                ["period": $0.period, "received": $0.tally.received, "early": $0.tally.early, "onTime": $0.tally.onTime, "late": $0.tally.late]
            },
            "score": [
                "total": String(format: "%.1f", report.score.total),
                "measured": String(format: "%.0f", report.score.measured),
                "groups": NationalScore.Group.allCases.map { group in
                    [
                        "name": t("score_" + group.rawValue),
                        "maximum": String(format: "%.0f", group.maximum),
                        "earned": String(format: "%.1f", report.score.earned(in: group)),
                        "items": report.score.items(in: group).map { item in
                            [
                                "name": t("score_" + item.key.rawValue),
                                "points": String(format: "%.0f", item.points),
                                "threshold": String(format: "%.0f %%", item.threshold * 100),
                                "share": item.share.map { String(format: "%.1f %%", $0 * 100) } ?? t("dash_no_data"),
                                "earned": item.earned.map { String(format: "%.1f", $0) } ?? "0",
                                "noData": item.share == nil,
                            ] as [String: Any]
                        },
                    ] as [String: Any]
                },
            ] as [String: Any],
            "offices": officeRows.map(row),
            "hasOffices": report.offices.count > 1,
        ]
        let agencies = report.agencies.filter { $0.dossiers.toProcess > 0 }.sorted { $0.dossiers.received > $1.dossiers.received }
        let procedures = report.procedures.filter { $0.dossiers.toProcess > 0 }.sorted { $0.dossiers.received > $1.dossiers.received }
        values["agencies"] = agencies.map(row)
        values["hasAgencies"] = !agencies.isEmpty
        values["procedures"] = procedures.map(row)
        values["hasProcedures"] = !procedures.isEmpty
        if let officesChart { values["officesChart"] = officesChart }
        if let overload = report.overload {
            values["overload"] =
                [
                    "first": PageFormat.date(overload.first),
                    "last": PageFormat.date(overload.last),
                    "days": overload.workingDays,
                    "map": DashboardCharts.loadMap(overload.offices, title: t("dash_map_title"), names: loadNames, noData: t("dash_no_data")),
                    "flagged": (overload.overloaded + overload.underloaded).map { line in
                        [
                            "name": language == .vi ? line.office.name : line.office.nameEn,
                            "load": loadNames[line.assessment.load] ?? "",
                            "loadClass": line.assessment.load.rawValue,
                            "reason": t("load_" + line.assessment.reason.rawValue),
                            "officers": line.assessment.officers,
                            "atOffice": line.load.officers,
                            "tickets": String(format: "%.1f", line.load.ticketsPerDay),
                            "wait": number(line.load.meanWaitMinutes),
                        ] as [String: Any]
                    },
                    "moves": overload.moves.map { move in
                        let name = { (code: OfficeCode) in
                            overload.offices.first { $0.office.code == code }.map { language == .vi ? $0.office.name : $0.office.nameEn }
                                ?? code.rawValue
                        }
                        return [
                            "from": name(move.from), "to": name(move.to), "officers": move.officers, "km": String(format: "%.1f", move.distanceKm),
                        ] as [String: Any]
                    },
                ] as [String: Any]
        }
        // The CSV links carry the page's own query (scope and period) and language.
        let query = request.uri.query.map { $0.isEmpty ? "" : $0 + "&" } ?? ""
        values["csv"] = Dictionary(
            uniqueKeysWithValues: DashboardCSV.Table.allCases.map {
                ($0.rawValue, "/api/v1/dashboard/csv/\($0.rawValue)?\(query)lang=\(language.rawValue)")
            }
        )
        values["json"] = "/api/v1/dashboard" + (request.uri.query.map { "?" + $0 } ?? "")
        return values
    }

    func card(_ label: String, _ value: String, _ hint: String, _ good: Bool?) -> [String: Any] {
        var card: [String: Any] = ["label": label, "value": value, "hint": hint]
        if let good { card[good ? "good" : "bad"] = true }
        return card
    }
}
