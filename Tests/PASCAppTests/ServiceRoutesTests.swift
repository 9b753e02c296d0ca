import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import PASCCore
import PASCStore
import PASCTestSupport
import Testing

@testable import PASCApp

@Suite("Health, readiness, errors and the OpenAPI document")
struct ServiceRoutesTests {
    @Test func healthAndReadinessAnswer() async throws {
        try await withDemoApp { client in
            let health = try await client.get("/health").json
            let ready = try await client.get("/ready").json
            #expect(health["status"] as? String == "ok")
            #expect(health["time"] as? String == "2026-09-15T09:00:00+07:00", "the injected clock, in Ho Chi Minh City time")
            #expect(ready["status"] as? String == "ready")
        }
    }

    @Test func aLostDatabaseAnswers503NotACrash() async throws {
        try await TestDatabases.withStore(.sqlite) { store in
            _ = try await store.seedIfEmpty(Fixtures.demo)
            let app = Application(router: try buildRouter(store: store, clock: Fixtures.clock), logger: WholeRunLog.serverLogger())
            try await app.test(.router) { client in
                #expect(try await client.get("/api/v1/offices").status == .ok)
                try await store.shutdown()
                for uri in ["/ready", "/api/v1/offices", "/api/v1/procedures/1.001193"] {
                    let response = try await client.get(uri)
                    #expect(response.status == .serviceUnavailable, "\(uri)")
                    #expect(response.headers[.contentType] == "application/problem+json")
                }
                #expect(try await client.get("/health").status == .ok, "the process itself is alive")
            }
        }
    }

    @Test func anUnknownPathIsAProblem() async throws {
        try await withDemoApp { client in
            let response = try await client.get("/api/v1/nothing?x=%ZZ")
            #expect(response.status == .notFound)
            #expect(response.headers[.contentType] == "application/problem+json")
        }
    }

    @Test func openAPIDocumentsExactlyTheRoutesTheRouterServes() async throws {
        try await TestDatabases.withStore(.sqlite) { store in
            let router = try buildRouter(store: store, clock: Fixtures.clock)
            let served = Set(router.routes.map { "\($0.method.rawValue) \(Self.openAPIPath($0.path.description))" })
            let app = Application(router: router, logger: WholeRunLog.serverLogger())
            try await app.test(.router) { client in
                let document = try await client.get("/openapi.json").json
                #expect(document["openapi"] as? String == "3.1.0")
                let paths = try #require(document["paths"] as? [String: [String: Any]])
                let documented = Set(paths.flatMap { path, methods in methods.keys.map { "\($0.uppercased()) \(path)" } })
                #expect(served == documented)
            }
        }
    }

    /// The parameters each list route accepts are exactly those the document lists.
    @Test func documentedQueryParametersMatchWhatTheRoutesAccept() async throws {
        try await withDemoApp { client in
            let document = try await client.get("/openapi.json").json
            let paths = try #require(document["paths"] as? [String: [String: [String: Any]]])
            func documented(_ path: String) -> Set<String> {
                Set(
                    ((paths[path]?["get"]?["parameters"] as? [[String: Any]]) ?? []).filter { $0["in"] as? String == "query" }.compactMap {
                        $0["name"] as? String
                    }
                )
            }
            #expect(documented("/api/v1/offices") == Set(OfficesController.listParameters))
            #expect(documented("/api/v1/units") == Set(UnitsController.listParameters))
            #expect(documented("/api/v1/procedures") == Set(ProceduresController.listParameters))
        }
    }

    /// The schemas name exactly the fields the API sends.
    @Test func documentedSchemasMatchTheJSONSent() async throws {
        try await withDemoApp { client in
            let document = try await client.get("/openapi.json").json
            let schemas = try #require((document["components"] as? [String: Any])?["schemas"] as? [String: [String: Any]])
            func properties(_ name: String) -> Set<String> { Set((schemas[name]?["properties"] as? [String: Any])?.keys ?? [:].keys) }
            let office = try await client.get("/api/v1/offices?near=10.98,106.65&limit=1").items.first ?? [:]
            #expect(Set(office.keys) == properties("Office"))
            #expect(Set(try await client.get("/api/v1/units/25747").json.keys) == properties("AdministrativeUnit"))
            #expect(Set(try await client.get("/api/v1/procedures/1.001193").json.keys) == properties("Procedure"))
            #expect(Set(try await client.get("/api/v1/offices/nothing").json.keys) == properties("Problem"))
        }
    }

    /// Every documented query parameter is accepted by its route (none is refused as unknown).
    @Test func everyDocumentedQueryParameterIsAccepted() async throws {
        try await withStaffApp { client, _, _ in
            let admin = try await client.sessionHeaders(as: "admin.a")
            let leader = try await client.sessionHeaders(as: "leader.a")
            // One public change, so the public log has a leaf to ask about.
            let put = try await client.send(
                .put,
                "/api/v1/calendar/announced-days/2026-10-07",
                #"{"kind":"dayOff","name":"Nghỉ đột xuất (thử)","reference":"test"}"#,
                headers: admin
            )
            #expect(put.status == .ok)
            let document = try await client.get("/openapi.json").json
            let paths = try #require(document["paths"] as? [String: [String: [String: Any]]])
            for (path, methods) in paths where !path.contains("{") {
                guard let operation = methods["get"] else { continue }
                // Secured lists are asked as an administrator, who may read every one of them; the
                // dashboard, a leader's, as branch A's leader.
                let headers: HTTPFields =
                    operation["security"] == nil ? [:] : (path.hasPrefix("/api/v1/dashboard") || path == "/dashboard" ? leader : admin)
                let parameters = ((operation["parameters"] as? [[String: Any]]) ?? []).filter { $0["in"] as? String == "query" }
                // Parameters the route requires go with every request (a range needs both ends).
                let required = parameters.filter { $0["required"] as? Bool == true }.compactMap { parameter -> String? in
                    guard let name = parameter["name"] as? String else { return nil }
                    return Self.sampleValue(name: name, schema: parameter["schema"] as? [String: Any] ?? [:]).map { "\(name)=\($0)" }
                }
                for parameter in parameters {
                    let name = try #require(parameter["name"] as? String)
                    let schema = parameter["schema"] as? [String: Any] ?? [:]
                    let value = Self.sampleValue(name: name, schema: schema)
                    guard let value else { continue }
                    let query = Set(required + ["\(name)=\(value)"]).sorted().joined(separator: "&")
                    let response = try await client.execute(uri: "\(path)?\(query)", method: .get, headers: headers)
                    #expect(response.status == .ok, "\(path)?\(query) → \(response.status)")
                }
            }
        }
    }

    @Test func configurationLayersFlagsOverEnvironmentOverFileOverDefaults() throws {
        let file = Data(#"{"port": 9000, "host": "0.0.0.0", "logLevel": "debug"}"#.utf8)
        let config = try PASCConfiguration.resolve(
            flags: [.port: "7000"],
            environment: ["PASC_PORT": "8000", "PASC_HOST": "127.0.0.2", "PASC_DATABASE": "postgres://u@h/db"],
            fileContents: file
        )
        #expect(config.port == 7000)
        #expect(config.host == "127.0.0.2")
        #expect(config.logLevel == "debug")
        #expect(config.database == "postgres://u@h/db")
        #expect(config.demo)
        #expect(try PASCConfiguration.resolve(flags: [:], environment: [:], fileContents: nil) == PASCConfiguration())
        #expect(PASCConfiguration.Key.allowTestClock.environmentName == "PASC_ALLOW_TEST_CLOCK")
    }

    @Test func badConfigurationIsRefusedWithItsOrigin() {
        #expect {
            try PASCConfiguration.resolve(flags: [:], environment: ["PASC_PORT": "eighty"], fileContents: nil)
        } throws: { "\($0)".contains("PASC_PORT") }
        #expect {
            try PASCConfiguration.resolve(flags: [:], environment: [:], fileContents: Data(#"{"prot": 1}"#.utf8))
        } throws: { "\($0)".contains("prot") }
    }

    @Test func aTestClockNeedsDemoModeOrAnExplicitFlag() throws {
        var config = PASCConfiguration()
        config.clock = "fixed:2026-09-15T09:00:00+07:00"
        #expect(VietnamTime.format(try config.makeClock().now()) == "2026-09-15T09:00:00+07:00")
        config.demo = false
        #expect(throws: ConfigurationError.self) { try config.makeClock() }
        config.allowTestClock = true
        #expect(throws: Never.self) { try config.makeClock() }
    }

    @Test func aLiveServerAnswersOverRealHTTP() async throws {
        try await TestDatabases.withStore(.sqlite) { store in
            _ = try await store.seedIfEmpty(Fixtures.demo)
            let app = try buildApplication(
                store: store,
                clock: Fixtures.clock,
                settings: ServerSettings(host: "127.0.0.1", port: 0),
                logger: Logger(label: "test")
            )
            try await app.test(.live) { client in
                let response = try await client.get("/api/v1/offices?level=branch")
                #expect(response.status == .ok)
                #expect(try response.items.count == 9)
            }
        }
    }

    static func openAPIPath(_ routerPath: String) -> String {
        routerPath.split(separator: "/", omittingEmptySubsequences: false).map { segment in
            segment.hasPrefix(":") ? "{\(segment.dropFirst())}" : String(segment)
        }.joined(separator: "/")
    }

    static func sampleValue(name: String, schema: [String: Any]) -> String? {
        if let example = schema["example"] as? String { return example.addingPercentEncoding(withAllowedCharacters: .alphanumerics) }
        if let example = schema["example"] as? Int { return String(example) }
        if let values = schema["enum"] as? [String] { return values.first }
        switch schema["type"] as? String {
        case "integer": return String((schema["minimum"] as? Int).map { max($0, 5) } ?? 5)
        case "boolean": return "true"
        default: return name == "cursor" ? nil : "x"
        }
    }
}
