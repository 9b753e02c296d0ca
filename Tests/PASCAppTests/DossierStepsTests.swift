import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import PASCApp
import PASCCore
import PASCDomain
import PASCStore
import PASCTestSupport
import Testing

/// Transfers, apology letters, the lateness sweep, corrections, postal work and the agency inbox,
/// over HTTP on dossiers received through the API.
@Suite("Dossier steps besides the status")
struct DossierStepsTests {
    /// Certification of marital status: 3 working days, decided by the applicant's commune.
    static let procedure = "1.004873"

    static func receive(_ client: any TestClientProtocol) async throws -> String {
        try await DossierRoutesTests.receive(client, as: "officer.a", at: "000.03.11.H56", homeUnit: "25747", procedure: procedure)
    }

    static func post(_ client: any TestClientProtocol, _ path: String, _ body: String, as user: String) async throws -> TestResponse {
        try await client.send(.post, path, body, headers: try await client.sessionHeaders(as: user))
    }

    @Test func theAppointmentMovesOnceByALetterFromTheAgencysHead() async throws {
        let clock = ManualClock()
        clock.set("2026-09-15T09:00:00+07:00")
        try await withStaffApp(clock: clock) { client, _, _ in
            let onTime = try await Self.receive(client)
            let lateLetter = try await Self.receive(client)
            let tooLate = try await Self.receive(client)
            #expect(try await client.get("/api/v1/dossiers/\(onTime)").json["appointmentDate"] as? String == "2026-09-18")

            // The counter hands it to the commune's committee before the 15:00 cut-off: on time.
            clock.set("2026-09-15T10:00:00+07:00")
            let transferred = try await Self.post(client, "/api/v1/dossiers/\(onTime)/transfers", #"{"receiver":"ubnd.25747"}"#, as: "officer.a")
            #expect(transferred.status == .created, "\(String(buffer: transferred.body))")
            let transfer = try #require((try transferred.json["steps"] as? [[String: Any]])?.last)
            #expect(transfer["action"] as? String == "transfer" && transfer["timeliness"] as? String == "onTime")
            #expect(transfer["due"] as? String == "2026-09-15T17:00:00+07:00")
            #expect((transfer["details"] as? [String: String])?["receiver"] == "ubnd.25747")
            let unknown = try await Self.post(client, "/api/v1/dossiers/\(onTime)/transfers", #"{"receiver":"ubnd.99999"}"#, as: "officer.a")
            // An agency the plan does not name: 422 naming the receiver and what the plan allows.
            let unknownFields = try unknown.errorFields
            #expect(unknown.status == .unprocessableContent && unknownFields == ["/receiver"])
            #expect(String(buffer: unknown.body).contains("ubnd.25747"))

            let path = "/api/v1/dossiers/\(onTime)/apology"
            let letter = #"{"reason":"Chờ kết quả xác minh của Công an xã","newDate":"2026-09-22"}"#
            clock.set("2026-09-16T10:00:00+07:00")
            // Only the head of the deciding agency signs: not its specialist, not the branch's leader.
            #expect(try await Self.post(client, path, letter, as: "specialist.x").status == .forbidden)
            #expect(try await Self.post(client, path, letter, as: "leader.a").status == .forbidden)
            let noReason = try await Self.post(client, path, #"{"newDate":"2026-09-22"}"#, as: "head.x")
            #expect(try noReason.status == .unprocessableContent && noReason.errorFields == ["/reason"])
            let saturday = try await Self.post(client, path, #"{"reason":"Chờ xác minh","newDate":"2026-09-19"}"#, as: "head.x")
            #expect(try saturday.status == .unprocessableContent && saturday.errorFields == ["/newDate"])
            let moved = try await Self.post(client, path, letter, as: "head.x")
            #expect(moved.status == .created, "\(String(buffer: moved.body))")
            #expect(try moved.json["appointmentDate"] as? String == "2026-09-22")
            let apology = try #require(try moved.json["apology"] as? [String: Any])
            #expect(apology["recordedLate"] as? Bool == false && apology["previousDue"] as? String == "2026-09-18T17:00")
            let second = try await Self.post(client, path, #"{"reason":"Lại chậm","newDate":"2026-09-25"}"#, as: "head.x")
            #expect(try second.status == .unprocessableContent && second.errorFields == ["/apology"])
            #expect(String(buffer: second.body).contains("at most once"))

            // On the due day itself the letter is still taken, but flagged.
            clock.set("2026-09-18T10:00:00+07:00")
            let flagged = try await Self.post(client, "/api/v1/dossiers/\(lateLetter)/apology", letter, as: "head.x")
            #expect(flagged.status == .created)
            #expect((try flagged.json["apology"] as? [String: Any])?["recordedLate"] as? Bool == true)

            // After the date: refused, and the dossier is a violation.
            clock.set("2026-09-21T08:00:00+07:00")
            let refused = try await Self.post(client, "/api/v1/dossiers/\(tooLate)/apology", letter, as: "head.x")
            #expect(try refused.status == .unprocessableContent && refused.errorFields == ["/newDate"])
            let violated = try await client.get("/api/v1/dossiers/\(tooLate)").json
            #expect(violated["violation"] as? Bool == true && violated["overdue"] as? Bool == true)
            #expect(try await client.get("/api/v1/dossiers/\(onTime)").json["violation"] as? Bool == false)

            // Finished on the new date: late against the legal date, which the letter does not erase.
            clock.set("2026-09-22T09:00:00+07:00")
            #expect(
                try await Self.post(client, "/api/v1/dossiers/\(onTime)/actions", #"{"action":"startProcessing"}"#, as: "specialist.x").status == .ok
            )
            let ready = try await Self.post(client, "/api/v1/dossiers/\(onTime)/actions", #"{"action":"markResultReady"}"#, as: "specialist.x")
            #expect(try ready.json["timeliness"] as? String == "late")
            #expect(try (ready.json["steps"] as? [[String: Any]])?.last?["due"] as? String == "2026-09-18T17:00:00+07:00")
        }
    }

    @Test func theInboxListsTheAgencysDossiersSoonestDueFirstWithTheAtRiskMarked() async throws {
        let clock = ManualClock()
        clock.set("2026-09-15T09:00:00+07:00")
        try await withStaffApp(clock: clock) { client, _, _ in
            let threeDays = try await Self.receive(client)
            // Birth registration is due the same day.
            let sameDay = try await DossierRoutesTests.receive(client, as: "officer.a", at: "000.03.11.H56", homeUnit: "25747")
            clock.set("2026-09-15T09:05:00+07:00")
            let headers = try await client.sessionHeaders(as: "specialist.x")
            let inbox = try await client.get("/api/v1/agencies/ubnd.25747/inbox", headers: headers)
            #expect(inbox.status == .ok, "\(String(buffer: inbox.body))")
            let items = try #require(try inbox.json["items"] as? [[String: Any]])
            #expect(items.compactMap { $0["code"] as? String } == [sameDay, threeDays])
            #expect(items.compactMap { $0["risk"] as? String } == ["atRisk", "onTrack"])
            #expect(!String(buffer: inbox.body).contains(DossierRoutesTests.name))

            let first = try await client.get("/api/v1/agencies/ubnd.25747/inbox?limit=1", headers: headers)
            let cursor = try #require(try first.json["nextCursor"] as? String)
            let rest = try await client.get("/api/v1/agencies/ubnd.25747/inbox?limit=1&cursor=\(cursor)", headers: headers)
            #expect(try (rest.json["items"] as? [[String: Any]])?.compactMap { $0["code"] as? String } == [threeDays])
            #expect(try rest.json["nextCursor"] is NSNull)

            clock.set("2026-09-15T17:30:00+07:00")
            let fresh = try await client.sessionHeaders(as: "specialist.x")
            let later = try await client.get("/api/v1/agencies/ubnd.25747/inbox?status=accepted", headers: fresh)
            #expect(try (later.json["items"] as? [[String: Any]])?.first?["risk"] as? String == "late")
            // Another agency's inbox, or a counter officer: no.
            let other = try await client.get("/api/v1/agencies/ubnd.25750/inbox", headers: fresh)
            #expect(other.status == .forbidden, "\(String(buffer: other.body))")
            let officer = try await client.sessionHeaders(as: "officer.a")
            #expect(try await client.get("/api/v1/agencies/ubnd.25747/inbox", headers: officer).status == .forbidden)
            let bad = try await client.get("/api/v1/agencies/ubnd.25747/inbox?status=done&cursor=zzz", headers: fresh)
            #expect(try bad.status == .badRequest && Set(bad.errorFields) == ["status", "cursor"])
        }
    }

    @Test func correctionsAddAStepAndPostalWorkCarriesItsTrackingNumber() async throws {
        let clock = ManualClock()
        clock.set("2026-09-15T09:00:00+07:00")
        try await withStaffApp(clock: clock) { client, _, _ in
            let code = try await Self.receive(client)
            let correction = #"{"step":1,"reason":"Ghi nhầm kênh nộp: nộp qua bưu điện"}"#
            #expect(try await Self.post(client, "/api/v1/dossiers/\(code)/corrections", correction, as: "officer.a").status == .forbidden)
            let missing = try await Self.post(client, "/api/v1/dossiers/\(code)/corrections", #"{"step":9,"reason":"x"}"#, as: "leader.a")
            #expect(try missing.status == .badRequest && missing.errorFields == ["/step"])
            let corrected = try await Self.post(client, "/api/v1/dossiers/\(code)/corrections", correction, as: "leader.a")
            #expect(corrected.status == .created, "\(String(buffer: corrected.body))")
            let steps = try #require(try corrected.json["steps"] as? [[String: Any]])
            #expect(steps.count == 2 && steps[0]["action"] as? String == "accept", "the mistaken step is still there, unchanged")
            #expect((steps[1]["details"] as? [String: String])?["correctsStep"] == "1" && steps[1]["role"] as? String == "leader")

            let dispatch = #"{"kind":"dispatch","trackingNumber":"ee123456789vn"}"#
            #expect(try await Self.post(client, "/api/v1/dossiers/\(code)/postal-events", dispatch, as: "postal.a").status == .conflict)
            #expect(
                try await Self.post(client, "/api/v1/dossiers/\(code)/actions", #"{"action":"startProcessing"}"#, as: "specialist.x").status == .ok
            )
            #expect(
                try await Self.post(client, "/api/v1/dossiers/\(code)/actions", #"{"action":"markResultReady"}"#, as: "specialist.x").status == .ok
            )
            let badNumber = try await Self.post(
                client,
                "/api/v1/dossiers/\(code)/postal-events",
                #"{"kind":"dispatch","trackingNumber":"12-34"}"#,
                as: "postal.a"
            )
            #expect(try badNumber.status == .badRequest && badNumber.errorFields == ["/trackingNumber"])
            #expect(try await Self.post(client, "/api/v1/dossiers/\(code)/postal-events", dispatch, as: "officer.a").status == .forbidden)
            let dispatched = try await Self.post(client, "/api/v1/dossiers/\(code)/postal-events", dispatch, as: "postal.a")
            #expect(dispatched.status == .created)
            let last = try #require((try dispatched.json["steps"] as? [[String: Any]])?.last)
            #expect(last["action"] as? String == "postalDispatch" && (last["details"] as? [String: String])?["trackingNumber"] == "EE123456789VN")
            // Record-only steps have their own routes.
            let generic = try await Self.post(client, "/api/v1/dossiers/\(code)/actions", #"{"action":"transfer"}"#, as: "officer.a")
            #expect(try generic.status == .badRequest && String(buffer: generic.body).contains("/transfers"))
            #expect(try await Self.post(client, "/api/v1/dossiers/\(code)/actions", #"{"action":"returnResult"}"#, as: "postal.a").status == .ok)
        }
    }
}

/// The lateness sweep on a real store: one alert per dossier, at D − 1, never twice.
@Suite("Lateness sweep")
struct LatenessSweepTests {
    @Test(arguments: TestDatabases.backends)
    func unfinishedDossiersAlertTheirAgencyOneWorkingDayBefore(_ backend: TestDatabases.Backend) async throws {
        try await TestDatabases.withStore(backend) { store in
            _ = try await store.seedIfEmpty(Fixtures.demo)
            let clock = ManualClock()
            clock.set("2026-09-15T09:00:00+07:00")
            let calendar = CalendarService(store: store, clock: clock)
            let reception = Reception(
                store: store,
                calendar: calendar,
                access: ApplicantAccess(counters: store, secrets: SHA256SecretHasher(), clock: clock),
                clock: clock
            )
            let request = Reception.Request(
                procedure: try ProcedureCode("1.004873"),
                office: ReceptionTests.pointA,
                channel: .counter,
                applicant: try ReceptionTests.applicantOfA(),
                delivery: .electronic
            )
            var codes: [DossierCode] = []
            for _ in 0..<3 {
                guard case .accepted(let receipt) = try await reception.receive(request, by: ReceptionTests.officerB) else {
                    Issue.record("not accepted")
                    return
                }
                codes.append(receipt.code)
            }
            // Due Friday 18/09 17:00. One is finished early, so it must not alert.
            let specialist = try StaffMember(
                username: "cv.x",
                fullName: "Chuyên Viên",
                roles: [.specialist],
                scope: StaffScope(agencies: ["ubnd.25747"]),
                homeOffice: nil
            )
            let processing = Processing(store: store, catalog: store, calendar: calendar, clock: clock)
            _ = try await processing.act(.startProcessing, on: codes[2], by: specialist, reason: nil)
            _ = try await processing.act(.markResultReady, on: codes[2], by: specialist, reason: nil)

            let sweep = LatenessSweep(store: store, calendar: calendar, clock: clock)
            clock.set("2026-09-16T08:00:00+07:00")
            #expect(try await sweep.run().isEmpty, "Wednesday: two working days ahead")
            clock.set("2026-09-17T08:00:00+07:00")
            #expect(Set(try await sweep.run()) == Set(codes[0..<2]), "Thursday is D − 1")
            #expect(try await sweep.run().isEmpty, "an alert is raised once")
            let events = try await store.events(of: codes[0])
            let alert = try #require(events.last)
            #expect(alert.action == .alertLate && alert.actor.role == nil && alert.actor.agency == "ubnd.25747" && alert.to == .accepted)
            #expect(alert.details["due"] == "2026-09-18T17:00")
            #expect(try await store.dossier(codes[0])?.alertedAt != nil)
            #expect(try await store.events(of: codes[2]).allSatisfy { $0.action != .alertLate })
        }
    }
}

/// Every creating route honours `Idempotency-Key`, not only reception.
@Suite("Idempotency-Key on every create")
struct IdempotentCreatesTests {
    @Test func aRetriedStepOrUploadIsRecordedOnce() async throws {
        try await withStaffApp { client, _, _ in
            let code = try await DossierStepsTests.receive(client)
            var headers = try await client.sessionHeaders(as: "officer.a")
            headers[HTTPField.Name("Idempotency-Key")!] = "transfer-1"
            let path = "/api/v1/dossiers/\(code)/transfers"
            let first = try await client.send(.post, path, #"{"receiver":"ubnd.25747"}"#, headers: headers)
            let again = try await client.send(.post, path, #"{"receiver":"ubnd.25747"}"#, headers: headers)
            #expect(first.status == .created && again.status == .created)
            #expect(again.headers[HTTPField.Name("Idempotent-Replayed")!] == "true")
            #expect(String(buffer: first.body) == String(buffer: again.body))
            let other = try await client.send(.post, path, #"{"receiver":"ubnd.25750"}"#, headers: headers)
            #expect(other.status == .unprocessableContent, "the same key with another body")
            let steps = try #require(try await client.get("/api/v1/dossiers/\(code)").json["steps"] as? [[String: Any]])
            #expect(steps.filter { $0["action"] as? String == "transfer" }.count == 1)

            headers[HTTPField.Name("Idempotency-Key")!] = "scan-1"
            headers[.contentType] = "application/pdf"
            for _ in 0..<2 {
                let upload = try await client.execute(
                    uri: "/api/v1/dossiers/\(code)/documents?title=T%E1%BB%9D%20khai",
                    method: .post,
                    headers: headers,
                    body: ByteBuffer(bytes: DocumentsTests.pdf)
                )
                #expect(upload.status == .created)
            }
            let after = try #require(try await client.get("/api/v1/dossiers/\(code)").json["steps"] as? [[String: Any]])
            #expect(after.filter { $0["action"] as? String == "attachDocument" }.count == 1)

            var admin = try await client.sessionHeaders(as: "admin.a")
            admin[HTTPField.Name("Idempotency-Key")!] = "decision-1"
            let decision = #"{"number":"16/QĐ-UBND","signedOn":"2026-09-01","effectiveOn":"2026-09-01","phase":2,"additions":["1.004873"]}"#
            #expect(try await client.send(.post, "/api/v1/boundary-free-decisions", decision, headers: admin).status == .created)
            let replay = try await client.send(.post, "/api/v1/boundary-free-decisions", decision, headers: admin)
            #expect(replay.status == .created && replay.headers[HTTPField.Name("Idempotent-Replayed")!] == "true")
        }
    }
}
