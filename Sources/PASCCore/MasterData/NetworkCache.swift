import Foundation
import PASCDomain

/// The offices, agencies, administrative units and procedures every reception consults, read once
/// and kept for a minute.
///
/// Measured (issue 4, `perf` on the debug build): reloading and decoding all offices and agencies
/// took nearly half of a reception's server time. They change rarely and only through master-data
/// administration; several servers share one database, so each sees another's change within
/// `maximumAge`, and a change made through this process is seen at once (``invalidate()``).
public final class NetworkCache: Sendable {
    let store: any Store
    let clock: any Clock
    let maximumAge: TimeInterval
    private let cache = LockedValue<(offices: [Office], agencies: [Agency], units: [String: AdministrativeUnit], builtAt: Date)?>(nil)
    /// Procedures as read (with their boundary-free phase), each kept as long as the network.
    private let procedures = LockedValue<(byCode: [ProcedureCode: Procedure], builtAt: Date)>(([:], .distantPast))

    public init(store: any Store, clock: any Clock, maximumAge: TimeInterval = 60) {
        self.store = store
        self.clock = clock
        self.maximumAge = maximumAge
    }

    public func network() async throws -> (offices: [Office], agencies: [Agency]) {
        let cached = try await load()
        return (cached.offices, cached.agencies)
    }

    /// An administrative unit by GSO code (units change only with a new seed).
    public func unit(_ code: String) async throws -> AdministrativeUnit? {
        if let unit = try await load().units[code] { return unit }
        return try await store.unit(code)
    }

    private func load() async throws -> (offices: [Office], agencies: [Agency], units: [String: AdministrativeUnit]) {
        let now = clock.now()
        if let cached = cache.value, now.timeIntervalSince(cached.builtAt) < maximumAge, now >= cached.builtAt {
            return (cached.offices, cached.agencies, cached.units)
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
        var units: [String: AdministrativeUnit] = [:]
        var unitPage = PageRequest(limit: PageRequest.maximumLimit)
        while true {
            let result = try await store.units(UnitFilter(), page: unitPage)
            for unit in result.items { units[unit.code] = unit }
            guard let next = result.nextCursor else { break }
            unitPage = PageRequest(limit: PageRequest.maximumLimit, cursor: next)
        }
        cache.value = (offices, agencies, units, now)
        return (offices, agencies, units)
    }

    /// A procedure by code; unknown codes are not remembered.
    public func procedure(_ code: ProcedureCode) async throws -> Procedure? {
        let now = clock.now()
        let cached = procedures.value
        if now.timeIntervalSince(cached.builtAt) < maximumAge, now >= cached.builtAt, let procedure = cached.byCode[code] { return procedure }
        guard let procedure = try await store.procedure(code) else { return nil }
        procedures.withValue { kept in
            if now.timeIntervalSince(kept.builtAt) >= maximumAge || now < kept.builtAt { kept = ([:], now) }
            kept.byCode[code] = procedure
        }
        return procedure
    }

    public func invalidate() {
        cache.value = nil
        procedures.value = ([:], .distantPast)
    }
}
