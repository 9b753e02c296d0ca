import PASCCore
import PASCStore
import PASCTestSupport
import Testing

@Suite("Importing office locations")
struct OfficeLocationImportTests {
    @Test func anOfficeListedTwiceIsRefusedNamingTheLine() async throws {
        try await TestDatabases.withStore(.sqlite) { store in
            _ = try await store.seedIfEmpty(Fixtures.demo)
            let csv = "code,latitude,longitude\n000.03.11.H56,10.98,106.65\n000.03.11.H56,10.99,106.66\n"
            await #expect {
                try await OfficeLocationImport(store: store).run(csv: csv)
            } throws: { error in
                (error as? DemoDataError)?.line == 3
            }
        }
    }

    @Test func aMissingColumnIsNamed() async throws {
        try await TestDatabases.withStore(.sqlite) { store in
            await #expect {
                try await OfficeLocationImport(store: store).run(csv: "code,lat,lon\n000.03.11.H56,10.98,106.65\n")
            } throws: { error in
                "\(error)".contains("latitude")
            }
        }
    }
}
