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
            #expect(a["meanWalkMinutes"] as? Double == 0, "started the minute it was called")
            let counter = try #require((try counts.json["counters"] as? [[String: Any]])?.first { $0["counter"] as? Int == 1 })
            #expect(counter["calls"] as? Int == 1 && counter["idleMinutes"] as? Double == 5, "open at 08:01, first call at 08:06")

            // A transfer to a counter: it must exist and serve the ticket's group.
            let next = try await client.send(.post, "/api/v1/offices/\(Self.point)/counters/1/call-next", "", headers: officer)
            let nextID = try #require((try next.json["ticket"] as? [String: Any])?["id"] as? Int)
            func transfer(_ body: String) async throws -> TestResponse {
                try await client.send(.post, "/api/v1/offices/\(Self.point)/tickets/\(nextID)/actions", body, headers: officer)
            }
            #expect(try await act(#"{"action":"complete","counter":2}"#).status == .badRequest, "only a transfer names a counter")
            #expect(try await transfer(#"{"action":"transfer","counter":99}"#).status == .notFound)
            let closed = try await transfer(#"{"action":"transfer","group":"B","counter":2}"#)
            #expect(try closed.status == .badRequest && String(buffer: closed.body).contains("đang đóng"), "nobody would call it")
            #expect(try await client.send(.post, "/api/v1/offices/\(Self.point)/counters/2/open", "", headers: officer).status == .ok)
            let wrongGroup = try await transfer(#"{"action":"transfer","counter":2}"#)
            #expect(try wrongGroup.status == .badRequest && wrongGroup.errorFields == ["counter"], "counter 2 serves B and C")
            let moved = try await transfer(#"{"action":"transfer","group":"B","counter":2}"#)
            #expect(try moved.status == .ok && moved.json["status"] as? String == "waiting" && moved.json["group"] as? String == "B")
            #expect(try moved.json["number"] as? String == "A001", "the printed number stays")
        }
    }

    @Test func aSlotIsBookedForALaterDayAndCheckedInAtTheKiosk() async throws {
        let clock = ManualClock()
        clock.set("2026-09-15T10:00:00+07:00")
        try await withStaffApp(clock: clock) { client, _, _ in
            let base = "/api/v1/offices/\(Self.point)"
            let json: HTTPFields = [.contentType: "application/json"]
            let missing = try await client.get("\(base)/slots")
            #expect(try missing.status == .badRequest && Set(missing.errorFields) == ["group", "date"])
            let slots = try await client.get("\(base)/slots?group=A&date=2026-09-16")
            let items = try #require(try slots.json["items"] as? [[String: Any]])
            #expect(items.first?["start"] as? String == "07:00" && !items.contains { $0["start"] as? String == "12:00" })
            #expect(try slots.json["arriveEarlyMinutes"] as? Int == 30 && slots.json["graceMinutes"] as? Int == 10)

            func book(_ body: String) async throws -> TestResponse { try await client.send(.post, "\(base)/bookings", body, headers: json) }
            let today = try await book(#"{"group":"A","date":"2026-09-15","time":"14:00","contact":"0912345678"}"#)
            #expect(try today.status == .unprocessableContent && today.errorFields == ["/date"])
            let offGrid = try await book(#"{"group":"A","date":"2026-09-16","time":"09:10","contact":"0912345678"}"#)
            #expect(try offGrid.status == .unprocessableContent && offGrid.errorFields == ["/time"] && String(buffer: offGrid.body).contains("09:00"))
            let badTime = try await book(#"{"group":"A","date":"2026-09-16","time":"9h","contact":"0912345678"}"#)
            #expect(try badTime.status == .badRequest && badTime.errorFields == ["/time"])

            let booked = try await book(#"{"group":"A","date":"2026-09-16","time":"09:00","contact":"0912 345 678"}"#)
            #expect(booked.status == .created, "\(String(buffer: booked.body))")
            let code = try #require(try booked.json["bookingCode"] as? Int)
            #expect(try booked.json["arriveFrom"] as? String == "2026-09-16T08:30" && booked.json["arriveUntil"] as? String == "2026-09-16T09:10")
            #expect(try (booked.json["ticket"] as? [String: Any])?["status"] as? String == "booked")
            #expect(!String(buffer: booked.body).contains("0912345678"), "the contact is kept as a digest only")
            let free = try await client.get("\(base)/slots?group=A&date=2026-09-16")
            let nine = try #require((try free.json["items"] as? [[String: Any]])?.first { $0["start"] as? String == "09:00" })
            #expect((nine["capacity"] as? Int).map { $0 - 1 } == nine["free"] as? Int)

            func checkIn(_ contact: String) async throws -> TestResponse {
                try await client.send(.post, "\(base)/bookings/\(code)/check-in", #"{"contact":"\#(contact)"}"#, headers: json)
            }
            clock.set("2026-09-16T08:00:00+07:00")
            #expect(try await checkIn("0999999999").status == .notFound, "someone else's contact")
            let early = try await checkIn("0912345678")
            #expect(early.status == .unprocessableContent && String(buffer: early.body).contains("08:30"))
            clock.set("2026-09-16T09:05:00+07:00")
            let joined = try await checkIn("0912345678")
            #expect(try joined.status == .ok && (joined.json["ticket"] as? [String: Any])?["status"] as? String == "waiting")
            #expect(try await checkIn("0912345678").status == .conflict, "checked in already")
            let cancel = try await client.send(.post, "\(base)/bookings/\(code)/cancel", #"{"contact":"0912345678"}"#, headers: json)
            #expect(try cancel.status == .ok && cancel.json["status"] as? String == "cancelled", "cancelled while waiting: it leaves the queue")
        }
    }
}
