import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import PASCCore
import PASCStore
import PASCTestSupport
import Testing

@testable import PASCApp

/// The public view is kept once encoded and dropped when its dossier changes: here, on another
/// server (PostgreSQL), or when its time-dependent marks turn.
@Suite("Public view cache")
struct PublicViewCacheTests {
    static let body = ByteBuffer(string: "{}")
    static let start = Date(timeIntervalSince1970: 1_790_000_000)

    // MARK: The cache alone

    @Test func aReadThatBeganBeforeAChangeIsNotKept() {
        let hub = DossierChangeHub(hearsEverything: true)
        let cache = PublicViewCache(hub: hub)
        let until = Self.start.addingTimeInterval(3600)
        let before = cache.ticket()
        hub.changed("A")
        cache.keep(Self.body, for: "A", madeAt: Self.start, until: until, ticket: before)
        #expect(cache.body(for: "A", now: Self.start) == nil)
        // Another dossier's change does not stop it; a read begun after the change is kept.
        cache.keep(Self.body, for: "B", madeAt: Self.start, until: until, ticket: before)
        #expect(cache.body(for: "B", now: Self.start) == Self.body)
        cache.keep(Self.body, for: "A", madeAt: Self.start, until: until, ticket: cache.ticket())
        #expect(cache.body(for: "A", now: Self.start) == Self.body)
        hub.changed("A")
        #expect(cache.body(for: "A", now: Self.start) == nil)
        #expect(cache.body(for: "B", now: Self.start) == Self.body)
    }

    @Test func nothingIsKeptWhileChangesMayGoUnheard() {
        let hub = DossierChangeHub(hearsEverything: false)
        let cache = PublicViewCache(hub: hub)
        let until = Self.start.addingTimeInterval(3600)
        cache.keep(Self.body, for: "A", madeAt: Self.start, until: until, ticket: cache.ticket())
        #expect(cache.count == 0)
        let duringTheOutage = cache.ticket()
        hub.setHearing(true)
        cache.keep(Self.body, for: "A", madeAt: Self.start, until: until, ticket: duringTheOutage)
        #expect(cache.count == 0, "a read begun while deaf may have missed a change")
        cache.keep(Self.body, for: "A", madeAt: Self.start, until: until, ticket: cache.ticket())
        #expect(cache.body(for: "A", now: Self.start) == Self.body)
        hub.setHearing(false)
        #expect(cache.count == 0 && cache.body(for: "A", now: Self.start) == nil)
    }

    @Test func aCopyLastsUntilItsViewTurnsAndNoLongerThanTheMaximumAge() {
        let cache = PublicViewCache(hub: DossierChangeHub(hearsEverything: true), capacity: 3, maxAge: 60)
        cache.keep(Self.body, for: "A", madeAt: Self.start, until: Self.start.addingTimeInterval(30), ticket: cache.ticket())
        #expect(cache.body(for: "A", now: Self.start.addingTimeInterval(29)) == Self.body)
        #expect(cache.body(for: "A", now: Self.start.addingTimeInterval(30)) == nil)
        #expect(cache.body(for: "A", now: Self.start.addingTimeInterval(-1)) == nil, "a clock set back sees no view from its future")
        cache.keep(Self.body, for: "B", madeAt: Self.start, until: .distantFuture, ticket: cache.ticket())
        #expect(cache.body(for: "B", now: Self.start.addingTimeInterval(59)) == Self.body)
        #expect(cache.body(for: "B", now: Self.start.addingTimeInterval(60)) == nil)
        // Two generations of three: a copy looked at again survives the newer ones, an old one goes.
        for code in ["C", "D", "E", "F"] {
            cache.keep(Self.body, for: code, madeAt: Self.start, until: .distantFuture, ticket: cache.ticket())
        }
        #expect(cache.body(for: "B", now: Self.start) == Self.body)
        for code in ["G", "H"] {
            cache.keep(Self.body, for: code, madeAt: Self.start, until: .distantFuture, ticket: cache.ticket())
        }
        #expect(cache.count <= 6)
        #expect(cache.body(for: "B", now: Self.start) == Self.body)
        #expect(cache.body(for: "C", now: Self.start) == nil)
    }

    // MARK: Over HTTP

    /// A dossier received 2026-09-15 09:00 for a 3-working-day procedure: due 2026-09-18 17:00.
    @Test(arguments: TestDatabases.backends)
    func theViewFollowsEveryStepAndTheClock(_ backend: TestDatabases.Backend) async throws {
        let clock = ManualClock()
        clock.set("2026-09-15T09:00:00+07:00")
        let holder = StoreHolder()
        try await withStaffApp(backend, clock: clock, extraRoutes: { _, store in holder.store = store }) { client, _, _ in
            let store = try #require(holder.store)
            let code = try await DossierStepsTests.receive(client)
            let path = "/api/v1/dossiers/\(code)"
            #expect(try await client.get(path).json["status"] as? [String: Any] != nil)
            let first = try await client.get(path)
            // A write no hub hears (a tool on the database itself): the kept view stays, within its age.
            try await store.execute(unsafeSQL: "UPDATE dossiers SET appointment_rule = 'rewritten' WHERE code = '\(code)'")
            #expect(String(buffer: try await client.get(path).body) == String(buffer: first.body))
            clock.set("2026-09-15T09:01:01+07:00")
            #expect(try await client.get(path).json["appointmentRule"] as? String == "rewritten")

            // A step through the API shows at once.
            let started = try await DossierStepsTests.post(client, "\(path)/actions", #"{"action":"startProcessing"}"#, as: "specialist.x")
            #expect(started.status == .ok, "\(String(buffer: started.body))")
            #expect(try await client.get(path).json["phase"].flatMap { ($0 as? [String: Any])?["code"] as? String } == "inProgress")

            // Overdue a minute after the due time, not before.
            clock.set("2026-09-18T17:00:30+07:00")
            #expect(try await client.get(path).json["overdue"] as? Bool == false)
            clock.set("2026-09-18T17:01:00+07:00")
            #expect(try await client.get(path).json["overdue"] as? Bool == true)
        }
    }

    @Test func aStepOnAnotherServerReachesThisServersViewThroughPostgreSQL() async throws {
        guard TestDatabases.postgresURL != nil else { return }
        let clock = ManualClock()
        clock.set("2026-09-15T09:00:00+07:00")
        try await TestDatabases.withTwoPostgresStores { first, second in
            try await Self.app(first, clock: clock, seed: true) { one in
                try await Self.app(second, clock: clock, seed: false) { other in
                    for store in [first, second] { try await Self.untilHearing(store.dossierChanges()) }
                    let code = try await DossierStepsTests.receive(one)
                    let path = "/api/v1/dossiers/\(code)"
                    let seen = try await other.get(path)
                    // The other server keeps what it read: a write no server announces does not show there...
                    try await first.execute(unsafeSQL: "UPDATE dossiers SET appointment_rule = 'rewritten' WHERE code = '\(code)'")
                    #expect(String(buffer: try await other.get(path).body) == String(buffer: seen.body))
                    // ...but a step taken on the first server does, through NOTIFY.
                    let started = try await DossierStepsTests.post(one, "\(path)/actions", #"{"action":"startProcessing"}"#, as: "specialist.x")
                    #expect(started.status == .ok)
                    var phase: String?
                    for _ in 0..<100 {
                        phase = (try await other.get(path).json["phase"] as? [String: Any])?["code"] as? String
                        if phase == "inProgress" { break }
                        try await Task.sleep(for: .milliseconds(50))
                    }
                    #expect(phase == "inProgress", "the second server still shows the dossier as it was before the step")
                    #expect(try await other.get(path).json["appointmentRule"] as? String == "rewritten")
                }
            }
        }
    }

    static func untilHearing(_ hub: DossierChangeHub) async throws {
        for _ in 0..<200 where !hub.hearsEverything { try await Task.sleep(for: .milliseconds(25)) }
        #expect(hub.hearsEverything, "the LISTEN connection did not open within 5 seconds")
    }

    /// One server (in-process router) over `store`, with the fixture staff when `seed`.
    static func app(
        _ store: SQLStore,
        clock: any Clock,
        seed: Bool,
        _ body: @escaping @Sendable (any TestClientProtocol) async throws -> Void
    ) async throws {
        if seed {
            _ = try await store.seedIfEmpty(Fixtures.demo)
            let hash = try BcryptPasswordHasher(cost: 4).hash(StaffFixture.password)
            for member in StaffFixture.members { try await store.insertStaff(member, passwordHash: hash, actor: "test") }
        }
        var settings = AuthenticationSettings()
        settings.failureDelayMilliseconds = 0
        let (router, _) = try buildRoutes(store: store, clock: clock, passwords: BcryptPasswordHasher(cost: 4), authenticationSettings: settings)
        try await Application(router: router, logger: WholeRunLog.serverLogger()).test(.router) { client in try await body(client) }
    }
}

/// Hands the store the app was built on to the test body.
final class StoreHolder: @unchecked Sendable {
    var store: SQLStore?
}
