import PASCDomain

/// Imports surveyed office coordinates from a CSV (`code,latitude,longitude`), clearing the
/// `approximate` mark the demo puts on derived locations.
public struct OfficeLocationImport: Sendable {
    public let store: any Store

    public init(store: any Store) { self.store = store }

    /// Parses the whole file first, so a bad row changes nothing; then writes in one transaction.
    public func run(csv text: String, source: String = "import") async throws -> Int {
        let table: CSVTable
        do { table = try CSVTable(text: text) } catch { throw DemoDataError(file: "locations", line: error.line, reason: error.reason) }
        do { try table.require(columns: ["code", "latitude", "longitude"]) } catch {
            throw DemoDataError(file: "locations", line: error.line, reason: error.reason)
        }
        var locations: [OfficeCode: OfficeLocation] = [:]
        for (index, row) in table.rows.enumerated() {
            let location = try rowContext("locations", index) {
                (
                    try OfficeCode(row.required("code")),
                    OfficeLocation(
                        coordinate: try Coordinate(latitude: row.requiredDouble("latitude"), longitude: row.requiredDouble("longitude")),
                        approximate: false,
                        source: source
                    )
                )
            }
            guard locations.updateValue(location.1, forKey: location.0) == nil else {
                throw DemoDataError(file: "locations", line: index + 2, reason: "office \(location.0) appears twice; give each office once")
            }
        }
        return try await store.updateOfficeLocations(locations)
    }
}
