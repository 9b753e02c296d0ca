import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import HummingbirdWSClient
import HummingbirdWSTesting
import NIOCore
import NIOWebSocket
import PASCCore
import PASCStore
import PASCTestSupport
import Testing

@testable import PASCApp

/// The display board's WebSocket feed: a call reaches the board within a second, also when the
/// call is made through another server process on the same PostgreSQL database.
@Suite("Display board feed")
struct BoardFeedTests {
    static let point = "000.03.11.H56"

    /// A live server (real sockets, the WebSocket upgrade) over `store`, with the fixture staff.
    static func live<R: Sendable>(
        _ store: SQLStore,
        clock: any Clock,
        seed: Bool,
        _ body: @escaping @Sendable (any TestClientProtocol) async throws -> R
    ) async throws -> R {
        if seed {
            _ = try await store.seedIfEmpty(Fixtures.demo)
            let hasher = BcryptPasswordHasher(cost: 4)
            let hash = try hasher.hash(StaffFixture.password)
            for member in StaffFixture.members { try await store.insertStaff(member, passwordHash: hash, actor: "test") }
        }
        var settings = AuthenticationSettings()
        settings.failureDelayMilliseconds = 0
        let (router, _) = try buildRoutes(store: store, clock: clock, passwords: BcryptPasswordHasher(cost: 4), authenticationSettings: settings)
        let app = Application(router: router, server: BoardFeed.server(feed: store.liveFeed()), logger: WholeRunLog.serverLogger())
        return try await app.test(.live) { client in try await body(client) }
    }

    /// Opens the counter, issues a ticket and, on the board's cue, calls it. Returns how long after
    /// the call was answered the board had it (0 when the board had it first: the event is sent
    /// before the answer), or nil when it never came (within 10 seconds).
    static func watchACall(board: any TestClientProtocol, caller: any TestClientProtocol) async throws -> TimeInterval? {
        let officer = try await caller.sessionHeaders(as: "officer.a")
        #expect(try await caller.send(.post, "/api/v1/offices/\(point)/counters/1/open", "", headers: officer).status == .ok)
        let issued = try await caller.send(.post, "/api/v1/offices/\(point)/tickets", #"{"group":"A"}"#, headers: [.contentType: "application/json"])
        #expect(issued.status == .created, "\(String(buffer: issued.body))")
        let seen = Elapsed()
        try await board.ws("/api/v1/offices/\(point)/board-feed") { inbound, outbound, _ in
            var messages = inbound.messages(maxSize: 1 << 16).makeAsyncIterator()
            guard case .text(let hello) = try await messages.next() else { return }
            #expect(hello.contains(#""kind":"hello""#))
            let call = Task { () -> (TestResponse, Date) in
                let answer = try await caller.send(.post, "/api/v1/offices/\(point)/counters/1/call-next", "", headers: officer)
                return (answer, Date())
            }
            // The board gives up after 10 seconds (closing its end) rather than hang the run.
            let watchdog = Task {
                try await Task.sleep(for: .seconds(10))
                try await outbound.close(.normalClosure, reason: "no call seen")
            }
            var received: Date?
            while let message = try await messages.next() {
                guard case .text(let text) = message, text.contains(#""kind":"call""#) else { continue }
                #expect(text.contains(#""ticket":"A001""#) && text.contains(#""counter":1"#) && !text.contains("officer"))
                received = Date()
                break
            }
            watchdog.cancel()
            let (answer, answeredAt) = try await call.value
            #expect(answer.status == .ok)
            if let received { seen.value = max(0, received.timeIntervalSince(answeredAt)) }
        }
        return seen.value
    }

    final class Elapsed: @unchecked Sendable {
        var value: TimeInterval?
    }

    @Test func aCallReachesTheBoardWithinASecond() async throws {
        let clock = ManualClock()
        clock.set("2026-09-15T08:00:00+07:00")
        try await TestDatabases.withStore(.sqlite) { store in
            let elapsed = try await Self.live(store, clock: clock, seed: true) { client in
                // The page is served for a known office, 404 for another.
                let page = try await client.get("/offices/\(Self.point)/board")
                #expect(page.status == .ok && String(buffer: page.body).contains("/assets/board.js"))
                #expect(try await client.get("/offices/000.99.99.H56/board").status == .notFound)
                let script = String(buffer: try await client.get("/assets/board.js").body)
                #expect(script.contains("speechSynthesis.speak") && !script.contains("speechSynthesis.cancel"), "announcements are never cut off")
                let kiosk = try await client.get("/offices/\(Self.point)/kiosk")
                #expect(kiosk.status == .ok && String(buffer: kiosk.body).contains("/assets/kiosk.js"))
                #expect(String(buffer: try await client.get("/assets/kiosk.css").body).contains("size: 80mm auto"), "the ticket printer's roll")
                return try await Self.watchACall(board: client, caller: client)
            }
            let seconds = try #require(elapsed, "the board saw the call")
            #expect(seconds < 1)
        }
    }

    @Test func aCallThroughAnotherServerReachesTheBoardThroughPostgreSQL() async throws {
        guard TestDatabases.postgresURL != nil else { return }
        let clock = ManualClock()
        clock.set("2026-09-15T08:00:00+07:00")
        try await TestDatabases.withTwoPostgresStores { first, second in
            await first.liveFeed().ready()
            await second.liveFeed().ready()
            let elapsed = try await Self.live(first, clock: clock, seed: true) { board in
                try await Self.live(second, clock: clock, seed: false) { caller in
                    try await Self.watchACall(board: board, caller: caller)
                }
            }
            let seconds = try #require(elapsed, "the board on the first server saw the call made on the second")
            #expect(seconds < 1)
        }
    }
}
