import Foundation

/// Every word the pages show, in Vietnamese and English, from `Resources/pages/messages.json`.
/// The templates read them as `{{t.key}}`; `PageTextTests` checks that both languages have every
/// key and that every key a template uses exists.
struct PageText: Sendable {
    let vi: [String: String]
    let en: [String: String]

    init() throws {
        guard let url = Bundle.module.url(forResource: "pages", withExtension: nil)?.appendingPathComponent("messages.json") else {
            throw FormError("the pages' messages.json is missing from the PASCApp bundle")
        }
        let catalog = try JSONDecoder().decode([String: [String: String]].self, from: Data(contentsOf: url))
        guard let vi = catalog["vi"], let en = catalog["en"] else { throw FormError("messages.json needs a \"vi\" and an \"en\" table") }
        self.vi = vi
        self.en = en
    }

    func table(_ language: PageLanguage) -> [String: String] { language == .vi ? vi : en }

    /// One message, with `{0}`, `{1}` … filled in; the key itself when it is missing (a test catches it).
    func text(_ key: String, _ language: PageLanguage, _ values: String...) -> String {
        var text = table(language)[key] ?? key
        for (index, value) in values.enumerated() { text = text.replacingOccurrences(of: "{\(index)}", with: value) }
        return text
    }
}
