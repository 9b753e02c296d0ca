import Foundation
import Hummingbird
import PASCCore
import PASCDomain
import PASCTransparency

extension PublicPagesController {
    /// The public log for people: the latest signed checkpoint, the key to check it with, and
    /// how anyone verifies that the published record was not rewritten.
    @Sendable func logPage(_ request: Request, context: PASCRequestContext) async throws -> Response {
        let language = PageLanguage(request)
        var values: [String: Any] = ["key": verifierKey as Any]
        if let checkpoint = try await log.store.latestCheckpoint() {
            values["checkpoint"] = [
                "size": String(checkpoint.size),
                "root": Data(checkpoint.root.bytes).base64EncodedString(),
                "signedAt": VietnamTime.parseInstant(checkpoint.signedAt).map(PageFormat.dateTime) ?? checkpoint.signedAt,
                "note": checkpoint.note,
            ]
        } else {
            values["none"] = pages.text.text("log_no_checkpoint", language)
        }
        return try pages.page("log", title: "log_title", values: values, request: request)
    }
}
