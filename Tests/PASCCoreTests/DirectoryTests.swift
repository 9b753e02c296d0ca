import PASCCore
import PASCDomain
import PASCStore
import PASCTestSupport
import Testing

@Suite("Directory: offices by distance")
struct DirectoryTests {
    @Test func nearSortsByDistanceAndPagesByOffset() async throws {
        try await TestDatabases.withStore(.sqlite) { store in
            _ = try await store.seedIfEmpty(Fixtures.demo)
            let directory = Directory(store: store)
            let here = try Coordinate(latitude: 10.98, longitude: 106.65)
            let first = try await directory.offices(OfficeFilter(), near: here, page: PageRequest(limit: 60))
            let second = try await directory.offices(OfficeFilter(), near: here, page: PageRequest(limit: 60, cursor: first.nextCursor))
            let all = first.items + second.items
            #expect(all.count == 101)
            #expect(second.nextCursor == nil)
            let distances = all.compactMap(\.distanceKm)
            #expect(distances == distances.sorted())
            #expect(Set(all.map(\.office.code)).count == 101)
            // The nearest office really is the nearest one.
            let brute = Fixtures.demo.offices.min { $0.location.coordinate.distanceKm(to: here) < $1.location.coordinate.distanceKm(to: here) }
            #expect(all.first?.office.code == brute?.code)
        }
    }
}
