import Foundation

/// A horizontal stacked bar chart as SVG, drawn on the server: one bar per row, split into the
/// dossiers finished early, on time, late and still in progress. The page puts the same numbers
/// in a table beside it, so the chart is a picture of the table, never the only place of a figure.
enum StatisticsChart {
    struct Bar {
        let label: String
        let early: Int
        let onTime: Int
        let late: Int
        let inProgress: Int
        var total: Int { early + onTime + late + inProgress }
    }

    static let width = 640.0
    static let labelWidth = 220.0
    static let rowHeight = 22.0

    /// Markup of the whole `<svg>`: numbers and escaped text only. `legend` names the four parts
    /// in the page's language.
    static func svg(_ bars: [Bar], title: String, legend: (early: String, onTime: String, late: String, inProgress: String)) -> String {
        let height = Double(bars.count) * rowHeight + 40
        let most = Double(max(bars.map(\.total).max() ?? 1, 1))
        let scale = (width - labelWidth - 50) / most
        var svg =
            ##"<svg class="chart" viewBox="0 0 \##(Int(width)) \##(Int(height))" role="img" aria-label="\##(escape(title))" xmlns="http://www.w3.org/2000/svg">"##
        let parts: [(KeyPath<Bar, Int>, String, String)] = [
            (\.early, "#1a7f37", legend.early), (\.onTime, "#4ac26b", legend.onTime), (\.late, "#b42318", legend.late),
            (\.inProgress, "#8c959f", legend.inProgress),
        ]
        for (index, bar) in bars.enumerated() {
            let y = Double(index) * rowHeight + 4
            svg += ##"<text x="\##(Int(labelWidth) - 6)" y="\##(format(y + 14))" text-anchor="end">\##(escape(String(bar.label.prefix(34))))</text>"##
            var x = labelWidth
            for (path, colour, name) in parts where bar[keyPath: path] > 0 {
                let w = Double(bar[keyPath: path]) * scale
                svg +=
                    ##"<rect x="\##(format(x))" y="\##(format(y))" width="\##(format(w))" height="\##(Int(rowHeight) - 6)" fill="\##(colour)"><title>\##(escape(name)): \##(bar[keyPath: path])</title></rect>"##
                x += w
            }
            svg += ##"<text x="\##(format(x + 4))" y="\##(format(y + 14))">\##(bar.total)</text>"##
        }
        var x = labelWidth
        let y = Double(bars.count) * rowHeight + 16
        for (_, colour, name) in parts {
            svg += ##"<rect x="\##(format(x))" y="\##(format(y))" width="12" height="12" fill="\##(colour)"/>"##
            svg += ##"<text x="\##(format(x + 16))" y="\##(format(y + 11))">\##(escape(name))</text>"##
            x += 16 + Double(name.count) * 6.5 + 14
        }
        return svg + "</svg>"
    }

    static func format(_ value: Double) -> String { String(format: "%.1f", value) }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
            .replacingOccurrences(of: "\"", with: "&quot;")
    }
}
