import Foundation
import PASCCore
import PASCDomain
import PASCPlanning

/// The dashboard's pictures as SVG drawn on the server: the period's series as columns and the
/// offices on a map coloured by load. Each is a picture of a table the page shows beside it.
enum DashboardCharts {
    static let width = 720.0

    /// One column per day or month: the results made early, on time and late stacked, and a dark
    /// tick at the number received.
    static func series(
        _ points: [DashboardReport.SeriesPoint],
        title: String,
        legend: (received: String, early: String, onTime: String, late: String)
    ) -> String {
        let height = 240.0
        let left = 40.0
        let bottom = 200.0
        let top = 12.0
        let most = Double(max(points.map { max($0.tally.received, $0.tally.finished) }.max() ?? 1, 1))
        let scale = (bottom - top) / most
        let step = points.isEmpty ? 1 : (width - left - 10) / Double(points.count)
        let barWidth = max(2, min(28, step * 0.7))
        var svg =
            ##"<svg class="chart" viewBox="0 0 \##(Int(width)) \##(Int(height) + 24)" role="img" aria-label="\##(escape(title))" xmlns="http://www.w3.org/2000/svg">"##
        svg += ##"<line x1="\##(left)" y1="\##(bottom)" x2="\##(width - 10)" y2="\##(bottom)" stroke="#57606a"/>"##
        svg +=
            ##"<text x="\##(left - 4)" y="\##(top + 4)" text-anchor="end">\##(Int(most))</text><text x="\##(left - 4)" y="\##(bottom)" text-anchor="end">0</text>"##
        let parts: [(KeyPath<DossierTally, Int>, String, String)] = [
            (\.early, "#1a7f37", legend.early), (\.onTime, "#4ac26b", legend.onTime), (\.late, "#b42318", legend.late),
        ]
        let labelEvery = max(1, points.count / 12)
        for (index, point) in points.enumerated() {
            let x = left + Double(index) * step + (step - barWidth) / 2
            var y = bottom
            for (path, colour, name) in parts where point.tally[keyPath: path] > 0 {
                let h = Double(point.tally[keyPath: path]) * scale
                y -= h
                svg +=
                    ##"<rect x="\##(f(x))" y="\##(f(y))" width="\##(f(barWidth))" height="\##(f(h))" fill="\##(colour)"><title>\##(escape(point.period)) \##(escape(name)): \##(point.tally[keyPath: path])</title></rect>"##
            }
            let r = bottom - Double(point.tally.received) * scale
            svg +=
                ##"<rect x="\##(f(x - 2))" y="\##(f(r - 1.5))" width="\##(f(barWidth + 4))" height="3" fill="#24292f"><title>\##(escape(point.period)) \##(escape(legend.received)): \##(point.tally.received)</title></rect>"##
            if index % labelEvery == 0 {
                let label = point.period.count == 10 ? String(point.period.suffix(5)) : point.period
                svg += ##"<text x="\##(f(x + barWidth / 2))" y="\##(f(bottom + 14))" text-anchor="middle">\##(escape(label))</text>"##
            }
        }
        var x = left
        let y = bottom + 30
        for (colour, name) in [("#24292f", legend.received)] + parts.map({ ($0.1, $0.2) }) {
            svg += ##"<rect x="\##(f(x))" y="\##(f(y))" width="12" height="12" fill="\##(colour)"/>"##
            svg += ##"<text x="\##(f(x + 16))" y="\##(f(y + 11))">\##(escape(name))</text>"##
            x += 16 + Double(name.count) * 6.5 + 14
        }
        return svg + "</svg>"
    }

    /// The offices at their coordinates: red and large when overloaded, green when under-loaded,
    /// blue when balanced, grey without data; each dot names its office and load.
    static func loadMap(_ lines: [DashboardReport.OfficeLoadLine], title: String, names: [OverloadRule.Load: String], noData: String) -> String {
        let coordinates = lines.map(\.office.location.coordinate)
        guard let minLat = coordinates.map(\.latitude).min(), let maxLat = coordinates.map(\.latitude).max(),
            let minLon = coordinates.map(\.longitude).min(), let maxLon = coordinates.map(\.longitude).max()
        else { return "" }
        let height = 420.0
        let margin = 16.0
        let squeeze = cos((minLat + maxLat) / 2 * .pi / 180)
        let spanX = max((maxLon - minLon) * squeeze, 0.01)
        let spanY = max(maxLat - minLat, 0.01)
        let scale = min((width - 2 * margin) / spanX, (height - 2 * margin) / spanY)
        var svg =
            ##"<svg class="chart map" viewBox="0 0 \##(Int(width)) \##(Int(height) + 24)" role="img" aria-label="\##(escape(title))" xmlns="http://www.w3.org/2000/svg">"##
        // Quiet offices first, so the flagged ones are drawn on top.
        let order: [OverloadRule.Load: Int] = [.balanced: 0, .underloaded: 1, .overloaded: 2]
        for line in lines.sorted(by: { (order[$0.assessment.load] ?? 0) < (order[$1.assessment.load] ?? 0) }) {
            let c = line.office.location.coordinate
            let x = margin + (c.longitude - minLon) * squeeze * scale
            let y = height - margin - (c.latitude - minLat) * scale
            let noLoad = line.assessment.reason == .noData
            let (colour, radius): (String, Double) =
                switch (noLoad, line.assessment.load) {
                case (true, _): ("#afb8c1", 3.0)
                case (false, .overloaded): ("#b42318", 8.0)
                case (false, .underloaded): ("#1a7f37", 6.0)
                case (false, .balanced): ("#0969da", 4.5)
                }
            let state = noLoad ? noData : (names[line.assessment.load] ?? line.assessment.load.rawValue)
            svg +=
                ##"<circle cx="\##(f(x))" cy="\##(f(y))" r="\##(radius)" fill="\##(colour)" stroke="#ffffff" stroke-width="1"><title>\##(escape(line.office.name)): \##(escape(state))</title></circle>"##
        }
        var x = margin
        for (colour, name) in [
            ("#b42318", names[.overloaded] ?? ""), ("#1a7f37", names[.underloaded] ?? ""), ("#0969da", names[.balanced] ?? ""), ("#afb8c1", noData),
        ] {
            svg += ##"<circle cx="\##(f(x + 6))" cy="\##(f(height + 10))" r="6" fill="\##(colour)"/>"##
            svg += ##"<text x="\##(f(x + 16))" y="\##(f(height + 15))">\##(escape(name))</text>"##
            x += 16 + Double(name.count) * 6.5 + 18
        }
        return svg + "</svg>"
    }

    static func f(_ value: Double) -> String { String(format: "%.1f", value) }

    static func escape(_ text: String) -> String { StatisticsChart.escape(text) }
}
