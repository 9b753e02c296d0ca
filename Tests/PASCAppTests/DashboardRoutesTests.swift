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

/// The leader's dashboard against numbers worked out by hand from a small history: two tickets
/// and three dossiers at one commune point in September 2026.
@Suite("Leader's dashboard over HTTP")
struct DashboardRoutesTests {
    static let province = try! OfficeCode("000.00.01.H56")

    /// The staff fixture plus a leader over the whole province.
    static func withDashboard(clock: ManualClock, _ body: @escaping @Sendable (any TestClientProtocol, SQLStore) async throws -> Void) async throws {
        try await OutboxTests.withStaffStore(clock: clock) { client, store in
            let hash = try BcryptPasswordHasher(cost: 10).hash(StaffFixture.password)
            try await store.insertStaff(
                try StaffMember(
                    username: "leader.province",
                    fullName: "Lãnh Đạo Tỉnh",
                    roles: [.leader],
                    scope: StaffScope(offices: [Self.province]),
                    homeOffice: Self.province
                ),
                passwordHash: hash,
                actor: "test"
            )
            try await body(client, store)
        }
    }

    /// Tuesday 15/09/2026 at point A: A001 waits 20 minutes and is served in 10; A002 waits 15
    /// and is served in 20. Then three dossiers: D1 (3 working days, due Friday 18/09) ready and
    /// returned at once, rated very satisfied; D2 (a birth registration, due that day) never
    /// touched; D3 (3 working days) ready on Monday 21/09, late.
    static func history(_ client: any TestClientProtocol, _ clock: ManualClock) async throws {
        let point = StaffFixture.pointA.rawValue
        let officer = try await client.sessionHeaders(as: "officer.a")
        clock.set("2026-09-15T08:00:00+07:00")
        #expect(try await client.send(.post, "/api/v1/offices/\(point)/counters/1/open", "", headers: officer).status == .ok)
        #expect(try await QueueRoutesTests.issue(client, #"{"group":"A"}"#).status == .created)
        func serve(callAt: String, doneAt: String) async throws {
            clock.set(callAt)
            let called = try await client.send(.post, "/api/v1/offices/\(point)/counters/1/call-next", "", headers: officer)
            let id = try #require((try called.json["ticket"] as? [String: Any])?["id"] as? Int)
            let url = "/api/v1/offices/\(point)/tickets/\(id)/actions"
            #expect(try await client.send(.post, url, #"{"action":"start"}"#, headers: officer).status == .ok)
            clock.set(doneAt)
            #expect(try await client.send(.post, url, #"{"action":"complete"}"#, headers: officer).status == .ok)
        }
        try await serve(callAt: "2026-09-15T08:20:00+07:00", doneAt: "2026-09-15T08:25:00+07:00")
        // (A001: called 08:20 after 20 minutes, served 08:20–08:25 … then A002 issued at 08:25.)
        #expect(try await QueueRoutesTests.issue(client, #"{"group":"A"}"#).status == .created)
        try await serve(callAt: "2026-09-15T08:40:00+07:00", doneAt: "2026-09-15T09:00:00+07:00")

        func act(_ code: String, _ action: String, as user: String) async throws {
            let answer = try await client.send(
                .post,
                "/api/v1/dossiers/\(code)/actions",
                #"{"action":"\#(action)"}"#,
                headers: try await client.sessionHeaders(as: user)
            )
            #expect(answer.status == .ok, "\(action): \(String(buffer: answer.body))")
        }
        let answer = try await DossierRoutesTests.receiveAnswer(client, as: "officer.a", at: point, homeUnit: "25747", procedure: "1.004873")
        let receipt = try #require(try answer.json["receipt"] as? [String: Any])
        let d1 = try #require(receipt["code"] as? String)
        let secret = try #require(receipt["accessSecret"] as? String)
        WholeRunLog.sensitive([secret])
        _ = try await DossierRoutesTests.receive(client, as: "officer.a", at: point, homeUnit: "25747")
        let d3 = try await DossierRoutesTests.receive(client, as: "officer.a", at: point, homeUnit: "25747", procedure: "1.004873")
        clock.set("2026-09-15T10:00:00+07:00")
        try await act(d1, "startProcessing", as: "specialist.x")
        try await act(d1, "markResultReady", as: "specialist.x")
        try await act(d1, "returnResult", as: "officer.a")
        try await act(d3, "startProcessing", as: "specialist.x")
        var headers: HTTPFields = [.contentType: "application/json"]
        headers[HTTPField.Name("X-Access-Secret")!] = secret
        let rated = try await client.execute(
            uri: "/api/v1/dossiers/\(d1)/rating",
            method: .post,
            headers: headers,
            body: ByteBuffer(string: #"{"level":"verySatisfied"}"#)
        )
        #expect(rated.status == .created)
        clock.set("2026-09-21T10:00:00+07:00")
        try await act(d3, "markResultReady", as: "specialist.x")
    }

    @Test func everyIndicatorOfTheMonthAsWorkedOutByHand() async throws {
        let clock = ManualClock()
        try await Self.withDashboard(clock: clock) { client, _ in
            try await Self.history(client, clock)
            let leader = try await client.sessionHeaders(as: "leader.province")
            let report = try await client.get("/api/v1/dashboard?scope=province&period=month&date=2026-09-15", headers: leader)
            #expect(report.status == .ok, "\(String(buffer: report.body))")
            let json = try report.json
            #expect(json["from"] as? String == "2026-09-01" && json["to"] as? String == "2026-09-30")
            #expect(json["asOf"] as? String == "2026-09-21T10:00", "the month has not ended: now")
            let d = try #require(json["dossiers"] as? [String: Any])
            #expect(d["received"] as? Int == 3)
            #expect((d["receivedByChannel"] as? [String: Int]) == ["counter": 3, "post": 0, "online": 0])
            #expect(d["finishedEarly"] as? Int == 1 && d["finishedOnTime"] as? Int == 0 && d["finishedLate"] as? Int == 1)
            #expect(d["returned"] as? Int == 1 && d["apologyLetters"] as? Int == 0)
            #expect(d["carriedOver"] as? Int == 0 && d["toProcess"] as? Int == 3 && d["inProgress"] as? Int == 1)
            // D2, due 15/09, is open: late in progress and overdue now.
            #expect(d["lateInProgress"] as? Int == 1 && d["overdueNow"] as? Int == 1)
            // (1 late in progress + 1 finished late) ÷ 3 to be processed.
            let lateRate = try #require(d["lateRate"] as? [String: Any])
            #expect(lateRate["part"] as? Int == 2 && lateRate["whole"] as? Int == 3)
            #expect(abs((d["onTimeRate"] as? Double ?? 0) - 1.0 / 3.0) < 1e-9)
            #expect(d["meanHandlingDays"] as? Double == 2.0, "(0 + 4) ÷ 2")
            #expect((d["satisfaction"] as? [String: Any])?["part"] as? Int == 1 && (d["satisfaction"] as? [String: Any])?["whole"] as? Int == 1)
            #expect((d["onlineShare"] as? [String: Any])?["value"] as? Double == 0)
            #expect((d["onlinePaymentShare"] as? [String: Any])?["value"] is NSNull, "no payment: no data")
            // D1 and D3 made ready without a scanned result: 0 of 2 electronic.
            #expect((d["electronicResultShare"] as? [String: Any])?["whole"] as? Int == 2)

            let c = try #require(json["counters"] as? [String: Any])
            #expect(c["tickets"] as? Int == 2 && c["called"] as? Int == 2 && c["services"] as? Int == 2)
            #expect(c["meanWaitMinutes"] as? Double == 17.5, "(20 + 15) ÷ 2")
            // The 20-minute wait's one-minute bucket, reported at its upper edge (never below the true value).
            #expect(c["p90WaitMinutes"] as? Int == 21)
            #expect((c["waitsOverTarget"] as? [String: Any])?["part"] as? Int == 1, "15 minutes is not over 15")
            #expect(c["meanReceptionMinutes"] as? Double == 12.5, "(5 + 20) ÷ 2")
            #expect(c["officerDays"] as? Int == 1)
            // 2026 has 261 weekdays, 13 of them days off (1/1, 16–20/2, 27/4, 30/4, 1/5, 31/8, 1–2/9,
            // 24/11) and one make-up Saturday (22/8): 249 working days; 3 dossiers on 1 officer-day.
            #expect(c["yearlyIntakePerOfficer"] as? Double == 747)
            #expect(c["norm"] as? Double == 1200 || c["norm"] as? Double == 1600 || c["norm"] as? Double == 800)

            // The score: timeliness 20 × 1/3; satisfaction 6 × 1; digitisation items measured at 0.
            let score = try #require(json["score"] as? [String: Any])
            let groups = try #require(score["groups"] as? [[String: Any]])
            let timeliness = try #require(groups.first { $0["group"] as? String == "timeliness" })
            #expect(abs((timeliness["earned"] as? Double ?? 0) - 20.0 / 3.0) < 1e-9)
            let transparency = try #require(groups.first { $0["group"] as? String == "transparency" })
            #expect(transparency["earned"] as? Double == 0 && transparency["measured"] as? Double == 0, "no input: no points")
            let satisfaction = try #require(groups.first { $0["group"] as? String == "satisfaction" })
            #expect(satisfaction["earned"] as? Double == 6 && satisfaction["measured"] as? Double == 6)

            // The office table has point A with the same figures; the series by day.
            let offices = try #require(json["offices"] as? [[String: Any]])
            let a = try #require(offices.first { $0["key"] as? String == StaffFixture.pointA.rawValue })
            #expect((a["dossiers"] as? [String: Any])?["received"] as? Int == 3)
            #expect(offices.filter { ($0["dossiers"] as? [String: Any])?["received"] as? Int != 0 }.count == 1)
            let series = try #require(json["series"] as? [[String: Any]])
            #expect(json["seriesGrain"] as? String == "day")
            #expect(series.map { $0["period"] as? String } == ["2026-09-15", "2026-09-21"])
            #expect(series.first?["received"] as? Int == 3 && series.first?["finishedEarly"] as? Int == 1)
            #expect(series.last?["finishedLate"] as? Int == 1)
        }
    }

    @Test func theOverloadListFlagsTheFixtureDayAndMovesAnOfficerFromTheIdleOffice() async throws {
        let clock = ManualClock()
        try await Self.withDashboard(clock: clock) { client, store in
            // Point B has three officers and, on the day, one ticket served at once.
            let hash = try BcryptPasswordHasher(cost: 10).hash(StaffFixture.password)
            for n in 2...3 {
                try await store.insertStaff(
                    try StaffMember(
                        username: "officer.b\(n)",
                        fullName: "Cán Bộ B\(n)",
                        roles: [.receptionOfficer],
                        scope: StaffScope(offices: [StaffFixture.pointB]),
                        homeOffice: StaffFixture.pointB
                    ),
                    passwordHash: hash,
                    actor: "test"
                )
            }
            try await Self.history(client, clock)  // point A: one officer, waits of 20 and 15 minutes
            clock.set("2026-09-15T10:00:00+07:00")
            let b = StaffFixture.pointB.rawValue
            let officer = try await client.sessionHeaders(as: "officer.b")
            #expect(try await client.send(.post, "/api/v1/offices/\(b)/counters/1/open", "", headers: officer).status == .ok)
            #expect(
                try await client.send(.post, "/api/v1/offices/\(b)/tickets", #"{"group":"A"}"#, headers: [.contentType: "application/json"]).status
                    == .created
            )
            let called = try await client.send(.post, "/api/v1/offices/\(b)/counters/1/call-next", "", headers: officer)
            let id = try #require((try called.json["ticket"] as? [String: Any])?["id"] as? Int)
            #expect(
                try await client.send(.post, "/api/v1/offices/\(b)/tickets/\(id)/actions", #"{"action":"start"}"#, headers: officer).status == .ok
            )
            clock.set("2026-09-15T10:10:00+07:00")
            #expect(
                try await client.send(.post, "/api/v1/offices/\(b)/tickets/\(id)/actions", #"{"action":"complete"}"#, headers: officer).status == .ok
            )
            clock.set("2026-09-15T17:30:00+07:00")

            let leader = try await client.sessionHeaders(as: "leader.province")
            let json = try await client.get("/api/v1/dashboard?scope=province&period=day&date=2026-09-15&recent=1", headers: leader).json
            let overload = try #require(json["overload"] as? [String: Any])
            #expect(
                overload["first"] as? String == "2026-09-15" && overload["last"] as? String == "2026-09-15" && overload["workingDays"] as? Int == 1
            )
            let offices = try #require(overload["offices"] as? [[String: Any]])
            #expect(
                offices.map { "\($0["office"] as? String ?? "")=\($0["load"] as? String ?? "")×\($0["officers"] as? Int ?? -1)" }.sorted()
                    == ["\(b)=underloaded×2", "\(StaffFixture.pointA.rawValue)=overloaded×1"]
            )
            let a = try #require(offices.first { $0["office"] as? String == StaffFixture.pointA.rawValue })
            #expect(a["reason"] as? String == "waitOverTarget" && a["meanWaitMinutes"] as? Double == 17.5 && a["officersAtOffice"] as? Int == 1)
            let moves = try #require(overload["moves"] as? [[String: Any]])
            #expect(moves.count == 1)
            #expect(
                moves.first?["from"] as? String == b && moves.first?["to"] as? String == StaffFixture.pointA.rawValue
                    && moves.first?["officers"] as? Int == 1
            )
            // The branch's leader sees the list for the branch's offices only: point A alone, nothing to move.
            let branch = try await client.get(
                "/api/v1/dashboard?period=day&date=2026-09-15&recent=1",
                headers: try await client.sessionHeaders(as: "leader.a")
            ).json
            let branchLoads = try #require((branch["overload"] as? [String: Any])?["offices"] as? [[String: Any]])
            #expect(branchLoads.map { $0["office"] as? String } == [StaffFixture.pointA.rawValue])
            #expect(((branch["overload"] as? [String: Any])?["moves"] as? [Any])?.isEmpty == true)
        }
    }

    @Test func thePageDrawsTheChartsBesideTheirTablesInBothLanguages() async throws {
        let clock = ManualClock()
        try await Self.withDashboard(clock: clock) { client, _ in
            try await Self.history(client, clock)
            let leader = try await client.sessionHeaders(as: "leader.province")
            let page = try await client.get("/dashboard?scope=province&period=month&date=2026-09-15&recent=1", headers: leader)
            #expect(page.status == .ok)
            let html = String(buffer: page.body)
            try? html.write(toFile: "/tmp/dashboard.html", atomically: true, encoding: .utf8)
            #expect(html.contains("<html lang=\"vi\"") && html.contains("Bảng điều hành"))
            // The series chart and its table; the map of loads and the flagged offices; the score with "no data".
            #expect(html.components(separatedBy: "<svg class=\"chart").count - 1 == 3, "series, offices, map")
            #expect(html.contains("<th scope=\"row\">2026-09-15</th><td>3</td><td>1</td><td>0</td><td>0</td>"))
            #expect(html.contains("33.3 %"), "the on-time rate")
            #expect(html.contains("không có dữ liệu") && html.contains("class=\"nodata\""))
            #expect(html.contains("quá tải") && html.contains("Chờ TB (phút)"))
            #expect(html.contains("/api/v1/dashboard/csv/offices?scope=province&amp;period=month&amp;date=2026-09-15&amp;recent=1&amp;lang=vi"))
            for personal in [DossierRoutesTests.name, DossierRoutesTests.idNumber] { #expect(!html.contains(personal)) }
            var english = leader
            english[.cookie] = (leader[.cookie] ?? "") + "; pasc_lang=en"
            let en = String(buffer: try await client.get("/dashboard?scope=province&period=month&date=2026-09-15", headers: english).body)
            #expect(en.contains("<html lang=\"en\"") && en.contains("s dashboard") && en.contains("no data"))
            // Bad input: the form again with the error, 400; another branch's office: 403; anonymous: sign in.
            let bad = try await client.get("/dashboard?period=custom&from=2026-09-10&to=2026-09-01", headers: leader)
            #expect(bad.status == .badRequest && String(buffer: bad.body).contains("trước ngày bắt đầu"))
            let branchLeader = try await client.sessionHeaders(as: "leader.a")
            #expect(try await client.get("/dashboard?scope=province", headers: branchLeader).status == .forbidden)
            #expect(try await client.get("/dashboard", headers: branchLeader).status == .ok)
            let anonymous = try await client.get("/dashboard")
            #expect(anonymous.status == .seeOther && anonymous.headers[.location]?.hasPrefix("/sign-in") == true)
        }
    }

    @Test func theCountsTheStepsKeptAreWhatTheBackfillRebuildsFromTheEvents() async throws {
        let clock = ManualClock()
        try await Self.withDashboard(clock: clock) { client, store in
            try await Self.history(client, clock)
            let leader = try await client.sessionHeaders(as: "leader.province")
            let uri = "/api/v1/dashboard?scope=province&period=month&date=2026-09-15"
            let kept = String(buffer: try await client.get(uri, headers: leader).body)
            try await store.forgetTallies()
            try await store.migrate()
            #expect(String(buffer: try await client.get(uri, headers: leader).body) == kept)
        }
    }

    @Test func periodsCarryOverAndLateInProgressIsForTheirEnd() async throws {
        let clock = ManualClock()
        try await Self.withDashboard(clock: clock) { client, _ in
            try await Self.history(client, clock)
            let leader = try await client.sessionHeaders(as: "leader.province")
            // 15–17/09: D1 early; at 18/09 00:00 D2 (due 15/09) is late, D3 (due 18/09) is not yet.
            let first = try await client.get("/api/v1/dashboard?scope=province&period=custom&from=2026-09-15&to=2026-09-17", headers: leader).json
            let d = try #require(first["dossiers"] as? [String: Any])
            #expect(first["asOf"] as? String == "2026-09-18T00:00")
            #expect(d["received"] as? Int == 3 && d["finishedEarly"] as? Int == 1 && d["finishedLate"] as? Int == 0)
            #expect(d["inProgress"] as? Int == 2 && d["lateInProgress"] as? Int == 1)
            #expect((d["lateRate"] as? [String: Any])?["part"] as? Int == 1 && (d["lateRate"] as? [String: Any])?["whole"] as? Int == 3)
            // 18–30/09: D2 and D3 carried over; D3 finished late; D2 late in progress: late rate 2 ÷ 2.
            let second = try await client.get("/api/v1/dashboard?scope=province&from=2026-09-18&to=2026-09-30", headers: leader).json
            let e = try #require(second["dossiers"] as? [String: Any])
            #expect(e["received"] as? Int == 0 && e["carriedOver"] as? Int == 2 && e["toProcess"] as? Int == 2)
            #expect(e["finishedLate"] as? Int == 1 && e["lateInProgress"] as? Int == 1 && e["onTimeRate"] as? Double == 0)
            // August: nothing at all, and "no data" rather than 100 %.
            let august = try await client.get("/api/v1/dashboard?scope=province&period=month&date=2026-08-10", headers: leader).json
            let f = try #require(august["dossiers"] as? [String: Any])
            #expect(f["toProcess"] as? Int == 0 && f["onTimeRate"] is NSNull)
            // The agency's leader sees the agency; its numbers are the same three dossiers.
            let agency = try await client.get(
                "/api/v1/dashboard?scope=agency:ubnd.25747&period=month&date=2026-09-01",
                headers: try await client.sessionHeaders(as: "head.x")
            )
            #expect(agency.status == .ok, "\(String(buffer: agency.body))")
            #expect(((try agency.json["dossiers"] as? [String: Any])?["received"] as? Int) == 3)
            #expect(try agency.json["counters"] is NSNull)
        }
    }

    @Test func badRangesAre400NamingTheParameterAndForeignScopes403() async throws {
        let clock = ManualClock()
        clock.set("2026-09-15T09:00:00+07:00")
        try await Self.withDashboard(clock: clock) { client, _ in
            let leader = try await client.sessionHeaders(as: "leader.a")
            for (uri, field) in [
                ("/api/v1/dashboard?from=2026-09-10&to=2026-09-01", "to"),
                ("/api/v1/dashboard?from=2020-01-01&to=2026-01-01", "to"),
                ("/api/v1/dashboard?period=custom", "from"),
                ("/api/v1/dashboard?from=2026-09-20", "to"),  // through today, 15/09: before it
                ("/api/v1/dashboard?period=fortnight", "period"),
                ("/api/v1/dashboard?date=2026-02-30", "date"),
                ("/api/v1/dashboard?scope=galaxy", "scope"),
                ("/api/v1/dashboard?period=month&from=2026-09-01", "from"),
            ] {
                let refused = try await client.get(uri, headers: leader)
                #expect(refused.status == .badRequest, "\(uri)")
                #expect(try refused.errorFields == [field], "\(uri): \(String(buffer: refused.body))")
            }
            // The calendar's first and last years answer (their working days are counted, no crash).
            for date in ["1900-01-01", "2200-12-31"] {
                #expect(try await client.get("/api/v1/dashboard?period=year&date=\(date)", headers: leader).status == .ok, "\(date)")
            }
            // One end alone: through today, or from the first of the month.
            let fromOnly = try await client.get("/api/v1/dashboard?from=2026-09-10", headers: leader).json
            #expect(fromOnly["from"] as? String == "2026-09-10" && fromOnly["to"] as? String == "2026-09-15")
            let toOnly = try await client.get("/api/v1/dashboard?to=2026-09-20", headers: leader).json
            #expect(toOnly["from"] as? String == "2026-09-01" && toOnly["to"] as? String == "2026-09-20")
            // Branch A's leader: the branch and its points, not the province nor another branch's point.
            #expect(try await client.get("/api/v1/dashboard", headers: leader).json["scope"] as? String == "branch:\(StaffFixture.branchA.rawValue)")
            #expect(try await client.get("/api/v1/dashboard?scope=office:\(StaffFixture.pointA.rawValue)", headers: leader).status == .ok)
            for scope in ["province", "office:\(StaffFixture.pointB.rawValue)", "procedure:1.004873", "agency:ubnd.25747"] {
                let refused = try await client.get("/api/v1/dashboard?scope=\(scope)", headers: leader)
                #expect(refused.status == .forbidden, "\(scope)")
            }
            #expect(try await client.get("/api/v1/dashboard?scope=office:000.99.99.H56", headers: leader).status == .notFound)
            // Not a leader: 403; anonymous: 401.
            #expect(try await client.get("/api/v1/dashboard", headers: try await client.sessionHeaders(as: "officer.a")).status == .forbidden)
            #expect(try await client.get("/api/v1/dashboard").status == .unauthorized)
        }
    }

    @Test func everyTableExportsAsCSVWithoutPersonalData() async throws {
        let clock = ManualClock()
        try await Self.withDashboard(clock: clock) { client, _ in
            try await Self.history(client, clock)
            let leader = try await client.sessionHeaders(as: "leader.province")
            for table in ["summary", "offices", "agencies", "procedures", "series", "score", "overload", "moves"] {
                let answer = try await client.get("/api/v1/dashboard/csv/\(table)?scope=province&period=month&date=2026-09-15", headers: leader)
                #expect(answer.status == .ok, "\(table)")
                #expect(answer.headers[.contentType] == "text/csv; charset=utf-8")
                let text = String(buffer: answer.body)
                #expect(text.hasPrefix("\u{FEFF}"))
                let lines = text.dropFirst().split(separator: "\r\n", omittingEmptySubsequences: false).dropLast()
                #expect(!lines.isEmpty, "\(table) has its header")
                // Every line has as many fields as the header (no field holds a comma unquoted).
                let width = lines.first!.split(separator: ",", omittingEmptySubsequences: false).count
                for line in lines where !line.contains("\"") {
                    #expect(line.split(separator: ",", omittingEmptySubsequences: false).count == width, "\(table): \(line)")
                }
                for personal in [DossierRoutesTests.name, DossierRoutesTests.idNumber, "987 001", "officer.a"] {
                    #expect(!text.contains(personal), "\(table) holds \(personal)")
                }
            }
            let summary = String(
                buffer: try await client.get("/api/v1/dashboard/csv/summary?scope=province&period=month&date=2026-09-15&lang=en", headers: leader)
                    .body
            )
            #expect(
                summary.contains("\r\nreceived,3\r\n") && summary.contains("\r\nfinished late,1\r\n")
                    && summary.contains("\r\nmean wait (min),17.5\r\n")
            )
            let offices = String(
                buffer: try await client.get("/api/v1/dashboard/csv/offices?scope=province&period=month&date=2026-09-15", headers: leader).body
            )
            #expect(offices.contains("\r\n\(StaffFixture.pointA.rawValue),"))
            #expect(try await client.get("/api/v1/dashboard/csv/everything", headers: leader).status == .badRequest)
        }
    }
}
