import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import PASCCore
import PASCDomain
import PASCStore
import PASCTestSupport
import Testing

@testable import PASCApp

/// Staff used by the HTTP authorisation tests: one per role, in and out of scope.
enum StaffFixture {
    static let password = "mật-khẩu-thử-123"
    static let pointA = try! OfficeCode("000.03.11.H56")  // a commune point under the Thủ Dầu Một branch
    static let branchA = try! OfficeCode("000.00.11.H56")
    static let pointB = try! OfficeCode("000.01.12.H56")  // under another branch

    static let members: [StaffMember] = [
        try! StaffMember(username: "admin.a", fullName: "Quản Trị", roles: [.administrator], scope: StaffScope(), homeOffice: nil),
        try! StaffMember(
            username: "officer.a",
            fullName: "Cán Bộ A",
            roles: [.receptionOfficer],
            scope: StaffScope(offices: [pointA]),
            homeOffice: pointA
        ),
        try! StaffMember(
            username: "officer.b",
            fullName: "Cán Bộ B",
            roles: [.receptionOfficer],
            scope: StaffScope(offices: [pointB]),
            homeOffice: pointB
        ),
        try! StaffMember(username: "leader.a", fullName: "Lãnh Đạo A", roles: [.leader], scope: StaffScope(offices: [branchA]), homeOffice: branchA),
        try! StaffMember(
            username: "specialist.x",
            fullName: "Chuyên Viên X",
            roles: [.specialist],
            scope: StaffScope(agencies: ["ubnd.25747"]),
            homeOffice: nil
        ),
        try! StaffMember(username: "postal.a", fullName: "Bưu Tá A", roles: [.postal], scope: StaffScope(offices: [pointA]), homeOffice: pointA),
        // Heads the People's Committee of commune 25747: signs its apology letters.
        try! StaffMember(username: "head.x", fullName: "Chủ Tịch X", roles: [.leader], scope: StaffScope(agencies: ["ubnd.25747"]), homeOffice: nil),
        // The other bodies of an inter-agency procedure led by ubnd.25747: its commune police and social insurance.
        try! StaffMember(
            username: "police.x",
            fullName: "Công An X",
            roles: [.specialist],
            scope: StaffScope(agencies: ["ca.25747"]),
            homeOffice: nil
        ),
        try! StaffMember(
            username: "bhxh.x",
            fullName: "Bảo Hiểm X",
            roles: [.specialist],
            scope: StaffScope(agencies: ["bhxh-tinh"]),
            homeOffice: nil
        ),
    ]
}

/// The app over a seeded store with the fixture staff; `body` gets the client and the route table.
func withStaffApp(
    _ backend: TestDatabases.Backend = .sqlite,
    logger: Logger? = nil,
    clock: any Clock = Fixtures.clock,
    extraRoutes: (RouteTable, SQLStore) -> Void = { _, _ in },
    _ body: @escaping @Sendable (any TestClientProtocol, RouteTable, [RegisteredRoute]) async throws -> Void
) async throws {
    try await TestDatabases.withStore(backend) { store in
        _ = try await store.seedIfEmpty(Fixtures.demo)
        let hasher = BcryptPasswordHasher(cost: 10)
        let hash = try hasher.hash(StaffFixture.password)
        for member in StaffFixture.members { try await store.insertStaff(member, passwordHash: hash, actor: "test") }
        var settings = AuthenticationSettings()
        settings.failureDelayMilliseconds = 0
        let (router, table) = try buildRoutes(store: store, clock: clock, passwords: hasher, authenticationSettings: settings)
        extraRoutes(table, store)
        let registered = router.routes.map { RegisteredRoute(method: $0.method, path: $0.path.description) }
        try await Application(router: router, logger: logger ?? WholeRunLog.serverLogger()).test(.router) { client in
            try await body(client, table, registered)
        }
    }
}

/// A route as the router registered it (method and OpenAPI-style path).
struct RegisteredRoute: Sendable {
    let method: HTTPRequest.Method
    let path: String
}

extension TestClientProtocol {
    /// Signs in and returns the headers of a JSON request of that session (cookie and CSRF token).
    func sessionHeaders(as username: String) async throws -> HTTPFields {
        let session = try await signIn(username)
        var headers: HTTPFields = [.cookie: session.cookie, .contentType: "application/json"]
        headers[HTTPField.Name("X-CSRF-Token")!] = session.csrf
        return headers
    }

    /// Sends a JSON body.
    func send(_ method: HTTPRequest.Method, _ uri: String, _ json: String, headers: HTTPFields) async throws -> TestResponse {
        try await execute(uri: uri, method: method, headers: headers, body: ByteBuffer(string: json))
    }

    /// Signs in and returns the session cookie and CSRF token.
    func signIn(_ username: String, password: String = StaffFixture.password) async throws -> (cookie: String, csrf: String) {
        let response = try await execute(
            uri: "/api/v1/auth/login",
            method: .post,
            headers: [.contentType: "application/json"],
            body: ByteBuffer(string: #"{"username":"\#(username)","password":"\#(password)"}"#)
        )
        #expect(response.status == .ok, "sign-in of \(username)")
        let setCookie = try #require(response.headers[.setCookie])
        #expect(setCookie.contains("HttpOnly") && setCookie.contains("SameSite=Lax"))
        let cookie = try #require(setCookie.split(separator: ";").first.map(String.init))
        let csrf = try #require(try response.json["csrfToken"] as? String)
        WholeRunLog.sensitive([password, String(cookie.split(separator: "=", maxSplits: 1).last ?? ""), csrf])
        return (cookie, csrf)
    }
}

@Suite("HTTP sign-in, sessions, tokens and route policies")
struct AuthRoutesTests {
    @Test func aSessionCookieSignsInAndStateChangesNeedTheCSRFToken() async throws {
        try await withStaffApp { client, _, _ in
            let (cookie, csrf) = try await client.signIn("officer.a")
            let me = try await client.execute(uri: "/api/v1/auth/me", method: .get, headers: [.cookie: cookie])
            #expect(me.status == .ok)
            #expect(try me.json["offices"] as? [String] == ["000.03.11.H56"])
            let body = ByteBuffer(string: #"{"label":"đồng bộ"}"#)
            let noCSRF = try await client.execute(
                uri: "/api/v1/auth/tokens",
                method: .post,
                headers: [.cookie: cookie, .contentType: "application/json"],
                body: body
            )
            #expect(noCSRF.status == .forbidden)
            var headers: HTTPFields = [.cookie: cookie, .contentType: "application/json"]
            headers[HTTPField.Name("X-CSRF-Token")!] = csrf
            let issued = try await client.execute(uri: "/api/v1/auth/tokens", method: .post, headers: headers, body: body)
            #expect(issued.status == .created)
            let token = try #require(try issued.json["token"] as? String)
            let viaToken = try await client.execute(uri: "/api/v1/auth/me", method: .get, headers: [.authorization: "Bearer \(token)"])
            #expect(try viaToken.json["username"] as? String == "officer.a")
            let logout = try await client.execute(uri: "/api/v1/auth/logout", method: .post, headers: headers)
            #expect(logout.status == .noContent)
            #expect(try await client.execute(uri: "/api/v1/auth/me", method: .get, headers: [.cookie: cookie]).status == .unauthorized)
        }
    }

    @Test func wrongCredentialsGetOneAnswerThatRevealsNothing() async throws {
        try await withStaffApp { client, _, _ in
            func attempt(_ username: String, _ password: String) async throws -> (HTTPResponse.Status, String) {
                let r = try await client.execute(
                    uri: "/api/v1/auth/login",
                    method: .post,
                    headers: [.contentType: "application/json"],
                    body: ByteBuffer(string: #"{"username":"\#(username)","password":"\#(password)"}"#)
                )
                return (r.status, try r.json["detailEn"] as? String ?? "")
            }
            let wrongPassword = try await attempt("officer.a", "not the password")
            let unknownUser = try await attempt("nobody.here", "not the password")
            #expect(wrongPassword.0 == .unauthorized && wrongPassword == unknownUser)
            let malformed = try await client.execute(uri: "/api/v1/auth/me", method: .get, headers: [.authorization: "Bearer nonsense"])
            #expect(malformed.status == .unauthorized)
            let notBearer = try await client.execute(uri: "/api/v1/offices", method: .get, headers: [.authorization: "Basic abc"])
            #expect(notBearer.status == .unauthorized)
        }
    }

    @Test func tooManyFailuresAre429WithRetryAfter() async throws {
        try await withStaffApp { client, _, _ in
            for _ in 0..<5 {
                _ = try await client.execute(
                    uri: "/api/v1/auth/login",
                    method: .post,
                    headers: [.contentType: "application/json"],
                    body: ByteBuffer(string: #"{"username":"officer.b","password":"guess-guess"}"#)
                )
            }
            let locked = try await client.execute(
                uri: "/api/v1/auth/login",
                method: .post,
                headers: [.contentType: "application/json"],
                body: ByteBuffer(string: #"{"username":"officer.b","password":"\#(StaffFixture.password)"}"#)
            )
            #expect(locked.status == .tooManyRequests)
            #expect(locked.headers[.retryAfter] == "900")
        }
    }

    @Test func badBodiesAre400Or413() async throws {
        try await withStaffApp { client, _, _ in
            let missing = try await client.execute(
                uri: "/api/v1/auth/login",
                method: .post,
                headers: [.contentType: "application/json"],
                body: ByteBuffer(string: #"{"username":"a"}"#)
            )
            #expect(missing.status == .badRequest)
            #expect(try missing.errorFields == ["/password"])
            let huge = try await client.execute(
                uri: "/api/v1/auth/login",
                method: .post,
                headers: [.contentType: "application/json"],
                body: ByteBuffer(string: #"{"username":""# + String(repeating: "a", count: 70_000) + #"","password":"x"}"#)
            )
            #expect(huge.status == .contentTooLarge)
        }
    }

    /// Walks the routes the router really has: each has a policy, and each caller gets exactly what it says.
    @Test func everyRegisteredRouteEnforcesItsPolicyForEveryCaller() async throws {
        try await withStaffApp { client, table, routes in
            var sessions: [String: (cookie: String, csrf: String)] = [:]
            for member in StaffFixture.members { sessions[member.username] = try await client.signIn(member.username) }
            let tree = OfficeTree(offices: Fixtures.demo.offices)
            // A real dossier for the dossier routes: received at officer.a's point for its own commune,
            // so agency ubnd.25747 (specialist.x's) decides it.
            let dossierCode = try await DossierRoutesTests.receive(client, as: "officer.a", at: StaffFixture.pointA.rawValue, homeUnit: "25747")
            for route in routes {
                let path = route.path
                let entry = try #require(table.entry(method: route.method, path: path), "\(route.method) \(path) has no policy")
                // Fill path parameters with an office in scope of officer.a, or the fixture dossier, so scope decides.
                var target = PolicyTarget()
                let uri: String
                if case .dossierParameter = entry.target {
                    uri = path.replacingOccurrences(of: "{code}", with: dossierCode)
                    target.dossierOffices = [StaffFixture.pointA]
                    target.agency = "ubnd.25747"
                } else {
                    uri = path.replacingOccurrences(of: "{code}", with: StaffFixture.pointA.rawValue)
                }
                if case .officeParameter = entry.target { target.office = StaffFixture.pointA }
                let callers: [(String, StaffMember?)] = [("anonymous", nil)] + StaffFixture.members.map { ($0.username, $0) }
                for (name, member) in callers {
                    var headers: HTTPFields = [.contentType: "application/json"]
                    if let member, let session = sessions[member.username] {
                        headers[.cookie] = session.cookie
                        headers[HTTPField.Name("X-CSRF-Token")!] = session.csrf
                    }
                    // Signing out would end the session the next routes use: check its policy without sending it.
                    if ["/api/v1/auth/logout", "/sign-out"].contains(path), member != nil { continue }
                    let response = try await client.execute(uri: uri, method: route.method, headers: headers, body: ByteBuffer(string: "{}"))
                    // Pages send an anonymous caller to the sign-in page (and back) instead of a 401.
                    let page = PolicyGate.isPage(path)
                    let toSignIn = response.status == .seeOther && response.headers[.location]?.hasPrefix("/sign-in?back=") == true
                    switch entry.policy.decide(member, target: target, tree: tree) {
                    case .allowed:
                        // The sign-in form answers a wrong password with 401: that is its own answer, not the policy's.
                        if path == "/sign-in" { continue }
                        #expect(![.unauthorized, .forbidden].contains(response.status), "\(name) \(route.method) \(path) → \(response.status)")
                        #expect(!toSignIn || route.method != .get, "\(name) \(route.method) \(path) → sent to sign in")
                    case .unauthenticated where page:
                        #expect(toSignIn, "\(name) \(route.method) \(path) → \(response.status)")
                    case .unauthenticated:
                        #expect(response.status == .unauthorized, "\(name) \(route.method) \(path) → \(response.status)")
                    case .forbidden:
                        #expect(response.status == .forbidden, "\(name) \(route.method) \(path) → \(response.status)")
                    }
                }
            }
        }
    }

    @Test func aRouteAddedWithoutAPolicyIsRefused() async throws {
        try await TestDatabases.withStore(.sqlite) { store in
            let (router, table) = try buildRoutes(
                store: store,
                clock: Fixtures.clock,
                passwords: BcryptPasswordHasher(cost: 10),
                authenticationSettings: AuthenticationSettings()
            )
            table.group.get("/api/v1/forgotten") { _, _ in "secret" }
            try await Application(router: router, logger: WholeRunLog.serverLogger()).test(.router) { client in
                let response = try await client.execute(uri: "/api/v1/forgotten", method: .get)
                #expect(response.status == .forbidden)
                #expect(!String(buffer: response.body).contains("secret"))
            }
            #expect(router.routes.contains { table.entry(method: $0.method, path: $0.path.description) == nil }, "the walk above would flag it")
        }
    }
}

@Suite("Office scope over HTTP")
struct OfficeScopeRoutesTests {
    func staffAt(_ office: OfficeCode, as username: String, _ client: any TestClientProtocol) async throws -> HTTPResponse.Status {
        let session = try await client.signIn(username)
        return try await client.execute(uri: "/api/v1/offices/\(office.rawValue)/staff", method: .get, headers: [.cookie: session.cookie]).status
    }

    @Test func anOfficerOfOfficeACannotActAtOfficeB() async throws {
        try await withStaffApp { client, _, _ in
            let own = try await staffAt(StaffFixture.pointA, as: "officer.a", client)
            let other = try await staffAt(StaffFixture.pointB, as: "officer.a", client)
            #expect(own == .ok)
            #expect(other == .forbidden)
        }
    }

    @Test func aLeaderSeesTheirSubtreeAndNothingElse() async throws {
        try await withStaffApp { client, _, _ in
            var statuses: [HTTPResponse.Status] = []
            for office in [StaffFixture.branchA, StaffFixture.pointA, StaffFixture.pointB, try OfficeCode("000.00.01.H56")] {
                statuses.append(try await staffAt(office, as: "leader.a", client))
            }
            #expect(statuses == [.ok, .ok, .forbidden, .forbidden])
        }
    }

    @Test func theForbiddenAnswerNamesTheMissingScopeNotTheData() async throws {
        try await withStaffApp { client, _, _ in
            let session = try await client.signIn("specialist.x")
            let response = try await client.execute(
                uri: "/api/v1/offices/\(StaffFixture.pointA.rawValue)/staff",
                method: .get,
                headers: [.cookie: session.cookie]
            )
            #expect(response.status == .forbidden)
            let text = String(buffer: response.body)
            #expect(text.contains("receptionOfficer") && !text.contains("officer.a"))
            let admin = try await client.signIn("admin.a")
            let all = try await client.execute(uri: "/api/v1/staff", method: .get, headers: [.cookie: admin.cookie])
            #expect(try all.items.count == StaffFixture.members.count)
        }
    }
}

@Suite("HTTP hardening")
struct HardeningTests {
    @Test func everyAnswerCarriesTheSecurityHeaders() async throws {
        try await withStaffApp { client, _, _ in
            for uri in ["/api/v1/offices", "/api/v1/nothing", "/health"] {
                let response = try await client.execute(uri: uri, method: .get)
                let csp = response.headers[.contentSecurityPolicy] ?? ""
                #expect(csp.contains("frame-ancestors 'none'") && !csp.contains("unsafe-inline"), "\(uri)")
                #expect(response.headers[HTTPField.Name("X-Content-Type-Options")!] == "nosniff")
                #expect(response.headers[HTTPField.Name("Referrer-Policy")!] == "no-referrer")
            }
        }
    }

    @Test func deeplyNestedJSONIsRefusedBeforeParsing() async throws {
        try await withStaffApp { client, _, _ in
            let deep = String(repeating: "[", count: 5000) + String(repeating: "]", count: 5000)
            let response = try await client.execute(
                uri: "/api/v1/auth/login",
                method: .post,
                headers: [.contentType: "application/json"],
                body: ByteBuffer(string: deep)
            )
            #expect(response.status == .badRequest)
            #expect(JSONInput.nestingDepth(of: Data(#"{"a":"[[[[","b":[{"c":1}]}"#.utf8)) == 3)
        }
    }

    @Test func errorsNeverEchoThePasswordSent() async throws {
        try await withStaffApp { client, _, _ in
            let response = try await client.execute(
                uri: "/api/v1/auth/login",
                method: .post,
                headers: [.contentType: "application/json"],
                body: ByteBuffer(string: #"{"username":"officer.a","password":"Very-Distinctive-Secret-42"}"#)
            )
            #expect(response.status == .unauthorized)
            #expect(!String(buffer: response.body).contains("Very-Distinctive-Secret-42"))
        }
    }
}

@Suite("Client address and limits from configuration")
struct ClientAddressTests {
    @Test func forwardedForIsBelievedOnlyFromTrustedProxies() {
        #expect(ClientAddress.resolve(peer: "203.0.113.9", forwardedFor: "1.2.3.4", trustedProxies: ["10.0.0.2"]) == "203.0.113.9")
        #expect(ClientAddress.resolve(peer: "10.0.0.2", forwardedFor: "1.2.3.4", trustedProxies: ["10.0.0.2"]) == "1.2.3.4")
        // A client cannot hide behind a forged first hop: the nearest untrusted hop counts.
        #expect(
            ClientAddress.resolve(peer: "10.0.0.2", forwardedFor: "6.6.6.6, 1.2.3.4, 10.0.0.3", trustedProxies: ["10.0.0.2", "10.0.0.3"]) == "1.2.3.4"
        )
        #expect(ClientAddress.resolve(peer: "10.0.0.2", forwardedFor: nil, trustedProxies: ["10.0.0.2"]) == "10.0.0.2")
    }

    @Test func limitsAreConfigurable() throws {
        let config = try PASCConfiguration.resolve(
            flags: [.trustedProxies: "10.0.0.2, 10.0.0.3"],
            environment: ["PASC_SESSION_IDLE_MINUTES": "10", "PASC_LOGIN_FAILURES_PER_ACCOUNT": "3"],
            fileContents: Data(#"{"loginWindowMinutes": 5}"#.utf8)
        )
        #expect(config.trustedProxies == ["10.0.0.2", "10.0.0.3"])
        #expect(config.authentication.idleTimeoutSeconds == 600)
        #expect(config.authentication.failuresPerAccount == 3)
        #expect(config.authentication.failureWindowSeconds == 300)
        #expect(throws: ConfigurationError.self) {
            try PASCConfiguration.resolve(flags: [:], environment: ["PASC_SESSION_MAX_HOURS": "0"], fileContents: nil)
        }
    }
}

@Suite("Secrets stay out of the logs")
struct LogScanTests {
    @Test func traceLogsOfSignInsTokensAndFailuresHoldNoSecret() async throws {
        let logs = CapturedLogs()
        let found = FoundSecrets()
        try await withStaffApp(logger: logs.logger(label: "pasc")) { client, _, _ in
            let session = try await client.signIn("officer.a")
            var headers: HTTPFields = [.cookie: session.cookie, .contentType: "application/json"]
            headers[HTTPField.Name("X-CSRF-Token")!] = session.csrf
            let issued = try await client.execute(
                uri: "/api/v1/auth/tokens",
                method: .post,
                headers: headers,
                body: ByteBuffer(string: #"{"label":"x"}"#)
            )
            let token = try #require(try issued.json["token"] as? String)
            _ = try await client.execute(uri: "/api/v1/auth/me", method: .get, headers: [.authorization: "Bearer \(token)"])
            _ = try await client.execute(uri: "/api/v1/auth/me", method: .get, headers: [.authorization: "Bearer \(token)-forged"])
            _ = try await client.execute(
                uri: "/api/v1/auth/login",
                method: .post,
                headers: [.contentType: "application/json"],
                body: ByteBuffer(string: #"{"username":"officer.a","password":"Very-Distinctive-Secret-42"}"#)
            )
            found.add([String(session.cookie.split(separator: "=", maxSplits: 1).last ?? ""), session.csrf, token])
        }
        let secrets = [StaffFixture.password, "Very-Distinctive-Secret-42"] + found.values
        WholeRunLog.sensitive(secrets)
        #expect(logs.count > 0, "the capture works: requests are logged")
        #expect(logs.text.contains("/api/v1/auth/login"))
        for secret in secrets where !secret.isEmpty {
            #expect(!logs.text.contains(secret), "a secret reached the log")
        }
    }
}

/// Secrets a test body saw, collected for the scan afterwards.
final class FoundSecrets: @unchecked Sendable {
    private let lock = NSLock()
    private var list: [String] = []
    func add(_ values: [String]) { lock.withLock { list += values } }
    var values: [String] { lock.withLock { list } }
}

@Suite("Cookies behind a TLS-terminating proxy")
struct ProxyCookieTests {
    /// Over real HTTP: the peer is 127.0.0.1, trusted as a proxy only when configured.
    func setCookie(trusting proxies: Set<String>) async throws -> String {
        try await TestDatabases.withStore(.sqlite) { store in
            _ = try await store.seedIfEmpty(Fixtures.demo)
            let hasher = BcryptPasswordHasher(cost: 10)
            try await store.insertStaff(Fixtures.officer, passwordHash: try hasher.hash(StaffFixture.password), actor: "test")
            let (router, _) = try buildRoutes(
                store: store,
                clock: Fixtures.clock,
                passwords: hasher,
                authenticationSettings: AuthenticationSettings(),
                trustedProxies: proxies
            )
            let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)), logger: WholeRunLog.serverLogger())
            return try await app.test(.live) { client in
                var headers: HTTPFields = [.contentType: "application/json"]
                headers[HTTPField.Name("X-Forwarded-Proto")!] = "https"
                let response = try await client.execute(
                    uri: "/api/v1/auth/login",
                    method: .post,
                    headers: headers,
                    body: ByteBuffer(string: #"{"username":"le.thi.a","password":"\#(StaffFixture.password)"}"#)
                )
                #expect(response.status == .ok)
                return response.headers[.setCookie] ?? ""
            }
        }
    }

    @Test func theCookieIsSecureOnlyWhenATrustedProxySaysHTTPS() async throws {
        let trusted = try await setCookie(trusting: ["127.0.0.1"])
        let untrusted = try await setCookie(trusting: [])
        #expect(trusted.contains("Secure") && trusted.contains("HttpOnly"))
        #expect(!untrusted.contains("Secure"), "a client cannot claim TLS by sending the header itself")
    }
}

@Suite("Staff administration over HTTP")
struct StaffAdministrationTests {
    func adminHeaders(_ client: any TestClientProtocol, as username: String = "admin.a") async throws -> HTTPFields {
        try await client.sessionHeaders(as: username)
    }

    @Test func anAdministratorAddsAndDisablesAccountsAndEveryChangeIsRecorded() async throws {
        try await withStaffApp { client, _, _ in
            let headers = try await adminHeaders(client)
            let body =
                #"{"username":"tran.van.b","fullName":"Trần Văn B","roles":["receptionOfficer"],"offices":["000.01.12.H56"],"homeOffice":"000.01.12.H56"}"#
            let created = try await client.execute(uri: "/api/v1/staff", method: .post, headers: headers, body: ByteBuffer(string: body))
            #expect(created.status == .created)
            let password = try #require(try created.json["password"] as? String)
            WholeRunLog.sensitive([password])
            #expect(password.count >= 16)
            _ = try await client.signIn("tran.van.b", password: password)
            let again = try await client.execute(uri: "/api/v1/staff", method: .post, headers: headers, body: ByteBuffer(string: body))
            #expect(again.status == .conflict)
            let disabled = try await client.execute(uri: "/api/v1/staff/tran.van.b/disable", method: .post, headers: headers)
            #expect(try disabled.json["disabled"] as? Bool == true)
            let changes = try await client.execute(uri: "/api/v1/staff/tran.van.b/changes", method: .get, headers: headers).items
            #expect(changes.count == 2)
            #expect(changes.allSatisfy { $0["actor"] as? String == "admin.a" })
            #expect(changes[0]["oldValue"] is NSNull && (changes[1]["newValue"] as? String)?.contains(#""disabled":true"#) == true)
            #expect(!String(describing: changes).contains(password), "the change record never holds a password")
        }
    }

    @Test func badAccountsAre400NamingEveryFieldAndOnlyAdministratorsMayAdd() async throws {
        try await withStaffApp { client, _, _ in
            let headers = try await adminHeaders(client)
            let bad = try await client.execute(
                uri: "/api/v1/staff",
                method: .post,
                headers: headers,
                body: ByteBuffer(string: #"{"username":"x","fullName":"","roles":["king"],"offices":["nowhere"]}"#)
            )
            #expect(bad.status == .badRequest)
            #expect(try Set(bad.errorFields) == ["/roles", "/offices"])
            let noScope = try await client.execute(
                uri: "/api/v1/staff",
                method: .post,
                headers: headers,
                body: ByteBuffer(string: #"{"username":"xy","fullName":"","roles":["specialist"]}"#)
            )
            #expect(try Set(noScope.errorFields) == ["/username", "/fullName", "/scope.agencies"])
            let officer = try await adminHeaders(client, as: "officer.a")
            let refused = try await client.execute(
                uri: "/api/v1/staff",
                method: .post,
                headers: officer,
                body: ByteBuffer(string: #"{"username":"sneaky","fullName":"S","roles":["administrator"]}"#)
            )
            #expect(refused.status == .forbidden)
            #expect(try await client.execute(uri: "/api/v1/staff/nobody.here/disable", method: .post, headers: headers).status == .notFound)
            let own = try await client.execute(uri: "/api/v1/staff/admin.a/disable", method: .post, headers: headers)
            #expect(own.status == .conflict, "an administrator cannot lock themselves out")
            #expect(try await client.execute(uri: "/api/v1/auth/me", method: .get, headers: headers).status == .ok)
        }
    }
}
