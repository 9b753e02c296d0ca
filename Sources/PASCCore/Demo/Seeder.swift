import PASCDomain

/// Seeds the demo network into an empty database, exactly once.
public struct Seeder: Sendable {
    public let store: any Store

    public init(store: any Store) { self.store = store }

    public enum Outcome: Equatable, Sendable {
        case seeded(offices: Int, units: Int, agencies: Int, procedures: Int)
        case alreadySeeded(at: String)
    }

    /// Writes the demo dataset unless the database has been seeded before (checked in the same transaction).
    public func seedDemo() async throws -> Outcome {
        if let at = try await store.seededAt() { return .alreadySeeded(at: at) }
        let dataset = try DemoDataset.load()
        guard try await store.seedIfEmpty(dataset) else {
            return .alreadySeeded(at: try await store.seededAt() ?? "")
        }
        return .seeded(
            offices: dataset.offices.count,
            units: dataset.units.count,
            agencies: dataset.agencies.count,
            procedures: dataset.procedures.count
        )
    }
}
