import Foundation
import Hummingbird
import PASCCore
import PASCDomain

/// The queue over HTTP: service groups and counters, tickets from the kiosk, online or an officer,
/// calling the next ticket at a counter, the steps of a service, and the live state of an office's
/// queue for anyone (no personal data: tickets are numbers, counters are numbers).
struct QueueController: Sendable {
    let desk: QueueDesk
    let store: any QueueStore & Store
    /// Display boards hear calls and changes here.
    let feed: any QueueFeed

    func announce(_ office: OfficeCode, _ kind: QueueBoardEvent.Kind, _ ticket: StoredTicket?) async {
        await feed.publish(
            QueueBoardEvent(
                office: office,
                kind: kind,
                ticket: ticket?.label.description,
                counter: ticket?.counter,
                group: ticket?.group,
                at: desk.clock.now()
            )
        )
    }

    func register(on routes: RouteTable) {
        routes.get("/api/v1/offices/{code}/service-groups", policy: .everyone, use: groups)
        routes.put(
            "/api/v1/offices/{code}/service-groups/{group}",
            policy: .roles([.administrator]),
            use: saveGroup
        )
        routes.get("/api/v1/offices/{code}/counters", policy: .everyone, use: counters)
        routes.put("/api/v1/offices/{code}/counters/{number}", policy: .roles([.administrator]), use: saveCounter)
        routes.post(
            "/api/v1/offices/{code}/counters/{number}/open",
            policy: .atOffice([.receptionOfficer, .leader]),
            target: .officeParameter("code"),
            idempotent: false,
            use: open
        )
        routes.post(
            "/api/v1/offices/{code}/counters/{number}/close",
            policy: .atOffice([.receptionOfficer, .leader]),
            target: .officeParameter("code"),
            idempotent: false,
            use: close
        )
        routes.post("/api/v1/offices/{code}/tickets", policy: .everyone, use: issue)
        routes.post(
            "/api/v1/offices/{code}/counters/{number}/call-next",
            policy: .atOffice([.receptionOfficer, .leader]),
            target: .officeParameter("code"),
            idempotent: false,
            use: callNext
        )
        routes.post(
            "/api/v1/offices/{code}/tickets/{id}/actions",
            policy: .atOffice([.receptionOfficer, .leader]),
            target: .officeParameter("code"),
            idempotent: false,
            use: act
        )
        routes.get("/api/v1/offices/{code}/queue", policy: .everyone, use: state)
        routes.get("/api/v1/offices/{code}/queue-counts", policy: .everyone, use: counts)
        registerBookings(on: routes)
    }

    // MARK: Views

    struct GroupView: Encodable {
        let code: String
        let name: String
        let nameEn: String
        let procedures: [String]

        init(_ group: ServiceGroup) {
            code = group.code
            name = group.name
            nameEn = group.nameEn
            procedures = group.procedures.map(\.rawValue)
        }
    }

    /// A counter as the hall sees it: whether it is open, never who sits at it.
    struct CounterView: Encodable {
        let number: Int
        let groups: [String]
        let open: Bool

        init(_ counter: Counter) {
            number = counter.number
            groups = counter.groups
            open = counter.isOpen
        }
    }

    struct TicketView: Encodable {
        let id: Int
        let number: String
        let group: String
        @ExplicitNull var priority: String?
        let channel: String
        let status: String
        let issuedAt: String
        @ExplicitNull var counter: Int?
        let dossiers: [String]

        init(_ ticket: StoredTicket) {
            id = ticket.id
            number = ticket.label.description
            group = ticket.group
            priority = ticket.priority?.rawValue
            channel = ticket.channel.rawValue
            status = ticket.status.rawValue
            issuedAt = VietnamTime.format(ticket.issuedAt)
            counter = ticket.counter
            dossiers = ticket.dossiers
        }
    }

    static func office(_ context: PASCRequestContext) throws -> OfficeCode {
        let raw = try context.parameters.require("code")
        do {
            return try OfficeCode(raw)
        } catch {
            throw Problem.notFound(kind: "office", kindVi: "đơn vị", code: raw, field: "code")
        }
    }

    static func number(_ context: PASCRequestContext, _ name: String) throws -> Int {
        let raw = try context.parameters.require(name)
        guard let value = Int(raw), value > 0 else {
            throw Problem.notFound(kind: name == "id" ? "ticket" : "counter", kindVi: name == "id" ? "phiếu" : "quầy", code: raw, field: name)
        }
        return value
    }

    func requireOffice(_ code: OfficeCode) async throws {
        guard try await store.office(code) != nil else { throw StoreError.notFound(kind: "office", code: code.rawValue) }
    }

    // MARK: Groups and counters

    @Sendable func groups(_ request: Request, context: PASCRequestContext) async throws -> Response {
        let office = try Self.office(context)
        try await requireOffice(office)
        return try JSONBody.response(["items": try await store.serviceGroups(office: office).map(GroupView.init)])
    }

    struct GroupBody: StrictJSONBody {
        enum CodingKeys: String, CodingKey, CaseIterable { case name, nameEn, procedures }
        typealias Member = CodingKeys
        let name: String
        let nameEn: String?
        let procedures: [String]
    }

    @Sendable func saveGroup(_ request: Request, context: PASCRequestContext) async throws -> Response {
        guard let member = context.member else { throw Problem.unauthenticated() }
        let office = try Self.office(context)
        let body = try await JSONInput.decodeStrict(GroupBody.self, from: request, context: context)
        try await requireOffice(office)
        var errors = FieldErrors()
        var codes: [ProcedureCode] = []
        for (index, raw) in body.procedures.enumerated() {
            if let code = errors.read("/procedures/\(index)", { () throws(ValidationError) in try ProcedureCode(raw) }) {
                if try await store.procedure(code) == nil {
                    errors.add(
                        ValidationError(field: "/procedures/\(index)", message: "Không có thủ tục \(raw).", messageEn: "No procedure \(raw).")
                    )
                } else {
                    codes.append(code)
                }
            }
        }
        let groupCode = try context.parameters.require("group")
        let group = errors.readAll(under: "") { () throws(ValidationErrors) in
            try ServiceGroup(office: office, code: groupCode, name: body.name, nameEn: body.nameEn ?? "", procedures: codes)
        }
        try errors.check()
        try await store.saveServiceGroup(group!, actor: member.username)
        return try JSONBody.response(GroupView(group!))
    }

    @Sendable func counters(_ request: Request, context: PASCRequestContext) async throws -> Response {
        let office = try Self.office(context)
        try await requireOffice(office)
        return try JSONBody.response(["items": try await store.counters(office: office).map(CounterView.init)])
    }

    struct CounterBody: StrictJSONBody {
        enum CodingKeys: String, CodingKey, CaseIterable { case groups }
        typealias Member = CodingKeys
        let groups: [String]
    }

    @Sendable func saveCounter(_ request: Request, context: PASCRequestContext) async throws -> Response {
        guard let member = context.member else { throw Problem.unauthenticated() }
        let office = try Self.office(context)
        let number = try Self.number(context, "number")
        let body = try await JSONInput.decodeStrict(CounterBody.self, from: request, context: context)
        try await requireOffice(office)
        let known = Set(try await store.serviceGroups(office: office).map(\.code))
        var errors = FieldErrors()
        for (index, group) in body.groups.enumerated() where !known.contains(group.uppercased()) {
            errors.add(
                ValidationError(
                    field: "/groups/\(index)",
                    message: "Đơn vị không có nhóm dịch vụ \(group); có: \(known.sorted().joined(separator: ", ")).",
                    messageEn: "The office has no service group \(group); it has: \(known.sorted().joined(separator: ", "))."
                )
            )
        }
        let counter = errors.readAll(under: "") { () throws(ValidationErrors) in
            try Counter(office: office, number: number, groups: body.groups, officer: nil)
        }
        try errors.check()
        try await store.saveCounter(counter!, actor: member.username)
        let saved = try await store.counters(office: office).first { $0.number == number }
        return try JSONBody.response(CounterView(saved ?? counter!))
    }

    @Sendable func open(_ request: Request, context: PASCRequestContext) async throws -> Response {
        guard let member = context.member else { throw Problem.unauthenticated() }
        let counter = try await store.openCounter(
            office: try Self.office(context),
            number: try Self.number(context, "number"),
            officer: member.username,
            at: desk.clock.now()
        )
        return try JSONBody.response(CounterView(counter))
    }

    @Sendable func close(_ request: Request, context: PASCRequestContext) async throws -> Response {
        guard let member = context.member else { throw Problem.unauthenticated() }
        // A leader closes a counter whoever left it open; an officer only their own.
        let counter = try await desk.closeCounter(
            office: try Self.office(context),
            number: try Self.number(context, "number"),
            officer: member.roles.contains(.leader) ? nil : member.username
        )
        return try JSONBody.response(CounterView(counter))
    }

    // MARK: Tickets

    struct IssueBody: StrictJSONBody {
        enum CodingKeys: String, CodingKey, CaseIterable { case group, priority, channel, contact }
        typealias Member = CodingKeys
        let group: String
        let priority: String?
        let channel: String?
        /// An online ticket's ID number or phone, for the per-person limit (kept only as a digest).
        let contact: String?
    }

    struct IssuedView: Encodable {
        let ticket: TicketView
        let ahead: Int
        @ExplicitNull var expectedWaitMinutes: Int?
        let message: String
        let messageEn: String
    }

    func issuedView(_ issued: QueueDesk.Issued) -> IssuedView {
        let minutes = issued.expectedWaitSeconds.map { Int((Double($0) / 60).rounded(.up)) }
        let label = issued.ticket.label.description
        return IssuedView(
            ticket: TicketView(issued.ticket),
            ahead: issued.ahead,
            expectedWaitMinutes: minutes,
            message: "Số thứ tự \(label); trước quý vị còn \(issued.ahead) người"
                + (minutes.map { "; dự kiến chờ khoảng \($0) phút." } ?? "; chưa có quầy mở cho nhóm này."),
            messageEn: "Ticket \(label); \(issued.ahead) ahead of you"
                + (minutes.map { "; expected wait about \($0) minutes." } ?? "; no counter is open for this group yet.")
        )
    }

    /// The kiosk and the online form issue without signing in; an officer issues with channel `officer`.
    @Sendable func issue(_ request: Request, context: PASCRequestContext) async throws -> Response {
        let office = try Self.office(context)
        let body = try await JSONInput.decodeStrict(IssueBody.self, from: request, context: context)
        var errors = FieldErrors()
        let priority = body.priority.flatMap { errors.enumValue("/priority", $0, PriorityCategory.self) }
        let channel = errors.enumValue("/channel", body.channel ?? "kiosk", TicketChannel.self)
        if channel == .officer, context.member == nil {
            errors.add(
                ValidationError(
                    field: "/channel",
                    message: "Chỉ cán bộ đã đăng nhập mới cấp phiếu với kênh 'officer'.",
                    messageEn: "Only a signed-in officer issues with channel 'officer'."
                )
            )
        }
        try errors.check()
        do {
            let issued = try await desk.issue(
                office: office,
                group: body.group,
                priority: priority,
                channel: channel!,
                contact: body.contact.map { $0.filter { !$0.isWhitespace } },
                actor: context.member?.username ?? channel!.rawValue,
                address: context.clientAddress
            )
            await announce(office, .update, nil)
            return try JSONBody.response(issuedView(issued), status: .created)
        } catch let closed as QueueDesk.Closed {
            let next = closed.nextOpening
            throw Problem(
                type: "/problems/office-closed",
                title: "Unprocessable Content",
                status: .unprocessableContent,
                detail: "Đơn vị chỉ cấp phiếu trong giờ làm việc"
                    + (next.map { "; mở cửa lại lúc \($0.time) ngày \($0.date.vietnameseText)." } ?? "."),
                detailEn: "Tickets are issued only during opening hours"
                    + (next.map { "; the office opens again at \($0.time) on \($0.date)." } ?? "."),
                errors: [Problem.FieldError(field: "/group", message: "Ngoài giờ làm việc.", messageEn: "Outside opening hours.")]
            )
        }
    }

    @Sendable func callNext(_ request: Request, context: PASCRequestContext) async throws -> Response {
        guard let member = context.member else { throw Problem.unauthenticated() }
        let office = try Self.office(context)
        let ticket = try await desk.callNext(office: office, counter: try Self.number(context, "number"), by: member.username)
        if let ticket { await announce(office, .call, ticket) }
        struct Called: Encodable {
            @ExplicitNull var ticket: TicketView?
        }
        return try JSONBody.response(Called(ticket: ticket.map(TicketView.init)))
    }

    struct ActionBody: StrictJSONBody {
        enum CodingKeys: String, CodingKey, CaseIterable { case action, group, counter, dossiers }
        typealias Member = CodingKeys
        let action: String
        let group: String?
        /// A transfer to one counter (which must serve the group).
        let counter: Int?
        let dossiers: [String]?
    }

    /// The steps an officer takes on a called or served ticket.
    enum StepAction: String, CaseIterable {
        case recall, start, transfer, complete, noShow, cancel

        var action: TicketAction {
            switch self {
            case .recall: .recall
            case .start: .start
            case .transfer: .transfer
            case .complete: .complete
            case .noShow: .noShow
            case .cancel: .cancel
            }
        }
    }

    @Sendable func act(_ request: Request, context: PASCRequestContext) async throws -> Response {
        guard let member = context.member else { throw Problem.unauthenticated() }
        let office = try Self.office(context)
        let id = try Self.number(context, "id")
        let body = try await JSONInput.decodeStrict(ActionBody.self, from: request, context: context)
        var errors = FieldErrors()
        let action = errors.enumValue("/action", body.action, StepAction.self)
        if action == .transfer, body.group == nil, body.counter == nil {
            errors.add(
                ValidationError(
                    field: "/group",
                    message: "Chuyển phiếu cần nêu nhóm hoặc quầy nhận.",
                    messageEn: "A transfer names the group or the counter."
                )
            )
        }
        if body.counter != nil, action != .transfer {
            errors.add(
                ValidationError(field: "/counter", message: "Chỉ khi chuyển phiếu mới nêu quầy.", messageEn: "Only a transfer names a counter.")
            )
        }
        var dossiers: [String] = []
        for (index, raw) in (body.dossiers ?? []).enumerated() {
            if let code = errors.read("/dossiers/\(index)", { () throws(ValidationError) in try DossierCode(raw) }) {
                dossiers.append(code.description)
            }
        }
        try errors.check()
        let ticket = try await desk.step(
            action!.action,
            ticket: id,
            office: office,
            by: member.username,
            group: body.group,
            toCounter: body.counter,
            dossiers: dossiers
        )
        await announce(office, action == .recall ? .recall : .update, ticket)
        return try JSONBody.response(TicketView(ticket))
    }

    // MARK: Live state and counts

    struct GroupStateView: Encodable {
        let group: String
        let name: String
        let nameEn: String
        let waiting: Int
        @ExplicitNull var expectedWaitMinutes: Int?
        let openCounters: [Int]
        /// Tickets called or being served: number and counter only.
        let calls: [Call]

        struct Call: Encodable {
            let ticket: String
            @ExplicitNull var counter: Int?
            let status: String
        }
    }

    @Sendable func state(_ request: Request, context: PASCRequestContext) async throws -> Response {
        let office = try Self.office(context)
        let states = try await desk.state(office: office)
        let views = states.map { state in
            GroupStateView(
                group: state.group.code,
                name: state.group.name,
                nameEn: state.group.nameEn,
                waiting: state.waiting,
                expectedWaitMinutes: state.expectedWaitSeconds.map { Int((Double($0) / 60).rounded(.up)) },
                openCounters: state.openCounters,
                calls: state.serving.map { GroupStateView.Call(ticket: $0.label.description, counter: $0.counter, status: $0.status.rawValue) }
            )
        }
        struct StateView: Encodable {
            let office: String
            let at: String
            let groups: [GroupStateView]
        }
        return try JSONBody.response(StateView(office: office.rawValue, at: VietnamTime.format(desk.clock.now()), groups: views))
    }

    struct CountView: Encodable {
        let day: String
        let group: String
        let tickets: Int
        let called: Int
        @ExplicitNull var meanWaitMinutes: Double?
        @ExplicitNull var waitP90Minutes: Int?
        @ExplicitNull var shareWaitsOver15: Double?
        @ExplicitNull var meanWalkMinutes: Double?
        @ExplicitNull var meanServiceMinutes: Double?
        @ExplicitNull var shareServicesOver30: Double?
        let noShows: Int
        let notServed: Int
        let bookings: Int
        let lapsedBookings: Int
    }

    struct CounterCountView: Encodable {
        let day: String
        let counter: Int
        let calls: Int
        let idleMinutes: Double
    }

    @Sendable func counts(_ request: Request, context: PASCRequestContext) async throws -> Response {
        let office = try Self.office(context)
        var query = QueryReader(request, allowed: ["from", "to"])
        let today = VietnamTime.localDate(desk.clock.now())
        let from = query.date("from") ?? today
        let to = query.date("to") ?? from
        try query.finish()
        try await requireOffice(office)
        let counts = try await store.queueDayCounts(office: office, from: from, through: to)
        let counters = try await store.counterDayCounts(office: office, from: from, through: to)
        struct CountsView: Encodable {
            let items: [CountView]
            let counters: [CounterCountView]
        }
        return try JSONBody.response(
            CountsView(
                items: counts.map { count in
                    CountView(
                        day: count.day.description,
                        group: count.group,
                        tickets: count.tickets,
                        called: count.called,
                        meanWaitMinutes: count.meanWaitSeconds.map { ($0 / 6).rounded() / 10 },
                        waitP90Minutes: count.histogram.percentileMinutes(0.9),
                        shareWaitsOver15: count.shareWaitsOver15,
                        meanWalkMinutes: count.meanWalkSeconds.map { ($0 / 6).rounded() / 10 },
                        meanServiceMinutes: count.meanServiceSeconds.map { ($0 / 6).rounded() / 10 },
                        shareServicesOver30: count.shareServicesOver30,
                        noShows: count.noShows,
                        notServed: count.notServed,
                        bookings: count.bookings,
                        lapsedBookings: count.lapsed
                    )
                },
                counters: counters.map {
                    CounterCountView(
                        day: $0.day.description,
                        counter: $0.counter,
                        calls: $0.calls,
                        idleMinutes: (Double($0.idleSeconds) / 6).rounded() / 10
                    )
                }
            )
        )
    }
}
