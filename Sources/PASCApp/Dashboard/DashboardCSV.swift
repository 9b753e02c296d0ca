import Foundation
import PASCCore
import PASCDomain
import PASCPlanning

/// The dashboard's tables as CSV (RFC 4180, UTF-8 with a byte-order mark so spreadsheet programs
/// read Vietnamese correctly). Only counts, shares and names of offices, agencies and procedures:
/// no personal data exists in the counts they come from.
enum DashboardCSV {
    enum Table: String, CaseIterable, Sendable {
        case summary, offices, agencies, procedures, series, score, overload, moves
    }

    static func text(_ table: Table, _ report: DashboardReport, english: Bool) -> String {
        let rows: [[String]]
        switch table {
        case .summary: rows = summary(report, english)
        case .offices: rows = lines(report.offices, english, withCounters: true)
        case .agencies: rows = lines(report.agencies, english, withCounters: false)
        case .procedures: rows = lines(report.procedures, english, withCounters: false)
        case .series:
            rows =
                [
                    english
                        ? ["period", "received", "finished early", "finished on time", "finished late"]
                        : ["kỳ", "tiếp nhận", "trước hạn", "đúng hạn", "quá hạn"]
                ]
                + report.series.map { [$0.period, "\($0.tally.received)", "\($0.tally.early)", "\($0.tally.onTime)", "\($0.tally.late)"] }
        case .score:
            rows =
                [english ? ["group", "item", "points", "threshold", "share", "earned"] : ["nhóm", "mục", "điểm", "ngưỡng", "tỷ lệ", "đạt"]]
                + report.score.items.map { item in
                    [
                        item.key.group.rawValue, item.key.rawValue, number(item.points), number(item.threshold),
                        item.share.map(number) ?? (english ? "no data" : "không có dữ liệu"),
                        item.earned.map(number) ?? (english ? "no data" : "không có dữ liệu"),
                    ]
                }
        case .overload:
            rows =
                [
                    english
                        ? [
                            "office", "name", "load", "reason", "officers short or spare", "officers", "tickets per day", "counters per day",
                            "counters needed", "mean wait (min)",
                        ]
                        : [
                            "mã", "tên", "tải", "lý do", "thiếu hoặc dư (người)", "số cán bộ", "phiếu mỗi ngày", "quầy mở mỗi ngày", "quầy cần",
                            "chờ trung bình (phút)",
                        ]
                ]
                + (report.overload?.offices ?? []).filter { $0.assessment.load != .balanced }.map { line in
                    [
                        line.office.code.rawValue, line.office.name, line.assessment.load.rawValue, line.assessment.reason.rawValue,
                        "\(line.assessment.officers)", "\(line.load.officers)", number(line.load.ticketsPerDay), number(line.load.countersPerDay),
                        "\(line.load.countersNeeded)", line.load.meanWaitMinutes.map(number) ?? "",
                    ]
                }
        case .moves:
            rows =
                [english ? ["from", "to", "officers", "distance (km)"] : ["từ", "đến", "số cán bộ", "khoảng cách (km)"]]
                + (report.overload?.moves ?? []).map { [$0.from.rawValue, $0.to.rawValue, "\($0.officers)", number($0.distanceKm)] }
        }
        return "\u{FEFF}" + rows.map { $0.map(field).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    static func summary(_ report: DashboardReport, _ english: Bool) -> [[String]] {
        let d = report.dossiers
        var rows: [[String]] = [english ? ["indicator", "value"] : ["chỉ tiêu", "giá trị"]]
        func add(_ vi: String, _ en: String, _ value: String) { rows.append([english ? en : vi, value]) }
        add("phạm vi", "scope", report.scope.description)
        add("từ ngày", "from", report.period.from.description)
        add("đến ngày", "to", report.period.lastDay.description)
        add("tiếp nhận", "received", "\(d.received)")
        add("tiếp nhận trực tiếp", "received at the counter", "\(d.viaCounter)")
        add("tiếp nhận qua bưu chính", "received by post", "\(d.viaPost)")
        add("tiếp nhận trực tuyến", "received online", "\(d.viaOnline)")
        add("kỳ trước chuyển sang", "carried over", "\(d.carriedOver)")
        add("phải giải quyết", "to be processed", "\(d.toProcess)")
        add("giải quyết trước hạn", "finished early", "\(d.early)")
        add("giải quyết đúng hạn", "finished on time", "\(d.onTime)")
        add("giải quyết quá hạn", "finished late", "\(d.late)")
        add("đang giải quyết", "in progress", "\(d.inProgress)")
        add("đang giải quyết quá hạn", "late in progress", "\(d.lateInProgress)")
        add("quá hạn hiện nay", "overdue now", "\(d.overdueNow)")
        add("phiếu xin lỗi", "apology letters", "\(d.apologies)")
        add("tỷ lệ đúng hạn (%)", "on-time rate (%)", d.onTimeRate.map { number($0 * 100) } ?? "")
        add("tỷ lệ trực tuyến (%)", "online share (%)", percent(d.onlineShare))
        add("tỷ lệ thanh toán trực tuyến (%)", "online payment share (%)", percent(d.onlinePaymentShare))
        add("tỷ lệ kết quả điện tử (%)", "electronic result share (%)", percent(d.electronicResultShare))
        add("tỷ lệ số hóa (%)", "digitised share (%)", percent(d.digitisedShare))
        add("tỷ lệ hài lòng (%)", "satisfaction (%)", percent(d.satisfaction))
        if let c = report.counters {
            add("chờ trung bình (phút)", "mean wait (min)", c.meanWaitMinutes.map(number) ?? "")
            add("chờ phân vị 90 (phút)", "90th percentile wait (min)", c.p90WaitMinutes.map { "\($0)" } ?? "")
            add("chờ từ 15 phút (%)", "waits of 15 min or more (%)", percent(c.waitsOverTarget))
            add("tiếp nhận trung bình (phút)", "mean reception (min)", c.meanServiceMinutes.map(number) ?? "")
            add("ngày công tại quầy", "officer-days at counters", "\(c.officerDays)")
            add("hồ sơ/cán bộ/năm", "dossiers per officer per year", c.yearlyIntakePerOfficer.map(number) ?? "")
            add("định mức", "norm", c.norm.map(number) ?? "")
        }
        add("điểm Bộ chỉ số 766", "Decision 766 score", number(report.score.total))
        return rows
    }

    static func lines(_ rows: [DashboardReport.Row], _ english: Bool, withCounters: Bool) -> [[String]] {
        var header =
            english
            ? [
                "code", "name", "received", "counter", "post", "online", "early", "on time", "late", "in progress", "late in progress", "overdue now",
                "apologies", "on-time rate (%)", "online (%)", "digitised (%)", "electronic results (%)", "satisfaction (%)",
            ]
            : [
                "mã", "tên", "tiếp nhận", "trực tiếp", "bưu chính", "trực tuyến", "trước hạn", "đúng hạn", "quá hạn", "đang giải quyết",
                "đang quá hạn", "quá hạn hiện nay", "xin lỗi", "đúng hạn (%)", "trực tuyến (%)", "số hóa (%)", "kết quả điện tử (%)", "hài lòng (%)",
            ]
        if withCounters {
            header +=
                english
                ? [
                    "area type", "tickets", "mean wait (min)", "p90 wait (min)", "waits 15+ min (%)", "mean reception (min)", "officer-days",
                    "dossiers per officer per year", "norm",
                ]
                : [
                    "loại địa bàn", "phiếu", "chờ TB (phút)", "chờ P90 (phút)", "chờ từ 15 phút (%)", "tiếp nhận TB (phút)", "ngày công",
                    "hồ sơ/cán bộ/năm", "định mức",
                ]
        }
        return [header]
            + rows.map { row in
                let d = row.dossiers
                var line = [
                    row.key, english ? row.nameEn : row.name, "\(d.received)", "\(d.viaCounter)", "\(d.viaPost)", "\(d.viaOnline)", "\(d.early)",
                    "\(d.onTime)", "\(d.late)", "\(d.inProgress)", "\(d.lateInProgress)", "\(d.overdueNow)", "\(d.apologies)",
                    d.onTimeRate.map { number($0 * 100) } ?? "", percent(d.onlineShare), percent(d.digitisedShare),
                    percent(d.electronicResultShare), percent(d.satisfaction),
                ]
                if withCounters, let c = row.counters {
                    line += [
                        row.areaType?.rawValue ?? "", "\(c.tickets)", c.meanWaitMinutes.map(number) ?? "", c.p90WaitMinutes.map { "\($0)" } ?? "",
                        percent(c.waitsOverTarget), c.meanServiceMinutes.map(number) ?? "", "\(c.officerDays)",
                        c.yearlyIntakePerOfficer.map(number) ?? "", c.norm.map(number) ?? "",
                    ]
                }
                return line
            }
    }

    static func percent(_ ratio: Ratio) -> String { ratio.value.map { number($0 * 100) } ?? "" }

    /// Two decimals at most, a point as separator (the CSV's numbers are for programs).
    static func number(_ value: Double) -> String {
        let rounded = (value * 100).rounded() / 100
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }

    static func field(_ text: String) -> String {
        // A leading =, +, - or @ would run as a formula in a spreadsheet; names never start so, but a quote keeps it text.
        let safe = text.first.map { "=+@".contains($0) } == true ? "'" + text : text
        guard safe.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return safe }
        return "\"" + safe.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
