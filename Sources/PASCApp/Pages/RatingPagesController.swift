import Foundation
import HTTPTypes
import Hummingbird
import PASCCore
import PASCDomain

/// The applicant rates a returned dossier from a page: the access secret from the receipt, one
/// of the three national levels, points for the criteria they care to score, a comment. Once only,
/// as through the API.
struct RatingPagesController: Sendable {
    let pages: PageRenderer
    let ratings: Ratings
    let access: ApplicantAccess

    func register(on routes: RouteTable) {
        routes.get("/dossiers/{code}/rate", policy: .everyone, use: form)
        routes.post("/dossiers/{code}/rate", policy: .everyone, idempotent: false, use: rate)
    }

    func page(_ request: Request, code: String, form: PageForm?, error: String?, status: HTTPResponse.Status) throws -> Response {
        let lang = PageLanguage(request)
        let level = form?.value("level")
        let values: [String: Any] = [
            "code": code,
            "error": error as Any,
            "comment": form?.value("comment") as Any,
            "levels": Rating.Level.allCases.map {
                ["value": $0.rawValue, "label": lang == .vi ? $0.name : $0.nameEn, "checked": level == $0.rawValue]
            },
            "criteria": Rating.Criterion.allCases.map { criterion in
                let chosen = form?.value("criterion-" + criterion.rawValue)
                return [
                    "key": criterion.rawValue,
                    "label": lang == .vi ? criterion.name : criterion.nameEn,
                    "points": (0...Rating.maximumPoints).map { ["value": $0, "selected": chosen == String($0)] },
                ] as [String: Any]
            },
        ]
        return try pages.page("rate", title: "rate_title", values: values, request: request, status: status)
    }

    @Sendable func form(_ request: Request, context: PASCRequestContext) async throws -> Response {
        let raw = try context.parameters.require("code")
        guard let code = try? DossierCode(raw), try await ratings.dossiers.dossier(code) != nil else { return try notFound(request) }
        return try page(request, code: code.description, form: nil, error: nil, status: .ok)
    }

    func notFound(_ request: Request) throws -> Response {
        let what = pages.text.text("what_dossier", PageLanguage(request))
        return try pages.page("not-found", title: "not_found_title", values: ["what": what], request: request, status: .notFound)
    }

    @Sendable func rate(_ request: Request, context: PASCRequestContext) async throws -> Response {
        let form = try await PageForm.read(request, context: PASCRequestContext.anonymous(context))
        let lang = PageLanguage(request)
        let text = pages.text
        let raw = try context.parameters.require("code")
        guard let code = try? DossierCode(raw), let dossier = try await ratings.dossiers.dossier(code) else { return try notFound(request) }
        func again(_ key: String, _ status: HTTPResponse.Status, _ values: String...) throws -> Response {
            try page(request, code: code.description, form: form, error: text.text(key, lang, values.first ?? ""), status: status)
        }
        switch try await access.check(
            code: code.description,
            typed: form.value("secret") ?? "",
            storedDigest: dossier.secretDigest,
            address: context.clientAddress
        ) {
        case .granted: break
        case .denied: return try again("rate_wrong_secret", .unauthorized)
        case .tooManyGuesses(let seconds): return try again("rate_too_many", .tooManyRequests, String(max(1, (seconds + 59) / 60)))
        }
        guard let level = form.value("level").flatMap(Rating.Level.init(rawValue:)) else {
            return try again("rate_pick_level", .unprocessableContent)
        }
        var points: [Rating.Criterion: Int] = [:]
        for criterion in Rating.Criterion.allCases {
            if let value = form.value("criterion-" + criterion.rawValue).flatMap({ Int($0) }) { points[criterion] = value }
        }
        do {
            try await ratings.rate(dossier, try Rating(level: level, points: points, comment: form.value("comment")))
        } catch let errors as ValidationErrors {
            let message = errors.errors.map { lang == .vi ? $0.message : $0.messageEn }.joined(separator: " ")
            return try page(request, code: code.description, form: form, error: message, status: .unprocessableContent)
        } catch Ratings.Refusal.notReturned(let status) {
            return try again("rate_not_returned", .conflict, lang == .vi ? status.name : status.nameEn)
        } catch Ratings.Refusal.alreadyRated {
            return try again("rate_already", .conflict)
        }
        return try pages.page("rated", title: "rate_thanks", values: ["code": code.description], request: request, status: .created)
    }
}
