import Foundation
import Hummingbird
import HummingbirdCore
import HummingbirdWebSocket
import Logging
import NIOCore
import PASCCore
import PASCDomain

/// The display board's live feed: `GET /api/v1/offices/{code}/board-feed` upgraded to a
/// WebSocket. It says hello, then sends every queue event of the office as JSON text until the
/// board goes away. Public, like the board: events carry ticket numbers and counters only.
public enum BoardFeed {
    static let prefix = "/api/v1/offices/"
    static let suffix = "/board-feed"

    /// The office a feed path names, or nil for any other path.
    static func office(inPath path: String) -> OfficeCode? {
        let path = path.split(separator: "?", maxSplits: 1).first.map(String.init) ?? path
        guard path.hasPrefix(prefix), path.hasSuffix(suffix) else { return nil }
        let code = path.dropFirst(prefix.count).dropLast(suffix.count)
        return try? OfficeCode(String(code))
    }

    /// The HTTP/1 server with the board feed's WebSocket upgrade; every other request goes to the router.
    public static func server(feed: any QueueFeed, limits: ConnectionLimits = ConnectionLimits()) -> HTTPServerBuilder {
        .guardedHTTP1WebSocketUpgrade(limits: limits) { request, _, _ in
            guard let office = office(inPath: request.path ?? "") else { return .dontUpgrade }
            return .upgrade([:]) { inbound, outbound, _ in
                let events = feed.subscribe(office: office)
                let hello = #"{"kind":"hello","office":"\#(office.rawValue)"}"#
                try await outbound.write(.text(hello))
                try await withThrowingTaskGroup(of: Void.self) { group in
                    group.addTask {
                        // The board sends nothing but pings; when it closes, the feed ends.
                        for try await _ in inbound {}
                    }
                    group.addTask {
                        let encoder = JSONEncoder()
                        encoder.outputFormatting = [.sortedKeys]
                        for await event in events {
                            try await outbound.write(.text(String(decoding: try encoder.encode(event), as: UTF8.self)))
                        }
                    }
                    try await group.next()
                    group.cancelAll()
                }
            }
        }
    }
}
