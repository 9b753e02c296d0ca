import Foundation
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
        #expect(composed.filter { text.vi[$0] == nil }.isEmpty, "missing: \(composed.filter { text.vi[$0] == nil })")
    }
}
