import Foundation
import Hummingbird
import PASCCore
import PASCDomain

extension StaffPagesController {
    /// The offices the officer works at; with only one, straight to its desk.
    @Sendable func deskChoice(_ request: Request, context: PASCRequestContext) async throws -> Response {
        guard let member = context.member else { return SignInPagesController.signInAgain(request) }
        let offices = try await offices(of: member)
        if offices.count == 1 { return Self.after("/desk/\(offices[0].code)") }
        let lang = language(request)
        let items: [[String: Any]] = offices.map { ["href": "/desk/\($0.code)", "name": lang == .vi ? $0.name : $0.nameEn] }
        return try pages.page("choose", title: "desk_choose_title", values: ["items": items], request: request, member: member)
    }

    /// The counter desk of an office: its counters (open, close, call next), the tickets at the
    /// officer's counter with their steps, the queue's length per group, and the ways into a
    /// reception and a return.
    @Sendable func desk(_ request: Request, context: PASCRequestContext) async throws -> Response {
        guard let member = context.member else { return SignInPagesController.signInAgain(request) }
        let code = try OfficeCode(try context.parameters.require("code"))
        return try await deskPage(code, member: member, request: request, error: nil)
    }

    func deskPage(_ code: OfficeCode, member: StaffMember, request: Request, error: String?) async throws -> Response {
        let lang = language(request)
        guard let office = try await network.network().offices.first(where: { $0.code == code }) else {
            throw StoreError.notFound(kind: "office", code: code.rawValue)
        }
        let states = try await queue.desk.state(office: code)
        let counters = try await queue.store.counters(office: code)
        let serving = states.flatMap(\.serving)
        let groups: [[String: Any]] = states.map { state in
            [
                "code": state.group.code,
                "name": lang == .vi ? state.group.name : state.group.nameEn,
                "waiting": state.waiting,
                "wait": state.expectedWaitSeconds.map { pages.text.text("desk_minutes", lang, String(($0 + 59) / 60)) } as Any,
            ]
        }
        let rows: [[String: Any]] = counters.map { counter in
            let mine = counter.officer == member.username
            let tickets: [[String: Any]] = serving.filter { $0.counter == counter.number }.map { ticket in
                [
                    "id": ticket.id,
                    "label": ticket.label.description,
                    "ticketStatus": pages.text.text("ticket_" + ticket.status.rawValue, lang),
                    "called": ticket.status == .called,
                    "serving": ticket.status == .serving,
                ]
            }
            return [
                "number": counter.number,
                "groups": counter.groups.joined(separator: ", "),
                "open": counter.isOpen,
                "mine": mine,
                "openBy": counter.officer as Any,
                "tickets": mine ? tickets : [],
                "otherGroups": states.map(\.group.code).map { ["group": $0] },
            ]
        }
        let values: [String: Any] = [
            "office": lang == .vi ? office.name : office.nameEn,
            "officeCode": code.rawValue,
            "groups": groups,
            "counters": rows,
            "error": error as Any,
            "done": PublicPagesController.query(request, "done").map { pages.text.text("done_" + $0, lang) } as Any,
        ]
        return try pages.page(
            "desk",
            title: "desk_title",
            values: values,
            request: request,
            member: member,
            status: error == nil ? .ok : .unprocessableContent
        )
    }

    /// Open, close or call next at a counter; the board hears the call as through the API.
    func counterStep(_ verb: String, _ request: Request, _ context: PASCRequestContext) async throws -> Response {
        guard let member = context.member else { return SignInPagesController.signInAgain(request) }
        _ = try await PageForm.read(request, context: context)
        let office = try OfficeCode(try context.parameters.require("code"))
        guard let number = Int(try context.parameters.require("number")) else { throw StoreError.notFound(kind: "counter", code: "") }
        do {
            switch verb {
            case "open":
                _ = try await queue.store.openCounter(office: office, number: number, officer: member.username, at: clock.now())
            case "close":
                _ = try await queue.desk.closeCounter(office: office, number: number, officer: member.roles.contains(.leader) ? nil : member.username)
            default:
                guard let ticket = try await queue.desk.callNext(office: office, counter: number, by: member.username) else {
                    return Self.after("/desk/\(office)", done: "nobody_waiting")
                }
                await queue.announce(office, .call, ticket)
            }
        } catch {
            guard let text = message(of: error, language(request)) else { throw error }
            return try await deskPage(office, member: member, request: request, error: text)
        }
        return Self.after("/desk/\(office)", done: verb == "call-next" ? "called" : verb)
    }

    /// A step of a ticket at the officer's counter: recall, start, complete, no-show, transfer.
    @Sendable func ticketStep(_ request: Request, context: PASCRequestContext) async throws -> Response {
        guard let member = context.member else { return SignInPagesController.signInAgain(request) }
        let form = try await PageForm.read(request, context: context)
        let office = try OfficeCode(try context.parameters.require("code"))
        guard let id = Int(try context.parameters.require("id")) else { throw StoreError.notFound(kind: "ticket", code: "") }
        let lang = language(request)
        guard let step = form.value("step").flatMap(QueueController.StepAction.init(rawValue:)), step != .cancel else {
            return try await deskPage(office, member: member, request: request, error: pages.text.text("desk_pick_step", lang))
        }
        do {
            let ticket = try await queue.desk.step(
                step.action,
                ticket: id,
                office: office,
                by: member.username,
                group: step == .transfer ? form.value("group") : nil
            )
            await queue.announce(office, step == .recall ? .recall : .update, ticket)
        } catch {
            guard let text = message(of: error, lang) else { throw error }
            return try await deskPage(office, member: member, request: request, error: text)
        }
        return Self.after("/desk/\(office)", done: "ticket_" + step.rawValue)
    }

    /// A dossier by its code, for a return or a payment at the counter: its staff page.
    @Sendable func find(_ request: Request, context: PASCRequestContext) async throws -> Response {
        guard let member = context.member else { return SignInPagesController.signInAgain(request) }
        let office = try OfficeCode(try context.parameters.require("code"))
        let typed = PublicPagesController.query(request, "dossier") ?? ""
        guard let code = try? DossierCode(typed), try await dossiers.dossier(code) != nil else {
            return try await deskPage(office, member: member, request: request, error: pages.text.text("desk_no_dossier", language(request), typed))
        }
        return Self.after("/work/dossiers/\(code)")
    }
}
