import PASCDomain

/// Read use cases over the network and the catalog: what the public API lists and searches.
public struct Directory: Sendable {
    public let store: any Store
    /// The size a search text may have (see ``SearchTextLimits``).
    public let searchLimits: SearchTextLimits

    public init(store: any Store, searchLimits: SearchTextLimits = SearchTextLimits()) {
        self.store = store
        self.searchLimits = searchLimits
    }

    /// An office with its distance from the point asked about, when one was asked about.
    public struct OfficeHit: Sendable {
        public let office: Office
        public let distanceKm: Double?
    }

    /// Lists offices by code, or by great-circle distance from `near` (nearest first).
    ///
    /// Distance ordering is done here rather than in SQL: the network is a few hundred offices,
    /// and the same code then serves SQLite and PostgreSQL without a geometry extension.
    public func offices(_ filter: OfficeFilter, near: Coordinate?, page: PageRequest) async throws -> Page<OfficeHit> {
        guard let near else {
            let result = try await store.offices(filter, page: page)
            return Page(items: result.items.map { OfficeHit(office: $0, distanceKm: nil) }, nextCursor: result.nextCursor)
        }
        let hits = try await store.allOffices(filter)
            .map { OfficeHit(office: $0, distanceKm: $0.location.coordinate.distanceKm(to: near)) }
            .sorted { ($0.distanceKm!, $0.office.code) < ($1.distanceKm!, $1.office.code) }
        var start = 0
        if case .offset(let n) = page.cursor { start = min(n, hits.count) }
        let end = min(start + page.limit, hits.count)
        return Page(items: Array(hits[start..<end]), nextCursor: end < hits.count ? .offset(end) : nil)
    }

    public func office(_ code: OfficeCode) async throws -> Office? { try await store.office(code) }

    public func units(_ filter: UnitFilter, page: PageRequest) async throws -> Page<AdministrativeUnit> {
        try await store.units(filter, page: page)
    }

    public func unit(_ code: String) async throws -> AdministrativeUnit? { try await store.unit(code) }

    /// Throws ``ValidationError`` naming `q` when the search text is over ``searchLimits``.
    public func procedures(_ filter: ProcedureFilter, page: PageRequest) async throws -> Page<Procedure> {
        try searchLimits.check(filter.query)
        return try await store.procedures(filter, page: page)
    }

    public func procedure(_ code: ProcedureCode) async throws -> Procedure? { try await store.procedure(code) }
}
