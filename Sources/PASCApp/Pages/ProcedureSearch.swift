import PASCCore
import PASCDomain

/// The procedure search the public, the desk and the administration pages share: a search text
/// over its caps (``SearchTextLimits``) comes back as the message to show beside the field, never
/// as an error page.
enum ProcedureSearch {
    struct Result {
        let items: [Procedure]
        let nextCursor: Cursor?
        /// Why the text was refused, in the page's language; nil when it was searched.
        let error: String?
    }

    static func run(_ directory: Directory, words: String?, page: PageRequest, language: PageLanguage) async throws -> Result {
        do {
            let found = try await directory.procedures(ProcedureFilter(query: words), page: page)
            return Result(items: found.items, nextCursor: found.nextCursor, error: nil)
        } catch let tooLong as ValidationError where tooLong.field == "q" {
            return Result(items: [], nextCursor: nil, error: language == .vi ? tooLong.message : tooLong.messageEn)
        }
    }
}
