import PASCDomain
import Testing

@Suite("Coordinates and great-circle distance")
struct CoordinateTests {
    @Test func oneDegreeOfLatitudeIsAbout111Km() throws {
        let a = try Coordinate(latitude: 10, longitude: 106)
        let b = try Coordinate(latitude: 11, longitude: 106)
        #expect(abs(a.distanceKm(to: b) - 111.195) < 0.01)
        #expect(a.distanceKm(to: a) == 0)
    }

    @Test func distanceBetweenTwoPointsMatchesAReference() throws {
        // Reference: 17.1191 km, computed separately with Python's math module (haversine, R = 6371.0088 km).
        let thuDauMot = try Coordinate(latitude: 11.02191, longitude: 106.66464)
        let diAn = try Coordinate(latitude: 10.90669, longitude: 106.76865)
        #expect(abs(thuDauMot.distanceKm(to: diAn) - 17.1191) < 0.001)
        #expect(thuDauMot.distanceKm(to: diAn) == diAn.distanceKm(to: thuDauMot))
    }

    @Test(arguments: ["abc", "10.9", "10.9,", ",106", "91,106", "10,181", "a,b", "10,106,3"])
    func parseRefusesMalformedNear(_ text: String) {
        #expect {
            try Coordinate.parse(text)
        } throws: { error in
            (error as? ValidationError)?.field == "near"
        }
    }

    @Test func parseAcceptsSpaces() throws {
        let c = try Coordinate.parse(" 10.98 , 106.65 ")
        #expect(c.latitude == 10.98 && c.longitude == 106.65)
    }

    @Test func outOfRangeIsRefusedAtConstruction() {
        #expect(throws: ValidationError.self) { try Coordinate(latitude: 90.5, longitude: 0) }
        #expect(throws: ValidationError.self) { try Coordinate(latitude: .nan, longitude: 0) }
        #expect(throws: ValidationError.self) { try Coordinate(latitude: 0, longitude: -181) }
    }
}
