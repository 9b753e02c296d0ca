import Foundation
import PASCCore
import PASCDomain
import Testing

@testable import PASCApp

/// Every word of the pages exists in both languages, and every key a template or the code asks for exists.
@Suite("Page texts")
struct PageTextTests {
    @Test func bothLanguagesHaveEveryKeyAndNoneIsEmpty() throws {
        let text = try PageText()
        #expect(Set(text.vi.keys) == Set(text.en.keys))
        #expect(text.vi.filter { $0.value.isEmpty }.isEmpty && text.en.filter { $0.value.isEmpty }.isEmpty)
        // Placeholders agree: a `{0}` in one language is in the other.
        for (key, vi) in text.vi {
            let en = try #require(text.en[key])
            for index in 0..<4 { #expect(vi.contains("{\(index)}") == en.contains("{\(index)}"), "\(key) {\(index)}") }
        }
    }

    @Test func everyKeyTheTemplatesUseExists() throws {
        let text = try PageText()
        let pages = try #require(PageRenderer.folder)
        let names = try FileManager.default.contentsOfDirectory(atPath: pages.path).filter { $0.hasSuffix(".mustache") }
        #expect(names.count >= 8)
        let pattern = /\{\{t\.([a-z_]+)\}\}/
        var used = Set<String>()
        for name in names {
            let source = try String(contentsOf: pages.appendingPathComponent(name), encoding: .utf8)
            for match in source.matches(of: pattern) { used.insert(String(match.1)) }
        }
        #expect(used.count > 50)
        #expect(used.subtracting(text.vi.keys).isEmpty, "missing: \(used.subtracting(text.vi.keys).sorted())")
    }

    @Test func everyKeyTheCodeComposesExists() throws {
        let text = try PageText()
        var composed = DossierAction.allCases.map { "action_" + $0.rawValue }
        composed += OfficeLevel.allCases.map { "office_" + $0.rawValue }
        composed += Weekday.allCases.map { "day_" + $0.rawValue }
        composed += OnlineLevel.allCases.map { "online_" + $0.rawValue }
        composed += ProcedureLevel.allCases.map { "level_" + $0.rawValue }
        composed += Timeliness.allCases.map { "mark_" + $0.rawValue }
        composed += ["late", "atRisk", "onTrack"].map { "risk_" + $0 }
        composed += [TicketStatus.called, .serving].map { "ticket_" + $0.rawValue }
        composed += ["open", "close", "called", "nobody_waiting"].map { "done_" + $0 }
        composed += ["recall", "start", "complete", "noShow", "transfer"].map { "done_ticket_" + $0 }
        composed += DocumentRole.allCases.map { "scan_role_" + $0.rawValue }
        composed += ["receipt", "tracking-sheet", "apology", "stop-notice"].map { "form_" + $0 }
        composed += PersonalID.Kind.allCases.map { "idkind_" + $0.rawValue }
        composed += ["office", "agency", "procedure", "month"].map { "stats_by_" + $0 }
        composed += AreaType.allCases.map { "area_" + $0.rawValue }
        composed += Role.allCases.map { "role_" + $0.rawValue }
        composed += AnnouncedDay.Kind.allCases.map { "day_" + $0.rawValue }
        composed += ["saved", "counter", "decided", "day", "removed", "disabled"].map { "admin_done_" + $0 }
        composed += DashboardPeriod.Kind.allCases.map { "dash_period_" + $0.rawValue }
        composed += NationalScore.Group.allCases.map { "score_" + $0.rawValue }
        composed += NationalScore.ItemKey.allCases.map { "score_" + $0.rawValue }
        composed += ["waitOverTarget", "demandOverCounters", "waitAndDemand", "spareOfficers", "none", "noData"].map { "load_" + $0 }
        #expect(composed.filter { text.vi[$0] == nil }.isEmpty, "missing: \(composed.filter { text.vi[$0] == nil })")
    }

    /// The keys the page code names literally (messages, titles) exist too.
    @Test func everyKeyThePageCodeNamesExists() throws {
        let text = try PageText()
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/PASCApp")
        var used = Set<String>()
        for folder in ["Pages", "Auth", "Dashboard"] {
            let directory = sources.appendingPathComponent(folder)
            for name in try FileManager.default.contentsOfDirectory(atPath: directory.path) where name.hasSuffix(".swift") {
                let source = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
                for match in source.matches(of: /text\.text\(\s*"([a-z_0-9]+)"/) where !match.1.hasSuffix("_") { used.insert(String(match.1)) }
                for match in source.matches(of: /title: "([a-z_0-9]+)"/) { used.insert(String(match.1)) }
                // The dashboard page's own shorthand, t("key", …).
                for match in source.matches(of: /[^a-zA-Z]t\("([a-z_0-9]+)"/) where !match.1.hasSuffix("_") { used.insert(String(match.1)) }
            }
        }
        #expect(used.count > 60)
        #expect(used.subtracting(text.vi.keys).isEmpty, "missing: \(used.subtracting(text.vi.keys).sorted())")
    }
}
