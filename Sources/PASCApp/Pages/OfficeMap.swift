import Foundation
import PASCDomain

/// A map drawn from coordinates alone, as SVG: every office of the network a dot, this one
/// larger and marked. No tiles from outside (PASC runs on closed networks); the page links out
/// to a full map for directions.
enum OfficeMap {
    static let width = 400.0
    static let height = 400.0
    static let margin = 20.0

    /// Markup of the whole `<svg>`; every value in it is a number or escaped text.
    static func svg(of office: Office, among offices: [Office], label: String) -> String {
        let points = offices.map(\.location.coordinate) + [office.location.coordinate]
        let minLat = points.map(\.latitude).min()!
        let maxLat = points.map(\.latitude).max()!
        let minLon = points.map(\.longitude).min()!
        let maxLon = points.map(\.longitude).max()!
        // Degrees of longitude shrink with latitude: keep the map's proportions true.
        let squeeze = cos((minLat + maxLat) / 2 * .pi / 180)
        let spanX = max((maxLon - minLon) * squeeze, 0.0001)
        let spanY = max(maxLat - minLat, 0.0001)
        let scale = min((width - 2 * margin) / spanX, (height - 2 * margin) / spanY)
        func x(_ c: Coordinate) -> String { String(format: "%.1f", margin + (c.longitude - minLon) * squeeze * scale) }
        func y(_ c: Coordinate) -> String { String(format: "%.1f", height - margin - (c.latitude - minLat) * scale) }
        var svg = ##"<svg class="map" viewBox="0 0 400 400" role="img" aria-label="\##(escape(label))" xmlns="http://www.w3.org/2000/svg">"##
        for other in offices where other.code != office.code {
            let c = other.location.coordinate
            let r = other.level == .center ? 6 : other.level == .branch ? 4 : 2.5
            svg += ##"<circle cx="\##(x(c))" cy="\##(y(c))" r="\##(r)" fill="#7b8794"><title>\##(escape(other.name))</title></circle>"##
        }
        let c = office.location.coordinate
        svg +=
            ##"<circle cx="\##(x(c))" cy="\##(y(c))" r="9" fill="#a4161a" stroke="#ffffff" stroke-width="3"><title>\##(escape(office.name))</title></circle>"##
        svg += "</svg>"
        return svg
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
            .replacingOccurrences(of: "\"", with: "&quot;")
    }
}
