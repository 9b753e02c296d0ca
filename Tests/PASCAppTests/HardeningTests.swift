import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import PASCApp
import PASCCore
import PASCDomain
import PASCStore
import PASCTestSupport
import Testing

/// The app over a seeded store with the fixture staff, its store and its services at hand; the
/// bursts below send many requests at once through it (every handler runs concurrently).
func withHardenedApp(
    _ backend: TestDatabases.Backend = .sqlite,
    clock: any Clock = Fixtures.clock,
    limits: RequestLimits = RequestLimits(),
    logger: Logger? = nil,
    _ body: @escaping @Sendable (any TestClientProtocol, SQLStore, ServerServices) async throws -> Void
) async throws {
    try await TestDatabases.withStore(backend) { store in
        _ = try await store.seedIfEmpty(Fixtures.demo)
        let hasher = BcryptPasswordHasher(cost: 4)
        let hash = try hasher.hash(StaffFixture.password)
        for member in StaffFixture.members { try await store.insertStaff(member, passwordHash: hash, actor: "test") }
        var settings = AuthenticationSettings()
        settings.failureDelayMilliseconds = 0
        let services = ServerServices(store: store, clock: clock, limits: limits)
        let router = try buildRouter(
            store: store,
            clock: clock,
            passwords: hasher,
            authenticationSettings: settings,
            limits: limits,
            services: services
        )
        try await Application(router: router, logger: logger ?? WholeRunLog.serverLogger()).test(.router) { client in
            try await body(client, store, services)
        }
    }
}

/// Sends `count` requests at once and returns their statuses.
func burst(_ count: Int, _ send: @escaping @Sendable (Int) async throws -> HTTPResponse.Status) async throws -> [HTTPResponse.Status] {
    try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
        for i in 0..<count { group.addTask { try await send(i) } }
        var statuses: [HTTPResponse.Status] = []
        for try await status in group { statuses.append(status) }
        return statuses
    }
}

/// Issue 19: what an outside test found under concurrency, from slow or oversized clients and
/// from a curious insider, each reproduced and closed.
@Suite("Hardening: bursts, limits, insiders")
struct ConcurrencyHardeningTests {
    // MARK: 1. Guess limits under concurrency

    @Test(arguments: TestDatabases.backends)
    func ofManySimultaneousWrongPasswordsAtMostTheLimitAreJudged(_ backend: TestDatabases.Backend) async throws {
        try await withHardenedApp(backend) { client, store, _ in
            let statuses = try await burst(150) { _ in
                try await client.execute(
                    uri: "/api/v1/auth/login",
                    method: .post,
                    headers: [.contentType: "application/json"],
                    body: ByteBuffer(string: #"{"username":"officer.a","password":"wrong-password"}"#)
                ).status
            }
            let judged = statuses.filter { $0 == .unauthorized }.count
            #expect(judged <= AuthenticationSettings().failuresPerAccount, "\(judged) wrong passwords were judged")
            #expect(judged + statuses.filter { $0 == .tooManyRequests }.count == 150)
            let counted = try await store.hits(
                bucket: "login.account:officer.a",
                windowSeconds: 900,
                nowEpoch: Int(Fixtures.clock.now().timeIntervalSince1970)
            )
            #expect(counted == 150, "every attempt is counted")
        }
    }

    @Test(arguments: TestDatabases.backends)
    func ofManySimultaneousWrongSecretsAtMostTheLimitAreJudged(_ backend: TestDatabases.Backend) async throws {
        try await TestDatabases.withStore(backend) { store in
            let access = ApplicantAccess(counters: store, secrets: SHA256SecretHasher(), clock: Fixtures.clock)
            let code = "000.03.11.H56-260915-0042"
            var generator = SystemRandomNumberGenerator()
            let stored = access.digest(code: code, secret: AccessSecret.generate(using: &generator))
            let outcomes = try await withThrowingTaskGroup(of: ApplicantAccess.Outcome.self) { group in
                for i in 0..<150 {
                    group.addTask { try await access.check(code: code, typed: "WRONG\(i % 7)AA", storedDigest: stored, address: "a-\(i % 3)") }
                }
                var all: [ApplicantAccess.Outcome] = []
                for try await outcome in group { all.append(outcome) }
                return all
            }
            #expect(outcomes.filter { $0 == .denied }.count <= 20)
            #expect(outcomes.filter { $0 == .denied }.count + outcomes.filter { $0 != .denied && $0 != .granted }.count == 150)
            let counted = try await store.hits(
                bucket: "secret.dossier:\(code)",
                windowSeconds: 900,
                nowEpoch: Int(Fixtures.clock.now().timeIntervalSince1970)
            )
            #expect(counted == 150)
        }
    }

    @Test func aRightSecretGivesItsCountBack() async throws {
        try await TestDatabases.withStore(.sqlite) { store in
            let access = ApplicantAccess(counters: store, secrets: SHA256SecretHasher(), clock: Fixtures.clock)
            var generator = SystemRandomNumberGenerator()
            let secret = AccessSecret.generate(using: &generator)
            WholeRunLog.sensitive([secret.value])
            let stored = access.digest(code: "c", secret: secret)
            for _ in 0..<40 {
                let outcome = try await access.check(code: "c", typed: secret.value, storedDigest: stored, address: "a")
                #expect(outcome == .granted)
            }
            let left = try await store.hits(bucket: "secret.dossier:c", windowSeconds: 900, nowEpoch: Int(Fixtures.clock.now().timeIntervalSince1970))
            #expect(left == 0)
        }
    }

    // MARK: 2. Rules over several rows

    @Test(arguments: TestDatabases.backends)
    func twoAdministratorsDisablingEachOtherLeaveOneActive(_ backend: TestDatabases.Backend) async throws {
        try await withHardenedApp(backend) { client, store, _ in
            let admin = try #require(StaffFixture.members.first { $0.username == "admin.a" })
            let second = try StaffMember(username: "admin.b", fullName: "Quản Trị B", roles: [.administrator], scope: admin.scope, homeOffice: nil)
            try await store.insertStaff(second, passwordHash: try BcryptPasswordHasher(cost: 4).hash(StaffFixture.password), actor: "test")
            let a = try await client.sessionHeaders(as: "admin.a")
            let b = try await client.sessionHeaders(as: "admin.b")
            let statuses = try await burst(2) { i in
                try await client.send(.post, "/api/v1/staff/\(i == 0 ? "admin.b" : "admin.a")/disable", "{}", headers: i == 0 ? a : b).status
            }
            // The loser is told why (409), or, when the other request had already landed, its own
            // account is disabled and its session with it (401): never both disabled.
            #expect(statuses.filter { $0.code < 300 }.count == 1, "\(statuses)")
            #expect(statuses.filter { $0 == .conflict || $0 == .unauthorized }.count == 1, "\(statuses)")
            let active = try await store.allStaff().filter { $0.roles.contains(.administrator) && !$0.disabled }
            #expect(active.count == 1)
        }
    }

    @Test(arguments: TestDatabases.backends)
    func twoHandOversFromOneHolderCannotBothLand(_ backend: TestDatabases.Backend) async throws {
        try await withHardenedApp(backend) { client, store, _ in
            // The inter-agency procedure: committee, then police, then the social insurance.
            let code = try await Self.receiveInterAgency(client)
            let first = try await DossierStepsTests.post(client, "/api/v1/dossiers/\(code)/transfers", #"{"receiver":"ubnd.25747"}"#, as: "officer.b")
            #expect(first.status == .created, "\(String(buffer: first.body))")
            let headers = try await client.sessionHeaders(as: "specialist.x")
            let statuses = try await burst(6) { i in
                let receiver = i % 2 == 0 ? "ca.25747" : "bhxh-tinh"
                return try await client.send(.post, "/api/v1/dossiers/\(code)/transfers", #"{"receiver":"\#(receiver)"}"#, headers: headers).status
            }
            #expect(statuses.filter { $0 == .created }.count == 1, "\(statuses)")
            #expect(statuses.allSatisfy { [.created, .conflict, .forbidden].contains($0) }, "\(statuses)")
            let events = try await store.events(of: try DossierCode(code))
            #expect(events.filter { $0.action == .transfer }.count == 2)
        }
    }

    /// An inter-agency dossier (committee → police → social insurance) received at a branch.
    static func receiveInterAgency(_ client: any TestClientProtocol) async throws -> String {
        let decision = try await client.send(
            .post,
            "/api/v1/boundary-free-decisions",
            #"{"number":"16/QĐ-UBND","signedOn":"2026-09-01","effectiveOn":"2026-09-01","phase":2,"additions":["2.000986"]}"#,
            headers: try await client.sessionHeaders(as: "admin.a")
        )
        #expect(decision.status == .created, "\(String(buffer: decision.body))")
        WholeRunLog.sensitive(["Lê Thị Liên Thông", "074195054322"])
        let received = try await client.send(
            .post,
            "/api/v1/offices/000.01.12.H56/receptions",
            #"""
            {"procedure":"2.000986","applicant":{"name":"Lê Thị Liên Thông","idNumber":"074195054322","birthYear":1995,"homeUnit":"25747"},
             "delivery":{"kind":"office","office":"000.03.11.H56"},
             "papers":[{"name":"Tờ khai đăng ký khai sinh","originals":1},{"name":"Giấy chứng sinh","originals":1,"copies":1}]}
            """#,
            headers: try await client.sessionHeaders(as: "officer.b")
        )
        #expect(received.status == .created, "\(String(buffer: received.body))")
        let receipt = try #require(try received.json["receipt"] as? [String: Any])
        WholeRunLog.sensitive([receipt["accessSecret"] as? String ?? ""])
        return try #require(receipt["code"] as? String)
    }

    @Test(arguments: TestDatabases.backends)
    func manyApologyLettersAtOnceMoveTheAppointmentOnce(_ backend: TestDatabases.Backend) async throws {
        let clock = ManualClock()
        clock.set("2026-09-15T09:00:00+07:00")
        try await withHardenedApp(backend, clock: clock) { client, store, _ in
            let code = try await DossierStepsTests.receive(client)
            clock.set("2026-09-16T10:00:00+07:00")
            let headers = try await client.sessionHeaders(as: "head.x")
            let statuses = try await burst(8) { i in
                let body = #"{"reason":"Chờ xác minh \#(i)","newDate":"2026-09-2\#(2 + i % 3)"}"#
                return try await client.send(.post, "/api/v1/dossiers/\(code)/apology", body, headers: headers).status
            }
            #expect(statuses.filter { $0 == .created }.count == 1, "\(statuses)")
            #expect(statuses.allSatisfy { $0 == .created || $0 == .unprocessableContent || $0 == .conflict }, "\(statuses)")
            let events = try await store.events(of: try DossierCode(code))
            #expect(events.filter { $0.action == .apologise }.count == 1)
        }
    }

    @Test(arguments: TestDatabases.backends)
    func aCounterClosedWhileItsOfficerCallsCallsNobody(_ backend: TestDatabases.Backend) async throws {
        try await TestDatabases.withStore(backend) { store in
            _ = try await store.seedIfEmpty(Fixtures.demo)
            let office = try OfficeCode("000.03.11.H56")
            let day = VietnamTime.localDate(Fixtures.t0)
            for _ in 0..<40 {
                let ticket = NewTicket(office: office, day: day, group: "A", priority: nil, channel: .kiosk, issuedAt: Fixtures.t0, actor: "kiosk")
                _ = try await store.issueTicket(ticket)
            }
            _ = try await store.openCounter(office: office, number: 1, officer: "officer.a", at: Fixtures.t0)
            func call(as officer: String) async throws -> StoredTicket? {
                try await store.callNext(
                    office: office,
                    day: day,
                    counter: 1,
                    groups: ["A", "B", "C", "D"],
                    policy: .standard,
                    actor: officer,
                    at: Fixtures.t0,
                    openSessions: nil,
                    openBy: officer
                )
            }
            // Another officer's call through a counter they do not hold: refused inside the transaction.
            await #expect(throws: QueueDesk.CounterNotOpen.self) { _ = try await call(as: "officer.b") }
            // Calls racing the counter's closing: every call that landed did so while it was open.
            let outcomes = try await withThrowingTaskGroup(of: String.self) { group in
                for i in 0..<20 {
                    group.addTask {
                        if i == 10 {
                            _ = try await store.closeCounter(office: office, number: 1, officer: "officer.a", at: Fixtures.t0)
                            return "closed"
                        }
                        do { return try await call(as: "officer.a") == nil ? "none" : "called" } catch is QueueDesk.CounterNotOpen {
                            return "refused"
                        }
                    }
                }
                var all: [String] = []
                for try await outcome in group { all.append(outcome) }
                return all
            }
            #expect(outcomes.filter { $0 == "closed" }.count == 1)
            await #expect(throws: QueueDesk.CounterNotOpen.self, "closed: nobody is called") { _ = try await call(as: "officer.a") }
            let called = outcomes.filter { $0 == "called" }.count
            #expect(called + outcomes.filter { $0 == "refused" }.count == 19, "\(outcomes)")
        }
    }

    @Test(arguments: TestDatabases.backends)
    func aBurstOfBookingsFillsASlotToItsCapacityAndNoFurther(_ backend: TestDatabases.Backend) async throws {
        let clock = ManualClock()
        clock.set("2026-09-15T10:00:00+07:00")
        var limits = RequestLimits()
        limits.onlineTicketsPerAddressPerDay = 1_000
        try await withHardenedApp(backend, clock: clock, limits: limits) { client, _, _ in
            let base = "/api/v1/offices/\(QueueRoutesTests.point)"
            let slots = try await client.get("\(base)/slots?group=A&date=2026-09-16")
            let nine = try #require((try slots.json["items"] as? [[String: Any]])?.first { $0["start"] as? String == "09:00" })
            let capacity = try #require(nine["capacity"] as? Int)
            let statuses = try await burst(capacity + 6) { i in
                let body = #"{"group":"A","date":"2026-09-16","time":"09:00","contact":"09123456\#(String(format: "%02d", i))"}"#
                return try await client.send(.post, "\(base)/bookings", body, headers: [.contentType: "application/json"]).status
            }
            #expect(statuses.filter { $0 == .created }.count == capacity, "\(statuses)")
            #expect(statuses.filter { $0 == .conflict }.count == 6, "\(statuses)")
        }
    }

    @Test(arguments: TestDatabases.backends)
    func manyRatingsAtOnceStoreOne(_ backend: TestDatabases.Backend) async throws {
        try await withHardenedApp(backend) { client, _, _ in
            let answer = try await DossierRoutesTests.receiveAnswer(
                client,
                as: "officer.a",
                at: "000.03.11.H56",
                homeUnit: "25747",
                procedure: "1.004873"
            )
            let receipt = try #require(try answer.json["receipt"] as? [String: Any])
            let code = try #require(receipt["code"] as? String)
            let secret = try #require(receipt["accessSecret"] as? String)
            WholeRunLog.sensitive([secret])
            for (action, user) in [("startProcessing", "specialist.x"), ("markResultReady", "specialist.x"), ("returnResult", "officer.a")] {
                let step = try await client.send(
                    .post,
                    "/api/v1/dossiers/\(code)/actions",
                    #"{"action":"\#(action)"}"#,
                    headers: try await client.sessionHeaders(as: user)
                )
                #expect(step.status == .ok, "\(String(buffer: step.body))")
            }
            var headers: HTTPFields = [.contentType: "application/json"]
            headers[HTTPField.Name("X-Access-Secret")!] = secret
            let applicant = headers
            let statuses = try await burst(10) { _ in
                try await client.send(.post, "/api/v1/dossiers/\(code)/rating", #"{"level":"satisfied"}"#, headers: applicant).status
            }
            #expect(statuses.filter { $0 == .created }.count == 1, "\(statuses)")
            #expect(statuses.filter { $0 == .conflict }.count == 9, "\(statuses)")
            let summary = try await client.get("/api/v1/statistics/ratings?office=000.03.11.H56&month=2026-09")
            #expect(try summary.json["total"] as? Int == 1, "one rating counted")
        }
    }

    @Test(arguments: TestDatabases.backends)
    func aStepOnATicketMovedOrAtAClosedCounterIsRefused(_ backend: TestDatabases.Backend) async throws {
        try await TestDatabases.withStore(backend) { store in
            _ = try await store.seedIfEmpty(Fixtures.demo)
            let office = try OfficeCode("000.03.11.H56")
            let day = VietnamTime.localDate(Fixtures.t0)
            let ticket = try await store.issueTicket(
                NewTicket(office: office, day: day, group: "A", priority: nil, channel: .kiosk, issuedAt: Fixtures.t0, actor: "kiosk")
            )
            for (number, officer) in [(1, "officer.a"), (2, "officer.b")] {
                _ = try await store.openCounter(office: office, number: number, officer: officer, at: Fixtures.t0)
            }
            func call(_ number: Int, _ officer: String) async throws -> StoredTicket? {
                try await store.callNext(
                    office: office,
                    day: day,
                    counter: number,
                    groups: ["A", "B", "C", "D"],
                    policy: .standard,
                    actor: officer,
                    at: Fixtures.t0,
                    openSessions: nil,
                    openBy: officer
                )
            }
            #expect(try await call(1, "officer.a")?.id == ticket.id)
            // What officer.a's desk read: the ticket called at counter 1.
            var stale = TicketStep(ticket: ticket.id, action: .recall, expected: .called, at: Fixtures.t0, actor: "officer.a", counter: 1)
            stale.officer = "officer.a"
            // Meanwhile the ticket moved to counter 2 and was called there: called again, but not at counter 1.
            var transfer = TicketStep(ticket: ticket.id, action: .transfer, expected: .called, at: Fixtures.t0, actor: "officer.a", counter: 1)
            transfer.officer = "officer.a"
            transfer.targetCounter = 2
            _ = try await store.applyTicketStep(transfer)
            #expect(try await call(2, "officer.b")?.id == ticket.id)
            await #expect(throws: StoreError.self, "officer.a recalls nobody at counter 1 any more") {
                _ = try await store.applyTicketStep(stale)
            }
            // Counter 2 closed by a leader: its officer's next step on the ticket is refused too.
            _ = try await store.closeCounter(office: office, number: 2, officer: nil, at: Fixtures.t0)
            var late = TicketStep(ticket: ticket.id, action: .start, expected: .called, at: Fixtures.t0, actor: "officer.b", counter: 2)
            late.officer = "officer.b"
            await #expect(throws: QueueDesk.CounterNotOpen.self) { _ = try await store.applyTicketStep(late) }
            #expect(try await store.ticket(id: ticket.id)?.status == .called)
        }
    }

    @Test(arguments: TestDatabases.backends)
    func oneDayAnnouncedOrOneAccountCreatedByManyAtOnceIsWrittenOnce(_ backend: TestDatabases.Backend) async throws {
        try await withHardenedApp(backend) { client, store, _ in
            let admin = try await client.sessionHeaders(as: "admin.a")
            let days = try await burst(8) { i in
                try await client.send(
                    .put,
                    "/api/v1/calendar/announced-days/2026-12-30",
                    #"{"kind":"dayOff","name":"Nghỉ bù \#(i)","reference":"demo"}"#,
                    headers: admin
                ).status
            }
            // A put that read no day there and lost the race is told it changed meanwhile; one that
            // read the winner's day replaces it. Either way each recorded change replaced what it
            // read: one record starts from nothing, every later one from the day before it.
            let landed = days.filter { $0.code < 300 }.count
            #expect(landed >= 1 && landed + days.filter { $0 == .conflict }.count == 8, "\(days)")
            let changes = try await store.changes(entity: "announcedDay", key: "2026-12-30")
            #expect(changes.count == landed, "one change record per put that landed")
            #expect(changes.filter { $0.oldValue == nil }.count == 1 && changes.first?.oldValue == nil, "only the first replaced nothing")
            let accounts = try await burst(8) { _ in
                try await client.send(
                    .post,
                    "/api/v1/staff",
                    #"{"username":"tran.van.c","fullName":"Trần Văn C","roles":["receptionOfficer"],"offices":["000.01.12.H56"],"homeOffice":"000.01.12.H56"}"#,
                    headers: admin
                ).status
            }
            #expect(accounts.filter { $0 == .created }.count == 1, "\(accounts)")
            #expect(accounts.filter { $0 == .conflict }.count == 7, "\(accounts)")
        }
    }

    @Test(arguments: TestDatabases.backends)
    func aSignInCheckedAgainstAPasswordChangedMeanwhileStartsNoSession(_ backend: TestDatabases.Backend) async throws {
        try await TestDatabases.withStore(backend) { store in
            _ = try await store.seedIfEmpty(Fixtures.demo)
            let member = try #require(StaffFixture.members.first { $0.username == "officer.a" })
            try await store.insertStaff(member, passwordHash: "hash-before", actor: "test")
            func start(_ id: String, _ hash: String) async throws -> Bool {
                try await store.insertSession(
                    StoredSession(idHash: id, username: "officer.a", csrfHash: "c", createdEpoch: 1, lastSeenEpoch: 1),
                    whilePasswordHash: hash
                )
            }
            #expect(try await start("s1", "hash-before"))
            // The password changes (ending every session) while a sign-in checked the old one.
            try await store.updateStaffPassword("officer.a", passwordHash: "hash-after", actor: "officer.a")
            #expect(try await !start("s2", "hash-before"), "the checked password is no longer the account's")
            let s1 = try await store.session(idHash: "s1")
            let s2 = try await store.session(idHash: "s2")
            #expect(s1 == nil && s2 == nil)
            try await store.setStaffDisabled("officer.a", disabled: true, actor: "admin")
            #expect(try await !start("s3", "hash-after"), "a disabled account starts no session")
        }
    }

    // MARK: 3. A transfer does not widen access

    @Test(arguments: TestDatabases.backends)
    func aTransferToAnAgencyOutsideThePlanIsRefusedAndOpensNothing(_ backend: TestDatabases.Backend) async throws {
        try await withHardenedApp(backend) { client, _, _ in
            let code = try await DossierStepsTests.receive(client)
            let refused = try await DossierStepsTests.post(
                client,
                "/api/v1/dossiers/\(code)/transfers",
                #"{"receiver":"bhxh-tinh"}"#,
                as: "officer.a"
            )
            #expect(refused.status == .unprocessableContent)
            let refusedFields = try refused.errorFields
            #expect(refusedFields == ["/receiver"])
            #expect(String(buffer: refused.body).contains("ubnd.25747"), "names what the plan allows")
            let record = try await client.get("/api/v1/dossiers/\(code)/record", headers: try await client.sessionHeaders(as: "bhxh.x"))
            #expect(record.status == .forbidden, "the unrelated agency's specialist reads no personal data")
        }
    }

    // MARK: 4. Anonymous submissions and tickets

    static let applicant: [(String, String)] = [
        ("name", "Phạm Văn Trực Tuyến"), ("idNumber", "074096111222"), ("birthYear", "1996"), ("phone", "0901234567"),
        ("homeUnit", "25747"), ("delivery", "electronic"), ("consent", "yes"),
    ]
    static let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0]

    @Test func aBurstOfAnonymousSubmissionsIsLimitedPerAddressAndPerApplicant() async throws {
        WholeRunLog.sensitive(["Phạm Văn Trực Tuyến", "074096111222", "0901234567"])
        try await withHardenedApp { client, store, _ in
            let statuses = try await burst(30) { i in
                var fields = Self.applicant
                fields[1] = ("idNumber", "0740961112\(String(format: "%02d", i))")
                return try await client.postMultipart("/procedures/1.001193/submit", fields, files: [("scans", "a.png", Self.png)]).status
            }
            #expect(statuses.filter { $0 == .created }.count == RequestLimits().submissionsPerAddressPerHour, "\(statuses)")
            #expect(statuses.filter { $0 == .tooManyRequests }.count == 30 - RequestLimits().submissionsPerAddressPerHour)
            let counted = try await store.hits(
                bucket: "submit.address:unknown",
                windowSeconds: 3_600,
                nowEpoch: Int(Fixtures.clock.now().timeIntervalSince1970)
            )
            #expect(counted == 30)
        }
        var limits = RequestLimits()
        limits.submissionsPerApplicantPerDay = 2
        try await withHardenedApp(limits: limits) { client, _, _ in
            var created = 0
            for _ in 0..<4 {
                let response = try await client.postMultipart("/procedures/1.001193/submit", Self.applicant, files: [("scans", "a.png", Self.png)])
                if response.status == .created { created += 1 } else { #expect(response.status == .tooManyRequests) }
            }
            #expect(created == 2, "one applicant's ID number, two a day")
        }
    }

    @Test func oversizedOrForeignScansAreRefusedBeforeAnythingIsWritten() async throws {
        WholeRunLog.sensitive(["Phạm Văn Trực Tuyến", "074096111222", "0901234567"])
        var limits = RequestLimits()
        limits.submissionFileBytes = 64 * 1024
        limits.submissionBytes = 160 * 1024
        limits.submissionFiles = 3
        try await withHardenedApp(limits: limits) { client, store, _ in
            let office = try #require(try await store.unit("25747")?.homeOfficeCode)
            let day = VietnamTime.localDate(Fixtures.clock.now())
            func dossiers() async throws -> Int { try await store.dossierCodes(office: office, day: day).count }
            let before = try await dossiers()
            let big = Self.png + [UInt8](repeating: 0, count: 70 * 1024)
            let oneTooBig = try await client.postMultipart("/procedures/1.001193/submit", Self.applicant, files: [("scans", "a.png", big)])
            #expect(oneTooBig.status == .contentTooLarge)
            #expect(String(buffer: oneTooBig.body).contains("64 KB") || String(buffer: oneTooBig.body).contains("0 MB"))
            let medium = Self.png + [UInt8](repeating: 0, count: 60 * 1024)
            let total = try await client.postMultipart(
                "/procedures/1.001193/submit",
                Self.applicant,
                files: [("scans", "a.png", medium), ("scans", "b.png", medium), ("scans", "c.png", medium)]
            )
            #expect(total.status == .contentTooLarge)
            let many = try await client.postMultipart(
                "/procedures/1.001193/submit",
                Self.applicant,
                files: Array(repeating: ("scans", "a.png", Self.png), count: 4)
            )
            #expect(many.status == .contentTooLarge && String(buffer: many.body).contains("Tối đa 3 tệp"))
            let text = try await client.postMultipart("/procedures/1.001193/submit", Self.applicant, files: [("scans", "a.pdf", Array("hello".utf8))])
            #expect(text.status == .unsupportedMediaType)
            // The whole body over the limit is refused while it is read, naming the limit.
            let huge = try await client.postMultipart(
                "/procedures/1.001193/submit",
                Self.applicant,
                files: [("scans", "a.png", Self.png + [UInt8](repeating: 0, count: 600 * 1024))]
            )
            #expect(huge.status == .contentTooLarge && String(buffer: huge.body).contains("\(160 + 256) KiB"))
            #expect(try await dossiers() == before, "nothing written")
        }
    }

    @Test(arguments: TestDatabases.backends)
    func inventedPhoneNumbersDoNotGetRoundTheTicketLimits(_ backend: TestDatabases.Backend) async throws {
        try await withHardenedApp(backend) { client, _, _ in
            let statuses = try await burst(20) { i in
                try await QueueRoutesTests.issue(client, #"{"group":"A","channel":"online","contact":"09012345\#(String(format: "%02d", i))"}"#)
                    .status
            }
            let allowed = RequestLimits().onlineTicketsPerAddressPerDay
            #expect(statuses.filter { $0 == .created }.count == allowed, "\(statuses)")
            #expect(statuses.filter { $0 == .tooManyRequests }.count == 20 - allowed)
            // The kiosk of the hall is not held to the online limit.
            #expect(try await QueueRoutesTests.issue(client, #"{"group":"A"}"#).status == .created)
        }
        var limits = RequestLimits()
        limits.onlineTicketsPerOfficePerDay = 3
        limits.kioskTicketsPerAddressPerDay = 2
        try await withHardenedApp(limits: limits) { client, _, _ in
            for i in 0..<3 {
                #expect(try await QueueRoutesTests.issue(client, #"{"group":"A","channel":"online","contact":"090100000\#(i)"}"#).status == .created)
            }
            let full = try await QueueRoutesTests.issue(client, #"{"group":"A","channel":"online","contact":"0901000009"}"#)
            #expect(full.status == .tooManyRequests && full.headers[.retryAfter] != nil)
            #expect(try await QueueRoutesTests.issue(client, #"{"group":"A"}"#).status == .created)
            #expect(try await QueueRoutesTests.issue(client, #"{"group":"A"}"#).status == .created)
            #expect(try await QueueRoutesTests.issue(client, #"{"group":"A"}"#).status == .tooManyRequests)
        }
    }

    // MARK: 6. Long searches

    @Test func longSearchesAreRefusedNamingTheField() async throws {
        try await withHardenedApp { client, _, _ in
            let words = Array(repeating: "ho", count: 1_000).joined(separator: "%20")
            let letters = String(repeating: "a", count: 50_000)
            for query in [words, letters] {
                let api = try await client.get("/api/v1/procedures?q=\(query)")
                let fields = try api.errorFields
                #expect(api.status == .badRequest && fields == ["q"], "\(api.status)")
                #expect(String(buffer: api.body).contains("200") && String(buffer: api.body).contains("20"))
                // The pages keep the first 200 characters of what was typed: the letters are searched,
                // the 1,000 words (67 of them in 200 characters) are refused beside the field.
                let page = try await client.get("/procedures?q=\(query)")
                guard query == words else {
                    #expect(page.status == .ok)
                    continue
                }
                #expect(page.status == .badRequest && String(buffer: page.body).contains("tối đa 200 ký tự"), "\(page.status)")
                // The desk's and the administration's searches say it beside the field too.
                for (path, user) in [("/desk/000.03.11.H56/receive", "officer.a"), ("/admin/procedures", "admin.a")] {
                    let staff = try await client.get("\(path)?q=\(query)", headers: try await client.sessionHeaders(as: user))
                    #expect(staff.status == .badRequest && String(buffer: staff.body).contains(#"id="e-q""#), "\(path): \(staff.status)")
                }
            }
            #expect(try await client.get("/api/v1/procedures?q=ho+kinh+doanh").status == .ok)
        }
    }

    // MARK: 8. No query values in the request log

    @Test func theRequestLogKeepsNoQueryValues() async throws {
        let logs = CapturedLogs()
        try await withHardenedApp(logger: logs.logger(label: "pasc")) { client, _, _ in
            _ = try await client.get("/api/v1/offices?near=10.987654,106.612345")
            _ = try await client.get("/procedures?q=CCCD+Nguyen+Van+Mot")
        }
        #expect(logs.text.contains("/api/v1/offices") && logs.text.contains("near=…"))
        #expect(!logs.text.contains("10.987654") && !logs.text.contains("106.612345"))
        #expect(!logs.text.contains("Nguyen"))
    }

    // MARK: 9. One instance of each stateful service

    @Test func aDayOffAnnouncedThroughTheRoutesMovesTheSweepAtOnce() async throws {
        // Monday 2026-09-14: the sweep alerts dossiers due by the end of the next working day.
        let clock = ManualClock()
        clock.set("2026-09-14T09:00:00+07:00")
        try await withHardenedApp(clock: clock) { client, store, services in
            let code = try await DossierStepsTests.receive(client)
            let due = try #require(try await store.dossier(try DossierCode(code))).appointmentDue
            #expect(due.date == (try LocalDate(year: 2026, month: 9, day: 17)), "three working days after Monday")
            // Tuesday: the next working day is Wednesday, the dossier is due Thursday: no alert yet.
            clock.set("2026-09-15T09:00:00+07:00")
            #expect(try await services.sweep.run().isEmpty)
            // Wednesday becomes a day off: the next working day is the due day, the sweep alerts.
            let announced = try await client.send(
                .put,
                "/api/v1/calendar/announced-days/2026-09-16",
                #"{"kind":"dayOff","name":"Nghỉ đột xuất","reference":"demo"}"#,
                headers: try await client.sessionHeaders(as: "admin.a")
            )
            #expect(announced.status.code < 300, "\(String(buffer: announced.body))")
            #expect(try await services.sweep.run().map(\.description) == [code], "the sweep sees the day off at once")
        }
    }
}

extension TestClientProtocol {
    /// A multipart form with several files, sent anonymously.
    func postMultipart(
        _ uri: String,
        _ fields: [(String, String)],
        files: [(field: String, name: String, bytes: [UInt8])]
    ) async throws
        -> TestResponse
    {
        let boundary = "pasc-test-boundary-5678"
        var body = ByteBuffer()
        for (key, value) in fields {
            body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(key)\"\r\n\r\n\(value)\r\n")
        }
        for file in files {
            body.writeString(
                "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(file.field)\"; filename=\"\(file.name)\"\r\nContent-Type: application/octet-stream\r\n\r\n"
            )
            body.writeBytes(file.bytes)
            body.writeString("\r\n")
        }
        body.writeString("--\(boundary)--\r\n")
        return try await execute(uri: uri, method: .post, headers: [.contentType: "multipart/form-data; boundary=\(boundary)"], body: body)
    }
}
