import Foundation

/// Vietnamese text handling shared by storage and search.
///
/// Input is stored in NFC so that the same word typed on two keyboards compares equal; search
/// compares a folded form (no diacritics, lower case, `đ` → `d`) so "dang ky khai sinh" finds
/// "Đăng ký khai sinh" whatever the user's keyboard can type.
public enum TextFolding {
    /// The canonical stored form: Unicode NFC with surrounding white space trimmed.
    public static func normalize(_ text: String) -> String {
        text.precomposedStringWithCanonicalMapping.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The search key: diacritics removed, `đ`/`Đ` mapped to `d`, lower case, runs of white space collapsed.
    public static func fold(_ text: String) -> String {
        let replaced = text.replacingOccurrences(of: "đ", with: "d").replacingOccurrences(of: "Đ", with: "d")
        let stripped = replaced.folding(options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive], locale: nil)
        return stripped.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// The folded words of a query, for "every word must appear" matching.
    public static func searchTerms(_ query: String) -> [String] {
        fold(query).split(separator: " ").map(String.init)
    }
}
