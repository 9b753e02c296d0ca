import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import PASCApp
import PASCDomain
import PASCTestSupport
import Testing

/// `/metrics` read back with a strict parser of the Prometheus text format (version 0.0.4):
/// PASC's own series, requests by route pattern, and nothing personal.
@Suite("Metrics over HTTP")
struct MetricsRoutesTests {
    @Test func theScrapeParsesAndHoldsPASCsSeries() async throws {
        let clock = ManualClock()
        try await DashboardRoutesTests.withDashboard(clock: clock) { client, _ in
            try await DashboardRoutesTests.history(client, clock)
            clock.set("2026-09-21T10:05:00+07:00")
            #expect(try await QueueRoutesTests.issue(client, #"{"group":"A"}"#).status == .created)
            _ = try await client.get("/api/v1/dossiers/000.00.00.H56-260101-0001")
            let answer = try await client.get("/metrics")
            #expect(answer.status == .ok && answer.headers[.contentType] == "text/plain; version=0.0.4; charset=utf-8")
            let text = String(buffer: answer.body)
            let families = try PrometheusText.parse(text)
            let requests = try #require(families["pasc_http_requests_total"])
            #expect(requests.type == "counter")
            // Routes by their pattern: the dossier's code is not a label value.
            let routes = Set(requests.samples.compactMap { $0.labels["route"] })
            #expect(routes.contains("/api/v1/dossiers/{code}/actions") && routes.contains("/api/v1/offices/{code}/tickets"))
            #expect(!text.contains("H56-26"), "no dossier code in any series")
            let notFound = requests.samples.first { $0.labels["route"] == "/api/v1/dossiers/{code}" && $0.labels["status"] == "404" }
            #expect(notFound?.value == 1)
            let durations = try #require(families["pasc_http_request_duration_seconds"])
            #expect(durations.type == "histogram")
            #expect(durations.samples.contains { $0.name == "pasc_http_request_duration_seconds_bucket" && $0.labels["le"] == "+Inf" })
            // Dossiers by state: D1 returned, D2 accepted, D3 result ready; D2 is past its date.
            let dossiers = try #require(families["pasc_dossiers"])
            #expect(dossiers.type == "gauge")
            func state(_ name: String) -> Double? { dossiers.samples.first { $0.labels["status"] == name }?.value }
            #expect(state("returned") == 1 && state("accepted") == 1 && state("resultReady") == 1 && state("processing") == 0)
            #expect(families["pasc_dossiers_overdue"]?.samples.first?.value == 1)
            let waiting = try #require(families["pasc_tickets_waiting"])
            #expect(waiting.samples.first { $0.labels["office"] == StaffFixture.pointA.rawValue }?.value == 1)
            #expect(waiting.samples.first { $0.labels["office"] == StaffFixture.pointB.rawValue }?.value == 0)
            #expect(families["pasc_log_leaves"]?.samples.first?.value == 8, "three acceptances and five steps")
            for personal in [DossierRoutesTests.name, DossierRoutesTests.idNumber, "officer.a"] { #expect(!text.contains(personal)) }
        }
    }

    @Test func theParserRefusesWhatIsNotTheTextFormat() {
        for bad in [
            "pasc_x 1\n",  // a sample before its TYPE
            "# TYPE pasc_x gauge\npasc_x{a=\"1\" 2\n",
            "# TYPE pasc_x gauge\npasc_x one\n",
            "# TYPE pasc_x gauge\n9pasc 1\n",
            "# TYPE pasc_x gauge\n# TYPE pasc_x counter\n",
            "# TYPE pasc_x histogram\npasc_x_bucket 1\n",
        ] {
            #expect(throws: PrometheusText.Invalid.self, "\(bad)") { try PrometheusText.parse(bad) }
        }
    }
}

/// A strict reader of the Prometheus text exposition format 0.0.4 (prometheus.io/docs/instrumenting/exposition_formats):
/// `# HELP` and `# TYPE` lines, then samples `name{label="value",…} value [timestamp]` of declared families.
enum PrometheusText {
    struct Invalid: Error, CustomStringConvertible {
        let line: String
        let why: String
        var description: String { "\(why): \(line)" }
    }

    struct Sample {
        let name: String
        let labels: [String: String]
        let value: Double
    }

    struct Family {
        var type: String
        var samples: [Sample] = []
    }

    static var metricName: Regex<Substring> { /[a-zA-Z_:][a-zA-Z0-9_:]*/ }
    static var labelName: Regex<Substring> { /[a-zA-Z_][a-zA-Z0-9_]*/ }

    static func parse(_ text: String) throws -> [String: Family] {
        var families: [String: Family] = [:]
        for line in text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init) {
            if line.hasPrefix("# TYPE ") {
                let parts = line.dropFirst(7).split(separator: " ").map(String.init)
                guard parts.count == 2, (try? metricName.wholeMatch(in: parts[0])) != nil,
                    ["counter", "gauge", "histogram", "summary", "untyped"].contains(parts[1])
                else { throw Invalid(line: line, why: "bad TYPE line") }
                guard families[parts[0]] == nil else { throw Invalid(line: line, why: "a second TYPE for one family") }
                families[parts[0]] = Family(type: parts[1])
                continue
            }
            if line.hasPrefix("#") { continue }
            let sample = try Self.sample(line)
            let family = families[sample.name] != nil ? sample.name : Self.histogramFamily(sample.name, families)
            guard let family else { throw Invalid(line: line, why: "a sample of an undeclared family") }
            if families[family]!.type == "histogram" {
                guard sample.name != family else { throw Invalid(line: line, why: "a histogram sample without _bucket, _sum or _count") }
                if sample.name.hasSuffix("_bucket"), sample.labels["le"] == nil { throw Invalid(line: line, why: "a bucket without le") }
            }
            families[family]!.samples.append(sample)
        }
        return families
    }

    static func histogramFamily(_ name: String, _ families: [String: Family]) -> String? {
        for suffix in ["_bucket", "_sum", "_count"] where name.hasSuffix(suffix) {
            let base = String(name.dropLast(suffix.count))
            if families[base]?.type == "histogram" || families[base]?.type == "summary" { return base }
        }
        return nil
    }

    static func sample(_ line: String) throws -> Sample {
        var rest = Substring(line)
        guard let name = try? metricName.prefixMatch(in: rest) else { throw Invalid(line: line, why: "no metric name") }
        rest = rest[name.range.upperBound...]
        var labels: [String: String] = [:]
        if rest.first == "{" {
            rest = rest.dropFirst()
            while rest.first != "}" {
                guard let label = try? labelName.prefixMatch(in: rest) else { throw Invalid(line: line, why: "bad label name") }
                rest = rest[label.range.upperBound...]
                guard rest.hasPrefix("=\"") else { throw Invalid(line: line, why: "label without =\"") }
                rest = rest.dropFirst(2)
                var value = ""
                while true {
                    guard let character = rest.first else { throw Invalid(line: line, why: "unterminated label value") }
                    rest = rest.dropFirst()
                    if character == "\"" { break }
                    if character == "\\" {
                        guard let escaped = rest.first, "\\\"n".contains(escaped) else { throw Invalid(line: line, why: "bad escape") }
                        rest = rest.dropFirst()
                        value.append(escaped == "n" ? "\n" : escaped)
                    } else {
                        value.append(character)
                    }
                }
                labels[String(label.output)] = value
                if rest.first == "," { rest = rest.dropFirst() } else if rest.first != "}" { throw Invalid(line: line, why: "labels not separated") }
            }
            rest = rest.dropFirst()
        }
        let fields = rest.split(separator: " ", omittingEmptySubsequences: true)
        guard rest.first == " ", (1...2).contains(fields.count) else { throw Invalid(line: line, why: "no value") }
        let text = String(fields[0])
        let value: Double? =
            switch text {
            case "+Inf": .infinity
            case "-Inf": -.infinity
            case "NaN": .nan
            default: Double(text)
            }
        guard let value, text.allSatisfy({ "0123456789.eE+-".contains($0) }) || ["+Inf", "-Inf", "NaN"].contains(text) else {
            throw Invalid(line: line, why: "value is not a number")
        }
        if fields.count == 2, Int(fields[1]) == nil { throw Invalid(line: line, why: "timestamp is not an integer") }
        return Sample(name: String(name.output), labels: labels, value: value)
    }
}
