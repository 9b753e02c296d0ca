import Foundation
import PASCDomain

/// The offices and agencies every reception consults, read once and kept for a minute.
///
/// Measured (issue 4, `perf` on the debug build): reloading and decoding all offices and agencies
/// took nearly half of a reception's server time. They change rarely and only through master-data
/// administration; several servers share one database, so each sees another's change within
/// `maximumAge`, and a change made through this process is seen at once (``invalidate()``).
public final class NetworkCache: Sendable {
    let store: any Store
    let clock: any Clock
    let maximumAge: TimeInterval
    private let cache = LockedValue<(offices: [Office], agencies: [Agency], builtAt: Date)?>(nil)

    public init(store: any Store, clock: any Clock, maximumAge: TimeInterval = 60) {
        self.store = store
        self.clock = clock
        self.maximumAge = maximumAge
    }

    public func network() async throws -> (offices: [Office], agencies: [Agency]) {
        let now = clock.now()
        if let cached = cache.value, now.timeIntervalSince(cached.builtAt) < maximumAge, now >= cached.builtAt {
            return (cached.offices, cached.agencies)
        }
        let offices = try await store.allOffices(OfficeFilter())
        var agencies: [Agency] = []
        var page = PageRequest(limit: PageRequest.maximumLimit)
        // Every agency, however many pages (the network may hold more than one page's worth).
        while true {
            let result = try await store.agencies(page: page)
            agencies += result.items
            guard let next = result.nextCursor else { break }
            page = PageRequest(limit: PageRequest.maximumLimit, cursor: next)
        }
        cache.value = (offices, agencies, now)
        return (offices, agencies)
    }

    public func invalidate() { cache.value = nil }
}
