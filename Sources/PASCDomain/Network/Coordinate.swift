import Foundation

/// A WGS84 point. Latitude and longitude are checked at construction.
public struct Coordinate: Hashable, Sendable, Codable {
    public let latitude: Double
    public let longitude: Double

    public init(latitude: Double, longitude: Double) throws(ValidationError) {
        guard latitude.isFinite, (-90.0...90.0).contains(latitude) else {
            throw ValidationError(
                field: "latitude",
                message: "Vĩ độ phải là số từ -90 đến 90, nhận được \(latitude).",
                messageEn: "latitude must be a number from -90 to 90, got \(latitude)."
            )
        }
        guard longitude.isFinite, (-180.0...180.0).contains(longitude) else {
            throw ValidationError(
                field: "longitude",
                message: "Kinh độ phải là số từ -180 đến 180, nhận được \(longitude).",
                messageEn: "longitude must be a number from -180 to 180, got \(longitude)."
            )
        }
        self.latitude = latitude
        self.longitude = longitude
    }

    /// Mean Earth radius (IUGG), the usual choice for great-circle distances.
    public static let earthRadiusKm = 6371.0088

    /// Great-circle (haversine) distance in kilometres.
    ///
    /// Straight-line distance is the first cost the planner uses; road minutes can replace it later.
    public func distanceKm(to other: Coordinate) -> Double {
        let lat1 = latitude * .pi / 180
        let lat2 = other.latitude * .pi / 180
        let dLat = (other.latitude - latitude) * .pi / 180
        let dLon = (other.longitude - longitude) * .pi / 180
        let a = sin(dLat / 2) * sin(dLat / 2) + cos(lat1) * cos(lat2) * sin(dLon / 2) * sin(dLon / 2)
        return 2 * Coordinate.earthRadiusKm * asin(min(1, sqrt(a)))
    }

    /// Parses `lat,lon` as given in a `near=` query parameter.
    public static func parse(_ text: String, field: String = "near") throws(ValidationError) -> Coordinate {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 2, let lat = Double(parts[0]), let lon = Double(parts[1]) else {
            throw ValidationError(
                field: field,
                message: "'\(field)' phải có dạng vĩ độ,kinh độ (ví dụ 10.98,106.65), nhận được '\(text)'.",
                messageEn: "'\(field)' must be latitude,longitude (for example 10.98,106.65), got '\(text)'."
            )
        }
        do {
            return try Coordinate(latitude: lat, longitude: lon)
        } catch {
            throw ValidationError(field: field, message: error.message, messageEn: error.messageEn)
        }
    }
}
