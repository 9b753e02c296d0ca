import Foundation

/// Vietnamese text handling shared by storage and search.
///
/// Input is stored in NFC so that the same word typed on two keyboards compares equal; search
/// compares a folded form (no diacritics, lower case, `đ` → `d`) so "dang ky khai sinh" finds
/// "Đăng ký khai sinh" whatever the user's keyboard can type.
public enum TextFolding {
    /// The canonical stored form: Unicode NFC with surrounding white space trimmed.
    public static func normalize(_ text: String) -> String {
        // Printable ASCII with no space at either end is already NFC and trimmed: codes and
        // stored keys take this path, skipping Foundation's normaliser (hot on every read).
        let utf8 = text.utf8
        if let first = utf8.first, let last = utf8.last, first > 0x20, last > 0x20, utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) {
            return text
        }
        return text.precomposedStringWithCanonicalMapping.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The search key: diacritics removed, `đ`/`Đ` mapped to `d`, lower case, runs of white space collapsed.
    public static func fold(_ text: String) -> String {
        let replaced = text.replacingOccurrences(of: "đ", with: "d").replacingOccurrences(of: "Đ", with: "d")
        let stripped = replaced.folding(options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive], locale: nil)
        return stripped.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// The folded words of a text: letters, digits and dots (procedure codes such as `1.001193`
    /// stay one word); everything else separates words.
    public static func words(_ text: String) -> [String] {
        fold(text).split { !($0.isLetter || $0.isNumber || $0 == ".") }.map(String.init)
    }

    /// The stored search key: the folded words with a space before and after each, so a query can
    /// match whole words (`% ho %`) or the start of one (`% doa%`) with a plain `LIKE`.
    public static func searchKey(_ text: String) -> String {
        " " + words(text).joined(separator: " ") + " "
    }

    /// The folded words of a query. Every word must occur as a whole word except the last, which
    /// may be the start of one (so results follow the user's typing): "ho kinh doanh" finds
    /// "hộ kinh doanh" but not "thu hồi … doanh nghiệp".
    public static func searchTerms(_ query: String) -> [String] {
        words(query)
    }
}
