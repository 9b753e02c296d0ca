import Foundation
import HTTPTypes
import Hummingbird
import PASCCore
import PASCDomain

/// The administrators' pages: offices (names, address, area type, hours, counters and the groups
/// each serves), procedures, the boundary-free list, announced days off and make-up days, and
/// staff accounts. Every change goes through the same use cases as the API, so it is checked the
/// same way and written to the change record (and the public log where public).
struct AdminPagesController: Sendable {
    let pages: PageRenderer
    let staff: StaffPagesController
    let masterData: MasterData
    let network: NetworkCache
    let calendar: CalendarService
    let directory: Directory
    let queue: QueueController
    let accounts: StaffAccounts
    let store: any PlatformStore
    let clock: any Clock

    func register(on routes: RouteTable) {
        let admin = Policy.roles([.administrator])
        routes.get("/admin", policy: admin, use: index)
        routes.get("/admin/offices", policy: admin, use: offices)
        routes.get("/admin/offices/{code}", policy: admin, use: office)
        routes.post("/admin/offices/{code}", policy: admin, idempotent: false, use: saveOffice)
        routes.post("/admin/offices/{code}/counters", policy: admin, idempotent: false, use: saveCounter)
        routes.get("/admin/procedures", policy: admin, use: procedures)
        routes.get("/admin/procedures/{code}", policy: admin, use: procedure)
        routes.post("/admin/procedures/{code}", policy: admin, idempotent: false, use: saveProcedure)
        routes.get("/admin/boundary-free", policy: admin, use: boundaryFree)
        routes.post("/admin/boundary-free", policy: admin, idempotent: false, use: decide)
        routes.get("/admin/calendar", policy: admin, use: announcedDays)
        routes.post("/admin/calendar", policy: admin, idempotent: false, use: putDay)
        routes.post("/admin/calendar/{date}/remove", policy: admin, idempotent: false, use: removeDay)
        routes.get("/admin/users", policy: admin, use: users)
        routes.post("/admin/users", policy: admin, idempotent: false, use: addUser)
        routes.post("/admin/users/{username}/disable", policy: admin, idempotent: false, use: disableUser)
    }

    func render(
        _ template: String,
        title: String,
        _ values: [String: Any],
        request: Request,
        context: PASCRequestContext,
        error: String? = nil,
        status: HTTPResponse.Status? = nil
    ) throws -> Response {
        var values = values
        values["error"] = error as Any
        values["done"] = PublicPagesController.query(request, "done").map { pages.text.text("admin_done_" + $0, PageLanguage(request)) } as Any
        return try pages.page(
            template,
            title: title,
            values: values,
            request: request,
            member: context.member,
            status: status ?? (error == nil ? .ok : .unprocessableContent)
        )
    }

    /// The words of a refusal in the page's language (the use cases' own messages).
    func refusal(_ error: any Error, _ request: Request) -> String? { staff.message(of: error, PageLanguage(request)) }

    @Sendable func index(_ request: Request, context: PASCRequestContext) async throws -> Response {
        try render("admin", title: "admin_title", [:], request: request, context: context)
    }

    // MARK: Offices

    @Sendable func offices(_ request: Request, context: PASCRequestContext) async throws -> Response {
        let lang = PageLanguage(request)
        let words = PublicPagesController.query(request, "q").map(TextFolding.searchKey)
        let all = try await network.network().offices.sorted { $0.code.rawValue < $1.code.rawValue }
        let shown = all.filter { office in words.map { TextFolding.searchKey(office.name).contains($0) || office.code.rawValue.contains($0) } ?? true
        }
        let items: [[String: Any]] = shown.map {
            [
                "code": $0.code.rawValue, "name": lang == .vi ? $0.name : $0.nameEn,
                "level": pages.text.text("office_" + $0.level.rawValue, lang), "counters": $0.counters,
            ]
        }
        return try render(
            "admin-offices",
            title: "admin_offices",
            ["items": items, "q": PublicPagesController.query(request, "q") as Any],
            request: request,
            context: context
        )
    }

    @Sendable func office(_ request: Request, context: PASCRequestContext) async throws -> Response {
        try await officePage(try context.parameters.require("code"), form: nil, request: request, context: context, error: nil)
    }

    func officePage(_ raw: String, form: PageForm?, request: Request, context: PASCRequestContext, error: String?) async throws -> Response {
        guard let code = try? OfficeCode(raw), let office = try await store.office(code) else {
            let what = pages.text.text("what_office", PageLanguage(request))
            return try pages.page(
                "not-found",
                title: "not_found_title",
                values: ["what": what],
                request: request,
                member: context.member,
                status: .notFound
            )
        }
        let lang = PageLanguage(request)
        let groups = try await queue.store.serviceGroups(office: code)
        let counters = try await queue.store.counters(office: code)
        let values: [String: Any] = [
            "code": code.rawValue,
            "name": form?.value("name") ?? office.name,
            "nameEn": form?.value("nameEn") ?? office.nameEn,
            "address": form?.value("address") ?? office.address,
            "counters": form?.value("counters") ?? String(office.counters),
            "hours": form?.value("hours") ?? office.openingHours.specification,
            "areaTypes": AreaType.allCases.map {
                [
                    "value": $0.rawValue, "label": pages.text.text("area_" + $0.rawValue, lang),
                    "selected": (form?.value("areaType") ?? office.areaType.rawValue) == $0.rawValue,
                ]
            },
            "groups": groups.map { ["code": $0.code, "name": lang == .vi ? $0.name : $0.nameEn] },
            "queueCounters": counters.map { ["number": $0.number, "groups": $0.groups.joined(separator: " ")] },
        ]
        return try render("admin-office", title: "admin_office", values, request: request, context: context, error: error)
    }

    @Sendable func saveOffice(_ request: Request, context: PASCRequestContext) async throws -> Response {
        guard let member = context.member else { return SignInPagesController.signInAgain(request) }
        let form = try await PageForm.read(request, context: context)
        let raw = try context.parameters.require("code")
        let lang = PageLanguage(request)
        do {
            let code = try OfficeCode(raw)
            var changes = OfficeChanges(name: form.value("name"), nameEn: form.value("nameEn"), address: form.value("address"))
            changes.areaType = form.value("areaType").flatMap(AreaType.init(rawValue:))
            if let counters = form.value("counters") {
                guard let number = Int(counters) else {
                    return try await officePage(
                        raw,
                        form: form,
                        request: request,
                        context: context,
                        error: pages.text.text("admin_counters_number", lang)
                    )
                }
                changes.counters = number
            }
            if let hours = form.value("hours") { changes.openingHours = try OpeningHours(parsing: hours) }
            _ = try await masterData.updateOffice(code, changes, actor: member.username)
            await network.invalidate()
        } catch {
            guard let text = refusal(error, request) else { throw error }
            return try await officePage(raw, form: form, request: request, context: context, error: text)
        }
        return StaffPagesController.after("/admin/offices/\(raw)", done: "saved")
    }

    /// A counter of the office's queue and the groups it serves (letters separated by spaces).
    @Sendable func saveCounter(_ request: Request, context: PASCRequestContext) async throws -> Response {
        guard let member = context.member else { return SignInPagesController.signInAgain(request) }
        let form = try await PageForm.read(request, context: context)
        let raw = try context.parameters.require("code")
        let lang = PageLanguage(request)
        do {
            let code = try OfficeCode(raw)
            guard let number = form.value("number").flatMap({ Int($0) }) else {
                return try await officePage(raw, form: nil, request: request, context: context, error: pages.text.text("admin_counter_number", lang))
            }
            let groups = (form.value("groups") ?? "").uppercased().split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init)
            let known = Set(try await queue.store.serviceGroups(office: code).map(\.code))
            if let unknown = groups.first(where: { !known.contains($0) }) {
                return try await officePage(
                    raw,
                    form: nil,
                    request: request,
                    context: context,
                    error: pages.text.text("admin_unknown_group", lang, unknown)
                )
            }
            let open = try await queue.store.counters(office: code).first { $0.number == number }?.officer
            try await queue.store.saveCounter(try Counter(office: code, number: number, groups: groups, officer: open), actor: member.username)
        } catch {
            guard let text = refusal(error, request) else { throw error }
            return try await officePage(raw, form: nil, request: request, context: context, error: text)
        }
        return StaffPagesController.after("/admin/offices/\(raw)", done: "counter")
    }

    // MARK: Procedures

    @Sendable func procedures(_ request: Request, context: PASCRequestContext) async throws -> Response {
        let lang = PageLanguage(request)
        let words = PublicPagesController.query(request, "q")
        let found = try await ProcedureSearch.run(directory, words: words, page: PageRequest(limit: 100, cursor: nil), language: lang)
        let items: [[String: Any]] = found.items.map {
            ["code": $0.code.rawValue, "name": lang == .vi ? $0.name : $0.nameEn, "boundaryFree": $0.isBoundaryFree]
        }
        return try render(
            "admin-procedures",
            title: "admin_procedures",
            ["items": items, "q": found.error == nil ? words as Any : "", "searchError": found.error as Any],
            request: request,
            context: context,
            status: found.error == nil ? .ok : .badRequest
        )
    }

    @Sendable func procedure(_ request: Request, context: PASCRequestContext) async throws -> Response {
        try await procedurePage(try context.parameters.require("code"), form: nil, request: request, context: context, error: nil)
    }

    func procedurePage(_ raw: String, form: PageForm?, request: Request, context: PASCRequestContext, error: String?) async throws -> Response {
        guard let code = try? ProcedureCode(raw), let procedure = try await store.procedure(code) else {
            let what = pages.text.text("what_procedure", PageLanguage(request))
            return try pages.page(
                "not-found",
                title: "not_found_title",
                values: ["what": what],
                request: request,
                member: context.member,
                status: .notFound
            )
        }
        let lang = PageLanguage(request)
        let online = form?.value("onlineLevel") ?? procedure.onlineLevel?.rawValue ?? ""
        let values: [String: Any] = [
            "code": code.rawValue,
            "name": form?.value("name") ?? procedure.name,
            "nameEn": form?.value("nameEn") ?? procedure.nameEn,
            "fee": form?.value("fee") ?? procedure.feeVND.map(String.init) ?? "",
            "papers": form?.value("papers") ?? procedure.requiredPapers.joined(separator: "\n"),
            "notes": form?.value("notes") ?? procedure.notes,
            "boundaryFree": procedure.isBoundaryFree,
            "onlineLevels": ([""] + OnlineLevel.allCases.map(\.rawValue)).map {
                ["value": $0, "label": pages.text.text("online_" + ($0.isEmpty ? "none" : $0), lang), "selected": $0 == online]
            },
        ]
        return try render("admin-procedure", title: "admin_procedure", values, request: request, context: context, error: error)
    }

    @Sendable func saveProcedure(_ request: Request, context: PASCRequestContext) async throws -> Response {
        guard let member = context.member else { return SignInPagesController.signInAgain(request) }
        let form = try await PageForm.read(request, context: context)
        let raw = try context.parameters.require("code")
        let lang = PageLanguage(request)
        do {
            let code = try ProcedureCode(raw)
            var changes = ProcedureChanges(name: form.value("name"), nameEn: form.value("nameEn"), notes: form.fields["notes"]?.first)
            if let fee = form.value("fee") {
                guard let amount = Int(fee.filter(\.isNumber)), !fee.contains("-") else {
                    return try await procedurePage(
                        raw,
                        form: form,
                        request: request,
                        context: context,
                        error: pages.text.text("admin_fee_number", lang)
                    )
                }
                changes.feeVND = .some(amount)
            } else {
                changes.feeVND = .some(nil)
            }
            changes.onlineLevel = .some(form.value("onlineLevel").flatMap(OnlineLevel.init(rawValue:)))
            if let papers = form.fields["papers"]?.first {
                changes.requiredPapers = papers.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter {
                    !$0.isEmpty
                }
            }
            _ = try await masterData.updateProcedure(code, changes, actor: member.username)
            await network.invalidate()
        } catch {
            guard let text = refusal(error, request) else { throw error }
            return try await procedurePage(raw, form: form, request: request, context: context, error: text)
        }
        return StaffPagesController.after("/admin/procedures/\(raw)", done: "saved")
    }

    // MARK: Boundary-free list

    @Sendable func boundaryFree(_ request: Request, context: PASCRequestContext) async throws -> Response {
        try await boundaryFreePage(form: nil, request: request, context: context, error: nil)
    }

    func boundaryFreePage(form: PageForm?, request: Request, context: PASCRequestContext, error: String?) async throws -> Response {
        let decisions = try await store.boundaryFreeDecisions(page: PageRequest(limit: 100, cursor: nil)).items
        let items: [[String: Any]] = decisions.map {
            [
                "number": $0.decision.number,
                "signedOn": PageFormat.date($0.decision.signedOn),
                "effectiveOn": PageFormat.date($0.decision.effectiveOn),
                "additions": $0.decision.additions.map(\.rawValue).joined(separator: ", "),
                "removals": $0.decision.removals.map(\.rawValue).joined(separator: ", "),
            ]
        }
        var values: [String: Any] = ["items": items]
        for name in ["number", "signedOn", "effectiveOn", "phase", "additions", "removals", "note"] { values["v_" + name] = form?.value(name) as Any }
        return try render("admin-boundary-free", title: "admin_boundary_free", values, request: request, context: context, error: error)
    }

    @Sendable func decide(_ request: Request, context: PASCRequestContext) async throws -> Response {
        guard let member = context.member else { return SignInPagesController.signInAgain(request) }
        let form = try await PageForm.read(request, context: context)
        do {
            func codes(_ name: String) throws -> [ProcedureCode] {
                try (form.value(name) ?? "").split(whereSeparator: { $0 == " " || $0 == "," || $0.isNewline }).map { try ProcedureCode(String($0)) }
            }
            func date(_ name: String) throws -> LocalDate {
                try LocalDate(iso: form.value(name) ?? "")
            }
            let decision = try BoundaryFreeDecision(
                number: form.value("number") ?? "",
                signedOn: try date("signedOn"),
                effectiveOn: try date("effectiveOn"),
                phase: form.value("phase").flatMap { Int($0) },
                additions: try codes("additions"),
                removals: try codes("removals"),
                demoReference: false,
                note: form.value("note") ?? ""
            )
            _ = try await masterData.decideBoundaryFree(decision, actor: member.username)
            await network.invalidate()
        } catch {
            guard let text = refusal(error, request) else { throw error }
            return try await boundaryFreePage(form: form, request: request, context: context, error: text)
        }
        return StaffPagesController.after("/admin/boundary-free", done: "decided")
    }

    // MARK: Announced days

    @Sendable func announcedDays(_ request: Request, context: PASCRequestContext) async throws -> Response {
        try await calendarPage(form: nil, request: request, context: context, error: nil)
    }

    func calendarPage(form: PageForm?, request: Request, context: PASCRequestContext, error: String?) async throws -> Response {
        let lang = PageLanguage(request)
        let thisYear = VietnamTime.localDate(clock.now()).year
        let year = PublicPagesController.query(request, "year").flatMap { Int($0) }.flatMap { (2000...2100).contains($0) ? $0 : nil } ?? thisYear
        let days = try await store.announcedDays(year: year)
        let items: [[String: Any]] = days.map {
            [
                "date": PageFormat.date($0.date), "iso": $0.date.description, "kind": pages.text.text("day_" + $0.kind.rawValue, lang),
                "name": lang == .vi ? $0.name : $0.nameEn, "reference": $0.reference,
            ]
        }
        var values: [String: Any] = [
            "items": items, "year": year, "previous": year - 1, "next": year + 1,
            "kinds": AnnouncedDay.Kind.allCases.map { ["value": $0.rawValue, "label": pages.text.text("day_" + $0.rawValue, lang)] },
        ]
        for name in ["date", "name", "nameEn", "reference"] { values["v_" + name] = form?.value(name) as Any }
        return try render("admin-calendar", title: "admin_calendar", values, request: request, context: context, error: error)
    }

    @Sendable func putDay(_ request: Request, context: PASCRequestContext) async throws -> Response {
        guard let member = context.member else { return SignInPagesController.signInAgain(request) }
        let form = try await PageForm.read(request, context: context)
        let date: LocalDate
        do {
            date = try LocalDate(iso: form.value("date") ?? "")
            let day = try AnnouncedDay(
                date: date,
                kind: form.value("kind").flatMap(AnnouncedDay.Kind.init(rawValue:)) ?? .dayOff,
                name: form.value("name") ?? "",
                nameEn: form.value("nameEn") ?? form.value("name") ?? "",
                reference: form.value("reference") ?? ""
            )
            try await masterData.putAnnouncedDay(day, actor: member.username)
            await calendar.invalidate()
        } catch {
            guard let text = refusal(error, request) else { throw error }
            return try await calendarPage(form: form, request: request, context: context, error: text)
        }
        return StaffPagesController.after("/admin/calendar?year=\(date.year)", done: "day")
    }

    @Sendable func removeDay(_ request: Request, context: PASCRequestContext) async throws -> Response {
        guard let member = context.member else { return SignInPagesController.signInAgain(request) }
        _ = try await PageForm.read(request, context: context)
        let raw = try context.parameters.require("date")
        do {
            let date = try LocalDate(iso: raw)
            try await masterData.removeAnnouncedDay(date, actor: member.username)
            await calendar.invalidate()
            return StaffPagesController.after("/admin/calendar?year=\(date.year)", done: "removed")
        } catch {
            guard let text = refusal(error, request) else { throw error }
            return try await calendarPage(form: nil, request: request, context: context, error: text)
        }
    }

    // MARK: Staff accounts

    @Sendable func users(_ request: Request, context: PASCRequestContext) async throws -> Response {
        try await usersPage(form: nil, request: request, context: context, error: nil, created: nil)
    }

    func usersPage(form: PageForm?, request: Request, context: PASCRequestContext, error: String?, created: [String: Any]?) async throws -> Response {
        let lang = PageLanguage(request)
        let members = try await store.allStaff()
        let items: [[String: Any]] = members.sorted { $0.username < $1.username }.map { member in
            [
                "username": member.username, "fullName": member.fullName,
                "roles": member.roles.sorted().map { pages.text.text("role_" + $0.rawValue, lang) }.joined(separator: ", "),
                "scope": (member.scope.offices.map(\.rawValue).sorted() + member.scope.agencies.sorted()).joined(separator: ", "),
                "active": !member.disabled,
            ]
        }
        let chosen = Set(form?.values("role") ?? [])
        var values: [String: Any] = [
            "items": items,
            "roles": Role.allCases.map {
                ["value": $0.rawValue, "label": pages.text.text("role_" + $0.rawValue, lang), "checked": chosen.contains($0.rawValue)]
            },
            "created": created as Any,
        ]
        for name in ["username", "fullName", "offices", "agencies", "homeOffice"] { values["v_" + name] = form?.value(name) as Any }
        return try render(
            "admin-users",
            title: "admin_users",
            values,
            request: request,
            context: context,
            error: error,
            status: created != nil ? .created : nil
        )
    }

    @Sendable func addUser(_ request: Request, context: PASCRequestContext) async throws -> Response {
        guard let actor = context.member else { return SignInPagesController.signInAgain(request) }
        let form = try await PageForm.read(request, context: context)
        let lang = PageLanguage(request)
        do {
            func list(_ name: String) -> [String] {
                (form.value(name) ?? "").split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init)
            }
            let roles = form.values("role").compactMap(Role.init(rawValue:))
            let member = try StaffMember(
                username: form.value("username") ?? "",
                fullName: form.value("fullName") ?? "",
                roles: Set(roles),
                scope: StaffScope(offices: Set(try list("offices").map { try OfficeCode($0) }), agencies: Set(list("agencies"))),
                homeOffice: try form.value("homeOffice").map { try OfficeCode($0) }
            )
            // The password is generated and shown once; the account's owner changes it.
            let password = SystemRandomSource().token(byteCount: 12)
            try await accounts.add(member, password: password, actor: actor.username)
            return try await usersPage(
                form: nil,
                request: request,
                context: context,
                error: nil,
                created: ["username": member.username, "password": password, "note": pages.text.text("admin_password_once", lang)]
            )
        } catch {
            guard let text = refusal(error, request) else { throw error }
            return try await usersPage(form: form, request: request, context: context, error: text, created: nil)
        }
    }

    @Sendable func disableUser(_ request: Request, context: PASCRequestContext) async throws -> Response {
        guard let actor = context.member else { return SignInPagesController.signInAgain(request) }
        _ = try await PageForm.read(request, context: context)
        let username = try context.parameters.require("username").lowercased()
        let lang = PageLanguage(request)
        do {
            try await accounts.disable(username, actor: actor.username)
        } catch StaffAccounts.DisableRefusal.ownAccount {
            return try await usersPage(form: nil, request: request, context: context, error: pages.text.text("admin_own_account", lang), created: nil)
        } catch StaffAccounts.DisableRefusal.lastAdministrator {
            return try await usersPage(form: nil, request: request, context: context, error: pages.text.text("admin_last_admin", lang), created: nil)
        } catch {
            guard let text = refusal(error, request) else { throw error }
            return try await usersPage(form: nil, request: request, context: context, error: text, created: nil)
        }
        return StaffPagesController.after("/admin/users", done: "disabled")
    }
}
