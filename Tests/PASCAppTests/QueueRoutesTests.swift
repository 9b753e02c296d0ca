import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import PASCApp
import PASCTestSupport
import Testing

/// The queue over HTTP: a kiosk ticket, a counter opened and calling, the steps of a service,
/// the live state, and each refusal with its reason.
@Suite("Queue over HTTP")
struct QueueRoutesTests {
    static let point = "000.03.11.H56"  // officer.a's commune point

    static func issue(
        _ client: any TestClientProtocol,
        _ body: String,
        headers: HTTPFields = [.contentType: "application/json"]
    ) async throws
        -> TestResponse
    {
        try await client.send(.post, "/api/v1/offices/\(point)/tickets", body, headers: headers)
    }

    @Test func aTicketIsIssuedCalledServedAndCounted() async throws {
        let clock = ManualClock()
        clock.set("2026-09-15T06:30:00+07:00")
        try await withStaffApp(clock: clock) { client, _, _ in
            // Before opening: 422 with the next opening time.
            let early = try await Self.issue(client, #"{"group":"A"}"#)
            #expect(early.status == .unprocessableContent && String(buffer: early.body).contains("07:00"), "\(String(buffer: early.body))")
            clock.set("2026-09-15T08:00:00+07:00")
            #expect(try await Self.issue(client, #"{"group":"Z"}"#).status == .notFound)
            let bad = try await Self.issue(client, #"{"group":"A","priority":"vip","channel":"officer"}"#)
            #expect(try bad.status == .badRequest && Set(bad.errorFields) == ["/priority", "/channel"])

            let first = try await Self.issue(client, #"{"group":"A"}"#)
            #expect(first.status == .created, "\(String(buffer: first.body))")
            #expect(try (first.json["ticket"] as? [String: Any])?["number"] as? String == "A001")
            #expect(try first.json["expectedWaitMinutes"] is NSNull, "no counter open yet")
            clock.set("2026-09-15T08:01:00+07:00")
            let priority = try await Self.issue(client, #"{"group":"A","priority":"elderly"}"#)
            #expect(try (priority.json["ticket"] as? [String: Any])?["number"] as? String == "A002" && priority.json["ahead"] as? Int == 1)

            // Online: a contact is needed, and two tickets per person and day.
            let noContact = try await Self.issue(client, #"{"group":"B","channel":"online"}"#)
            #expect(try noContact.status == .badRequest && noContact.errorFields == ["contact"])
            for _ in 0..<2 { #expect(try await Self.issue(client, #"{"group":"B","channel":"online","contact":"0912345678"}"#).status == .created) }
            let third = try await Self.issue(client, #"{"group":"B","channel":"online","contact":"0912 345 678"}"#)
            #expect(third.status == .badRequest)

            let officer = try await client.sessionHeaders(as: "officer.a")
            // Calling at a counter not open: 409; another office's officer: 403.
            let notOpen = try await client.send(.post, "/api/v1/offices/\(Self.point)/counters/1/call-next", "", headers: officer)
            #expect(notOpen.status == .conflict && String(buffer: notOpen.body).contains("chưa mở"))
            let other = try await client.sessionHeaders(as: "officer.b")
            #expect(try await client.send(.post, "/api/v1/offices/\(Self.point)/counters/1/open", "", headers: other).status == .forbidden)
            let opened = try await client.send(.post, "/api/v1/offices/\(Self.point)/counters/1/open", "", headers: officer)
            #expect(try opened.status == .ok && opened.json["open"] as? Bool == true && !String(buffer: opened.body).contains("officer.a"))

            clock.set("2026-09-15T08:06:00+07:00")
            let called = try await client.send(.post, "/api/v1/offices/\(Self.point)/counters/1/call-next", "", headers: officer)
            let ticket = try #require(try called.json["ticket"] as? [String: Any])
            // The elderly applicant has waited 5 minutes, counting 10: ahead of A001's 6.
            #expect(ticket["number"] as? String == "A002" && ticket["counter"] as? Int == 1 && ticket["status"] as? String == "called")
            let id = try #require(ticket["id"] as? Int)

            // The hall sees the call, with numbers only.
            let state = try await client.get("/api/v1/offices/\(Self.point)/queue")
            let groupA = try #require((try state.json["groups"] as? [[String: Any]])?.first { $0["group"] as? String == "A" })
            #expect(groupA["waiting"] as? Int == 1 && groupA["openCounters"] as? [Int] == [1])
            #expect((groupA["calls"] as? [[String: Any]])?.first?["ticket"] as? String == "A002")

            func act(_ body: String) async throws -> TestResponse {
                try await client.send(.post, "/api/v1/offices/\(Self.point)/tickets/\(id)/actions", body, headers: officer)
            }
            #expect(try await act(#"{"action":"start"}"#).status == .ok)
            clock.set("2026-09-15T08:20:00+07:00")
            let done = try await act(#"{"action":"complete","dossiers":["000.03.11.H56-260915-0001"]}"#)
            #expect(try done.status == .ok && done.json["status"] as? String == "completed")
            let again = try await act(#"{"action":"complete"}"#)
            #expect(again.status == .conflict && String(buffer: again.body).contains("completed"))
            #expect(try await act(#"{"action":"transfer"}"#).status == .badRequest, "a transfer names its group")

            let counts = try await client.get("/api/v1/offices/\(Self.point)/queue-counts?from=2026-09-15")
            let a = try #require((try counts.json["items"] as? [[String: Any]])?.first { $0["group"] as? String == "A" })
            #expect(a["tickets"] as? Int == 2 && a["called"] as? Int == 1 && a["meanWaitMinutes"] as? Double == 5)
            #expect(a["meanServiceMinutes"] as? Double == 14 && a["shareWaitsOver15"] as? Double == 0)
        }
    }
}
