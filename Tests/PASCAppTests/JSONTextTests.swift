import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import PASCCore
import PASCDomain
import PASCStore
import PASCTestSupport
import Testing

@testable import PASCApp

/// The hand-written JSON of the tracking route gives the very bytes `JSONEncoder` gives.
@Suite("Hand-written JSON")
struct JSONTextTests {
    @Test func stringsAreEscapedAsJSONEncoderEscapesThem() throws {
        var awkward: [String: String] = [:]
        for byte in 0..<0x20 { awkward["c\(byte)"] = "a" + String(UnicodeScalar(UInt8(byte))) + "b" }
        awkward["quote"] = #"say "no""#
        awkward["backslash"] = #"C:\dir\"#
        awkward["slash"] = "1/2 </script>"
        awkward["vi"] = "Hộ kinh doanh – bổ sung"
        awkward["emoji"] = "🏛️ \u{7F} \u{2028} \u{FEFF}"
        awkward["Upper"] = "sorted by bytes"
        awkward["a b"] = ""
        var json = JSONText()
        json.object(awkward)
        #expect(json.bytes == Array(try JSONBody.data(awkward)))
    }

    /// Dossiers in several states, with steps of every kind the public view shows.
    @Test func thePublicViewMatchesJSONEncoder() async throws {
        let clock = ManualClock()
        clock.set("2026-09-15T09:00:00+07:00")
        let holder = StoreHolder()
        try await withStaffApp(clock: clock, extraRoutes: { _, store in holder.store = store }) { client, _, _ in
            let store = try #require(holder.store)
            let fresh = try await DossierStepsTests.receive(client)
            let worked = try await DossierStepsTests.receive(client)
            clock.set("2026-09-15T10:00:00+07:00")
            let path = "/api/v1/dossiers/\(worked)"
            #expect(try await DossierStepsTests.post(client, "\(path)/transfers", #"{"receiver":"ubnd.25747"}"#, as: "officer.a").status == .created)
            clock.set("2026-09-16T10:00:00+07:00")
            let letter = #"{"reason":"Chờ \"xác minh\" của Công an xã\\phường / ấp","newDate":"2026-09-22"}"#
            let moved = try await DossierStepsTests.post(client, "\(path)/apology", letter, as: "head.x")
            #expect(moved.status == .created, "\(String(buffer: moved.body))")
            clock.set("2026-09-23T09:00:00+07:00")
            for action in ["startProcessing", "markResultReady"] {
                let done = try await DossierStepsTests.post(client, "\(path)/actions", #"{"action":"\#(action)"}"#, as: "specialist.x")
                #expect(done.status == .ok, "\(String(buffer: done.body))")
            }
            for code in [fresh, worked] {
                let (dossier, events) = try #require(try await store.dossierWithEvents(try DossierCode(code)))
                for reasons in [false, true] {
                    let view = DossierPublicView(dossier, events: events, now: clock.now(), reasons: reasons)
                    let expected = Array(try JSONBody.data(view))
                    #expect(
                        view.jsonText() == expected,
                        "\(String(decoding: view.jsonText(), as: UTF8.self))\n≠\n\(String(decoding: expected, as: UTF8.self))"
                    )
                }
                // And the route sends those bytes.
                let served = try await client.get("/api/v1/dossiers/\(code)")
                let view = DossierPublicView(dossier, events: events, now: clock.now())
                #expect(Array(served.body.readableBytesView) == view.jsonText())
            }
        }
    }
}
