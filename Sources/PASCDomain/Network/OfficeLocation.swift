import Foundation

/// Where an office is, and how much to trust it.
///
/// Most commune points of the demo have no licensed coordinate, so their place is derived by a
/// documented rule; `approximate` travels with the point to every API answer, map and distance.
public struct OfficeLocation: Hashable, Sendable, Codable {
    public var coordinate: Coordinate
    /// True when the point is not the office's surveyed position (centroid, derived placement).
    public var approximate: Bool
    /// Where the point comes from (`wikipedia-infobox`, `district-centroid`, `derived-ring`, `import`).
    public var source: String

    public init(coordinate: Coordinate, approximate: Bool, source: String) {
        self.coordinate = coordinate
        self.approximate = approximate
        self.source = source
    }
}
