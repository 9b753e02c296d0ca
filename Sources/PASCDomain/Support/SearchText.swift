/// The size a search text may have. A search turns each word into a LIKE term: a thousand
/// words or fifty thousand letters made SQLite answer "expression tree is too large" or "LIKE
/// pattern too complex", a 500 for the caller. Past these caps the caller is told what is allowed.
public struct SearchTextLimits: Sendable, Equatable {
    public var characters: Int
    public var words: Int

    public init(characters: Int = 200, words: Int = 20) {
        self.characters = characters
        self.words = words
    }

    /// Refuses a search text over either cap, naming `field` and both caps.
    public func check(_ text: String?, field: String = "q") throws {
        guard let text else { return }
        let letters = text.count
        let count = TextFolding.searchTerms(text).count
        guard letters > characters || count > words else { return }
        throw ValidationError(
            field: field,
            message: "Nội dung tìm kiếm quá dài (\(letters) ký tự, \(count) từ): tối đa \(characters) ký tự và \(words) từ.",
            messageEn: "The search text is too long (\(letters) characters, \(count) words): at most \(characters) characters and \(words) words."
        )
    }
}
