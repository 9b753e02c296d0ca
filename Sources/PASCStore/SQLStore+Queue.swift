import Foundation
import PASCCore
import PASCDomain
import SQLKit

extension SQLStore: QueueStore {
    // MARK: Groups and counters

    public func serviceGroups(office: OfficeCode) async throws -> [ServiceGroup] {
        try await backend.withSession { db in
            let rows = try await db.raw("SELECT * FROM service_groups WHERE office_code = \(bind: office.rawValue) ORDER BY code").all()
            var groups: [ServiceGroup] = []
            for row in rows {
                let codes = try JSONColumn.decode([String].self, from: row.decode(column: "procedures", as: String.self))
                groups.append(
                    try ServiceGroup(
                        office: office,
                        code: try row.decode(column: "code", as: String.self),
                        name: try row.decode(column: "name", as: String.self),
                        nameEn: try row.decode(column: "name_en", as: String.self),
                        procedures: try codes.map { try ProcedureCode($0) }
                    )
                )
            }
            return groups
        }
    }

    public func saveServiceGroup(_ group: ServiceGroup, actor: String) async throws {
        let now = VietnamTime.format(clock.now())
        try await backend.transaction { db in
            try await Self.insertGroup(db, group, replace: true)
            try await Self.recordChange(
                db,
                at: now,
                actor: actor,
                entity: "serviceGroup",
                key: "\(group.office)/\(group.code)",
                old: nil,
                new: try JSONColumn.encode(["name": group.name, "procedures": group.procedures.map(\.rawValue).joined(separator: ",")])
            )
        }
    }

    static func insertGroup(_ db: any SQLDatabase, _ group: ServiceGroup, replace: Bool) async throws {
        let procedures = try JSONColumn.encode(group.procedures.map(\.rawValue))
        let onConflict: SQLQueryString =
            replace
            ? "ON CONFLICT (office_code, code) DO UPDATE SET name = excluded.name, name_en = excluded.name_en, procedures = excluded.procedures"
            : "ON CONFLICT (office_code, code) DO NOTHING"
        var insert: SQLQueryString = """
            INSERT INTO service_groups (office_code, code, name, name_en, procedures)
            VALUES (\(bind: group.office.rawValue), \(bind: group.code), \(bind: group.name), \(bind: group.nameEn), \(bind: procedures))\n
            """
        insert += onConflict
        try await db.raw(insert).run()
    }

    public func counters(office: OfficeCode) async throws -> [Counter] {
        try await backend.withSession { db in
            let rows = try await db.raw("SELECT * FROM counters WHERE office_code = \(bind: office.rawValue) ORDER BY number").all()
            var counters: [Counter] = []
            for row in rows { counters.append(try Self.counter(row)) }
            return counters
        }
    }

    static func counter(_ row: any SQLRow) throws -> Counter {
        try Counter(
            office: try OfficeCode(row.decode(column: "office_code", as: String.self)),
            number: try row.decode(column: "number", as: Int.self),
            groups: try JSONColumn.decode([String].self, from: row.decode(column: "groups", as: String.self)),
            officer: try row.decode(column: "officer", as: String?.self)
        )
    }

    public func saveCounter(_ counter: Counter, actor: String) async throws {
        let now = VietnamTime.format(clock.now())
        try await backend.transaction { db in
            try await Self.insertCounter(db, counter, replace: true)
            try await Self.recordChange(
                db,
                at: now,
                actor: actor,
                entity: "counter",
                key: "\(counter.office)/\(counter.number)",
                old: nil,
                new: try JSONColumn.encode(counter.groups)
            )
        }
    }

    static func insertCounter(_ db: any SQLDatabase, _ counter: Counter, replace: Bool) async throws {
        let onConflict: SQLQueryString =
            replace ? "ON CONFLICT (office_code, number) DO UPDATE SET groups = excluded.groups" : "ON CONFLICT (office_code, number) DO NOTHING"
        var insert: SQLQueryString = """
            INSERT INTO counters (office_code, number, groups) VALUES (\(bind: counter.office.rawValue), \(bind: counter.number),
                \(bind: try JSONColumn.encode(counter.groups)))\n
            """
        insert += onConflict
        try await db.raw(insert).run()
    }

    public func openCounter(office: OfficeCode, number: Int, officer: String, at: Date) async throws -> Counter {
        try await backend.transaction { db in
            let key = "\(office)/\(number)"
            if let row = try await db.raw(
                """
                UPDATE counters SET officer = \(bind: officer), opened_at = \(bind: VietnamTime.format(at)),
                    free_since_epoch = CASE WHEN officer IS NULL THEN \(bind: Self.epoch(at)) ELSE free_since_epoch END
                WHERE office_code = \(bind: office.rawValue) AND number = \(bind: number) AND (officer IS NULL OR officer = \(bind: officer))
                RETURNING *
                """
            ).first() {
                return try Self.counter(row)
            }
            let exists = try await db.raw("SELECT number FROM counters WHERE office_code = \(bind: office.rawValue) AND number = \(bind: number)")
                .first()
            throw exists == nil ? StoreError.notFound(kind: "counter", code: key) : StoreError.conflict(kind: "counter", code: key)
        }
    }

    public func closeCounter(
        office: OfficeCode,
        number: Int,
        officer: String?,
        at: Date,
        openSessions: [ClosedRange<Int>]?
    ) async throws
        -> Counter
    {
        let lock = rowLock
        return try await backend.transaction { db in
            var read: SQLQueryString =
                "SELECT free_since_epoch FROM counters WHERE office_code = \(bind: office.rawValue) AND number = \(bind: number)"
            read += lock
            let freeSince = try await db.raw(read).first()?.decode(column: "free_since_epoch", as: Int?.self)
            var update: SQLQueryString = """
                UPDATE counters SET officer = NULL, opened_at = NULL, free_since_epoch = NULL
                WHERE office_code = \(bind: office.rawValue) AND number = \(bind: number)
                """
            if let officer { update += " AND (officer IS NULL OR officer = \(bind: officer))" }
            update += " RETURNING *"
            if let row = try await db.raw(update).first() {
                if let freeSince {
                    let idle = CounterDayCount.idleSeconds(from: freeSince, to: Self.epoch(at), within: openSessions)
                    try await Self.addCounterCounts(db, office: office, counter: number, day: VietnamTime.localDate(at), calls: 0, idle: idle)
                }
                // Nobody calls a ticket sent to a closed counter: it goes back to its group's queue.
                try await db.raw(
                    """
                    UPDATE tickets SET for_counter = NULL
                    WHERE office_code = \(bind: office.rawValue) AND for_counter = \(bind: number) AND status = 'waiting'
                    """
                ).run()
                return try Self.counter(row)
            }
            let key = "\(office)/\(number)"
            let exists = try await db.raw("SELECT number FROM counters WHERE office_code = \(bind: office.rawValue) AND number = \(bind: number)")
                .first()
            throw exists == nil ? StoreError.notFound(kind: "counter", code: key) : StoreError.conflict(kind: "counter", code: key)
        }
    }

    public func ensureDefaultQueueSetup() async throws -> Int {
        let configured = try await backend.withSession { db in try await db.raw("SELECT office_code FROM service_groups LIMIT 1").first() != nil }
        guard !configured else { return 0 }
        let offices = try await allOffices(OfficeFilter())
        var procedures: [Procedure] = []
        var page = PageRequest(limit: PageRequest.maximumLimit)
        while true {
            let result = try await self.procedures(ProcedureFilter(), page: page)
            procedures += result.items
            guard let next = result.nextCursor else { break }
            page = PageRequest(limit: PageRequest.maximumLimit, cursor: next)
        }
        let all = procedures
        return try await backend.transaction { db in
            try await Self.insertDefaultQueueSetup(db, offices: offices, procedures: all)
            return offices.count
        }
    }

    static func insertDefaultQueueSetup(_ db: any SQLDatabase, offices: [Office], procedures: [Procedure]) async throws {
        for office in offices {
            for group in ServiceGroup.defaults(office: office.code, procedures: procedures) { try await insertGroup(db, group, replace: false) }
            for counter in Counter.defaults(office: office.code, count: office.counters) { try await insertCounter(db, counter, replace: false) }
        }
    }

    public func liveFeed() -> any QueueFeed { queueFeed() }

    // MARK: Tickets

    static func epoch(_ date: Date) -> Int { Int(date.timeIntervalSince1970.rounded(.down)) }

    public func issueTicket(_ new: NewTicket) async throws -> StoredTicket {
        try await backend.transaction { db in
            let sequence = try await db.raw(
                """
                INSERT INTO ticket_sequences (office_code, day, group_code, last)
                VALUES (\(bind: new.office.rawValue), \(bind: new.day.description), \(bind: new.group), 1)
                ON CONFLICT (office_code, day, group_code) DO UPDATE SET last = ticket_sequences.last + 1
                RETURNING last
                """
            ).first()
            guard let number = try sequence?.decode(column: "last", as: Int.self) else { throw StoreError.unreachable("no ticket number") }
            if let slot = new.slot {
                // Takes one of the slot's places, or none if all are taken: one statement, atomic on both databases.
                let taken = try await db.raw(
                    """
                    INSERT INTO ticket_slots (office_code, group_code, slot_epoch, booked)
                    SELECT \(bind: new.office.rawValue), \(bind: new.group), \(bind: slot.start), 1 WHERE \(bind: slot.capacity) > 0
                    ON CONFLICT (office_code, group_code, slot_epoch) DO UPDATE SET booked = ticket_slots.booked + 1
                        WHERE ticket_slots.booked < \(bind: slot.capacity)
                    RETURNING booked
                    """
                ).first()
                guard taken != nil else { throw SlotFull(office: new.office, group: new.group, slotStart: slot.start) }
            }
            if let hash = new.contactHash, let limit = new.contactLimit {
                let taken = try await db.raw(
                    """
                    INSERT INTO online_ticket_counts (contact_hash, day, taken)
                    SELECT \(bind: hash), \(bind: new.day.description), 1 WHERE \(bind: limit) > 0
                    ON CONFLICT (contact_hash, day) DO UPDATE SET taken = online_ticket_counts.taken + 1
                        WHERE online_ticket_counts.taken < \(bind: limit)
                    RETURNING taken
                    """
                ).first()
                guard taken != nil else { throw ContactLimitReached(limit: limit) }
            }
            let action: TicketAction = new.slot == nil ? .issue : .book
            guard
                let row = try await db.raw(
                    """
                    INSERT INTO tickets (office_code, day, group_code, number, priority, channel, status, issued_at, queued_since, contact_hash,
                        slot_epoch, queue_group)
                    VALUES (\(bind: new.office.rawValue), \(bind: new.day.description), \(bind: new.group), \(bind: number),
                        \(bind: new.priority?.rawValue), \(bind: new.channel.rawValue), \(bind: action.transition.to.rawValue),
                        \(bind: VietnamTime.format(new.issuedAt)), \(bind: new.slot?.start ?? Self.epoch(new.issuedAt)), \(bind: new.contactHash),
                        \(bind: new.slot?.start), \(bind: new.group))
                    RETURNING *
                    """
                ).first()
            else { throw StoreError.unreachable("the ticket was not stored") }
            let ticket = try Self.ticket(row)
            try await Self.insertTicketEvent(db, ticket: ticket.id, action: action, at: new.issuedAt, counter: nil, actor: new.actor, details: [:])
            try await Self.addCounts(db, ticket, .of(action, firstCall: false, waitSeconds: nil, serviceSeconds: nil))
            return ticket
        }
    }

    public func callNext(
        office: OfficeCode,
        day: LocalDate,
        counter: Int,
        groups: [String],
        policy: QueuePolicy,
        actor: String,
        at: Date,
        openSessions: [ClosedRange<Int>]?,
        openBy: String?
    ) async throws -> StoredTicket? {
        let lock: SQLQueryString = backend.dialect == .postgres ? " FOR UPDATE SKIP LOCKED" : ""
        let counterLock = rowLock
        return try await backend.transaction { db in
            let now = Self.epoch(at)
            // The counter's row first, as closing the counter takes it before the tickets sent to it:
            // one order, no deadlock; calls at one counter follow each other.
            var hold: SQLQueryString =
                "SELECT number, officer FROM counters WHERE office_code = \(bind: office.rawValue) AND number = \(bind: counter)"
            hold += counterLock
            let row = try await db.raw(hold).first()
            if let openBy {
                let officer = try row?.decode(column: "officer", as: String?.self)
                guard officer == openBy else { throw QueueDesk.CounterNotOpen(office: office, counter: counter, openBy: officer) }
            }
            // A ticket's sort key grows with the time it queued (QueuePolicy: the credit grows at most
            // as fast as the wait), so within a group and kind the oldest waiting ticket comes first:
            // the next ticket is the best of each group's oldest normal and oldest priority ticket.
            // One index step each, however long the queue.
            var candidates: [(id: Int, queuedSince: Int, priority: Bool)] = []
            // The oldest waiting ticket of one kind (normal or priority) among those `filter` picks.
            func oldest(_ filter: SQLQueryString) async throws {
                for priority in [false, true] {
                    var query: SQLQueryString = """
                        SELECT id, queued_since FROM tickets
                        WHERE office_code = \(bind: office.rawValue) AND day = \(bind: day.description) AND status = 'waiting' AND
                        """
                    query += filter
                    query += priority ? " AND priority IS NOT NULL" : " AND priority IS NULL"
                    query += " ORDER BY queued_since, id LIMIT 1"
                    query += lock
                    if let row = try await db.raw(query).first() {
                        candidates.append(
                            (try row.decode(column: "id", as: Int.self), try row.decode(column: "queued_since", as: Int.self), priority)
                        )
                    }
                }
            }
            for group in groups { try await oldest(" queue_group = \(bind: group) AND for_counter IS NULL") }
            // Tickets transferred to this counter compete with their place (they wait for no other).
            try await oldest(" for_counter = \(bind: counter)")
            let best = candidates.min { a, b in
                let ka = policy.sortKey(queuedSince: a.queuedSince, priority: a.priority, now: now)
                let kb = policy.sortKey(queuedSince: b.queuedSince, priority: b.priority, now: now)
                return (ka, a.queuedSince, a.id) < (kb, b.queuedSince, b.id)
            }
            guard let id = best?.id else { return nil }
            var step = TicketStep(ticket: id, action: .call, expected: .waiting, at: at, actor: actor, counter: counter)
            step.openSessions = openSessions
            return try await Self.step(db, step, counterLock: counterLock)
        }
    }

    public func applyTicketStep(_ step: TicketStep) async throws -> StoredTicket {
        let lock = rowLock
        return try await backend.transaction { db in try await Self.step(db, step, counterLock: lock) }
    }

    /// Locks the row read until the transaction ends (PostgreSQL; SQLite has one writer).
    var rowLock: SQLQueryString { backend.dialect == .postgres ? " FOR UPDATE" : "" }

    /// Moves the ticket from `step.expected`, appends the event and adds to the counts.
    static func step(_ db: any SQLDatabase, _ step: TicketStep, counterLock: SQLQueryString) async throws -> StoredTicket {
        let status = try IllegalTicketStep.check(step.action, from: step.expected)
        let now = epoch(step.at)
        var update: SQLQueryString = "UPDATE tickets SET status = \(bind: status.rawValue)"
        switch step.action {
        case .call:
            update += ", counter_number = \(bind: step.counter), for_counter = NULL, first_called_epoch = COALESCE(first_called_epoch, \(bind: now))"
            update += ", last_called_epoch = \(bind: now)"
        case .recall:
            update += ", recalls = recalls + 1, last_called_epoch = \(bind: now)"
        case .start:
            update += ", started_epoch = \(bind: now)"
        case .transfer:
            update += ", counter_number = NULL, started_epoch = NULL, for_counter = \(bind: step.targetCounter)"
            if let group = step.group { update += ", queue_group = \(bind: group)" }
        case .complete:
            update += ", ended_epoch = \(bind: now), dossiers = \(bind: try JSONColumn.encode(step.dossiers))"
        case .noShow, .cancel, .closeUnserved, .lapse:
            update += ", ended_epoch = \(bind: now)"
        case .checkIn:
            if let queuedSince = step.queuedSince { update += ", queued_since = \(bind: queuedSince)" }
        case .issue, .book:
            break
        }
        // The first call is the one that finds no earlier call: read before the update changes it.
        let before = try await db.raw(
            """
            SELECT first_called_epoch, last_called_epoch, started_epoch, queued_since, counter_number, group_code, slot_epoch, contact_hash,
                office_code
            FROM tickets WHERE id = \(bind: step.ticket)
            """
        ).first()
        guard let before else { throw StoreError.notFound(kind: "ticket", code: String(step.ticket)) }
        let firstCall = try before.decode(column: "first_called_epoch", as: Int?.self) == nil
        let lastCalled = try before.decode(column: "last_called_epoch", as: Int?.self)
        let started = try before.decode(column: "started_epoch", as: Int?.self)
        let queuedSince = try step.queuedSince ?? before.decode(column: "queued_since", as: Int.self)
        let counterBefore = try before.decode(column: "counter_number", as: Int?.self)
        let groupBefore = try before.decode(column: "group_code", as: String.self)
        let slot = try before.decode(column: "slot_epoch", as: Int?.self)
        if let officer = step.officer, let counter = step.counter {
            // The counters first (the order call-next and closing use), then the ticket.
            let numbers = Set([counter] + (step.targetCounter.map { [$0] } ?? [])).sorted()
            var hold: SQLQueryString =
                "SELECT number, officer FROM counters WHERE office_code = \(bind: try before.decode(column: "office_code", as: String.self))"
            hold += " AND number IN (\(binds: numbers)) ORDER BY number"
            hold += counterLock
            var officers: [Int: String?] = [:]
            for row in try await db.raw(hold).all() {
                officers[try row.decode(column: "number", as: Int.self)] = try row.decode(column: "officer", as: String?.self)
            }
            guard officers[counter] == .some(officer) else {
                throw QueueDesk.CounterNotOpen(
                    office: try OfficeCode(try before.decode(column: "office_code", as: String.self)),
                    counter: counter,
                    openBy: officers[counter] ?? nil
                )
            }
            if let target = step.targetCounter, officers[target] == nil || officers[target] == .some(nil) {
                throw StoreError.changedMeanwhile(kind: "counter", code: String(target))
            }
            update += " WHERE counter_number = \(bind: counter) AND"
        } else {
            update += " WHERE"
        }
        update += " id = \(bind: step.ticket) AND status = \(bind: step.expected.rawValue) RETURNING *"
        guard let row = try await db.raw(update).first() else {
            throw StoreError.changedMeanwhile(kind: "ticket", code: String(step.ticket))
        }
        let ticket = try Self.ticket(row)
        var details = step.details
        if let group = step.group, step.action == .transfer { details["group"] = group }
        if let target = step.targetCounter, step.action == .transfer { details["counter"] = String(target) }
        try await insertTicketEvent(
            db,
            ticket: ticket.id,
            action: step.action,
            at: step.at,
            counter: step.counter ?? ticket.counter,
            actor: step.actor,
            details: details
        )
        let delta = QueueCountDelta.of(
            step.action,
            firstCall: firstCall,
            waitSeconds: now - queuedSince,
            serviceSeconds: started.map { now - $0 },
            walkSeconds: lastCalled.map { now - $0 }
        )
        try await addCounts(db, ticket, delta)
        try await countCounterTime(db, step, ticket: ticket, counterBefore: counterBefore, now: now, lock: counterLock)
        if step.action == .cancel, let hash = try before.decode(column: "contact_hash", as: String?.self) {
            // A cancelled online ticket no longer counts toward its holder's limit.
            try await db.raw(
                """
                UPDATE online_ticket_counts SET taken = taken - 1
                WHERE contact_hash = \(bind: hash) AND day = \(bind: ticket.day.description) AND taken > 0
                """
            ).run()
        }
        if step.action == .cancel, step.expected == .booked, let slot {
            // A cancelled booking gives its place back.
            try await db.raw(
                """
                UPDATE ticket_slots SET booked = booked - 1
                WHERE office_code = \(bind: ticket.office.rawValue) AND group_code = \(bind: groupBefore) AND slot_epoch = \(bind: slot) AND booked > 0
                """
            ).run()
        }
        return ticket
    }

    /// A call ends the counter's idle time (counted for the ticket's day); a ticket leaving the
    /// counter (done, absent, sent on, closed) starts it again.
    static func countCounterTime(
        _ db: any SQLDatabase,
        _ step: TicketStep,
        ticket: StoredTicket,
        counterBefore: Int?,
        now: Int,
        lock: SQLQueryString
    ) async throws {
        let office = ticket.office.rawValue
        switch step.action {
        case .call:
            guard let counter = ticket.counter else { return }
            // The counter's row is locked until the call commits: two calls at one counter count its idle time once.
            var read: SQLQueryString = "SELECT free_since_epoch FROM counters WHERE office_code = \(bind: office) AND number = \(bind: counter)"
            read += lock
            let freeSince = try await db.raw(read).first()?.decode(column: "free_since_epoch", as: Int?.self)
            let idle = freeSince.map { CounterDayCount.idleSeconds(from: $0, to: now, within: step.openSessions) } ?? 0
            try await db.raw("UPDATE counters SET free_since_epoch = NULL WHERE office_code = \(bind: office) AND number = \(bind: counter)").run()
            try await addCounterCounts(db, office: ticket.office, counter: counter, day: ticket.day, calls: 1, idle: idle)
        case .complete, .noShow, .transfer, .cancel, .closeUnserved:
            guard let counter = counterBefore, step.expected == .called || step.expected == .serving else { return }
            // Free only if no other ticket is at the counter (an officer may call the next before ending this one).
            try await db.raw(
                """
                UPDATE counters SET free_since_epoch = \(bind: now)
                WHERE office_code = \(bind: office) AND number = \(bind: counter) AND officer IS NOT NULL
                    AND NOT EXISTS (
                        SELECT 1 FROM tickets WHERE office_code = \(bind: office) AND day = \(bind: ticket.day.description)
                            AND counter_number = \(bind: counter) AND status IN ('called', 'serving')
                    )
                """
            ).run()
        default:
            return
        }
    }

    static func addCounterCounts(_ db: any SQLDatabase, office: OfficeCode, counter: Int, day: LocalDate, calls: Int, idle: Int) async throws {
        try await db.raw(
            """
            INSERT INTO counter_day_counts (office_code, counter_number, day, calls, idle_seconds)
            VALUES (\(bind: office.rawValue), \(bind: counter), \(bind: day.description), \(bind: calls), \(bind: idle))
            ON CONFLICT (office_code, counter_number, day) DO UPDATE SET calls = counter_day_counts.calls + excluded.calls,
                idle_seconds = counter_day_counts.idle_seconds + excluded.idle_seconds
            """
        ).run()
    }

    static func insertTicketEvent(
        _ db: any SQLDatabase,
        ticket: Int,
        action: TicketAction,
        at: Date,
        counter: Int?,
        actor: String,
        details: [String: String]
    ) async throws {
        try await db.raw(
            """
            INSERT INTO ticket_events (ticket_id, action, at, counter_number, actor, details)
            VALUES (\(bind: ticket), \(bind: action.rawValue), \(bind: VietnamTime.format(at)), \(bind: counter), \(bind: actor),
                \(bind: try JSONColumn.encode(details)))
            """
        ).run()
    }

    /// Adds a step's counts to its office's, group's and day's row (atomic increments on both databases).
    static func addCounts(_ db: any SQLDatabase, _ ticket: StoredTicket, _ delta: QueueCountDelta) async throws {
        guard !delta.isEmpty else { return }
        let key = (ticket.office.rawValue, ticket.group, ticket.day.description)
        try await db.raw(
            """
            INSERT INTO queue_day_counts (office_code, group_code, day, tickets, called, wait_seconds, waits_over_15, services,
                service_seconds, services_over_30, no_shows, not_served, walks, walk_seconds, bookings, lapsed)
            VALUES (\(bind: key.0), \(bind: key.1), \(bind: key.2), \(bind: delta.tickets), \(bind: delta.called), \(bind: delta.waitSeconds),
                \(bind: delta.waitsOver15), \(bind: delta.services), \(bind: delta.serviceSeconds), \(bind: delta.servicesOver30),
                \(bind: delta.noShows), \(bind: delta.notServed), \(bind: delta.walks), \(bind: delta.walkSeconds), \(bind: delta.bookings),
                \(bind: delta.lapsed))
            ON CONFLICT (office_code, group_code, day) DO UPDATE SET
                tickets = queue_day_counts.tickets + excluded.tickets, called = queue_day_counts.called + excluded.called,
                wait_seconds = queue_day_counts.wait_seconds + excluded.wait_seconds,
                waits_over_15 = queue_day_counts.waits_over_15 + excluded.waits_over_15,
                services = queue_day_counts.services + excluded.services,
                service_seconds = queue_day_counts.service_seconds + excluded.service_seconds,
                services_over_30 = queue_day_counts.services_over_30 + excluded.services_over_30,
                no_shows = queue_day_counts.no_shows + excluded.no_shows, not_served = queue_day_counts.not_served + excluded.not_served,
                walks = queue_day_counts.walks + excluded.walks, walk_seconds = queue_day_counts.walk_seconds + excluded.walk_seconds,
                bookings = queue_day_counts.bookings + excluded.bookings, lapsed = queue_day_counts.lapsed + excluded.lapsed
            """
        ).run()
        if let bucket = delta.waitBucket {
            try await db.raw(
                """
                INSERT INTO queue_wait_buckets (office_code, group_code, day, minute, count)
                VALUES (\(bind: key.0), \(bind: key.1), \(bind: key.2), \(bind: bucket), 1)
                ON CONFLICT (office_code, group_code, day, minute) DO UPDATE SET count = queue_wait_buckets.count + 1
                """
            ).run()
        }
    }

    static func ticket(_ row: any SQLRow) throws -> StoredTicket {
        let id = try row.decode(column: "id", as: Int.self)
        do {
            var ticket = StoredTicket(
                id: id,
                office: try OfficeCode(row.decode(column: "office_code", as: String.self)),
                day: try LocalDate(iso: row.decode(column: "day", as: String.self)),
                group: try row.decode(column: "queue_group", as: String?.self) ?? row.decode(column: "group_code", as: String.self),
                number: try row.decode(column: "number", as: Int.self),
                priority: try row.decode(column: "priority", as: String?.self).flatMap(PriorityCategory.init(rawValue:)),
                channel: try enumValue(row, "channel"),
                status: try enumValue(row, "status"),
                issuedAt: VietnamTime.parseInstant(try row.decode(column: "issued_at", as: String.self)) ?? Date(timeIntervalSince1970: 0),
                queuedSince: try row.decode(column: "queued_since", as: Int.self),
                counter: try row.decode(column: "counter_number", as: Int?.self),
                firstCalledEpoch: try row.decode(column: "first_called_epoch", as: Int?.self),
                startedEpoch: try row.decode(column: "started_epoch", as: Int?.self),
                endedEpoch: try row.decode(column: "ended_epoch", as: Int?.self),
                recalls: try row.decode(column: "recalls", as: Int.self),
                dossiers: try JSONColumn.decode([String].self, from: row.decode(column: "dossiers", as: String.self))
            )
            ticket.slotEpoch = try row.decode(column: "slot_epoch", as: Int?.self)
            ticket.contactHash = try row.decode(column: "contact_hash", as: String?.self)
            ticket.forCounter = try row.decode(column: "for_counter", as: Int?.self)
            ticket.labelGroup = try row.decode(column: "group_code", as: String.self)
            return ticket
        } catch let error as CorruptRecord {
            throw error
        } catch {
            throw CorruptRecord(table: "tickets", key: String(id), reason: "\(error)")
        }
    }

    public func ticket(id: Int) async throws -> StoredTicket? {
        try await backend.withSession { db in try await db.raw("SELECT * FROM tickets WHERE id = \(bind: id)").first().map(Self.ticket) }
    }

    public func ticketEvents(id: Int) async throws -> [TicketEvent] {
        try await backend.withSession { db in
            let rows = try await db.raw("SELECT * FROM ticket_events WHERE ticket_id = \(bind: id) ORDER BY id").all()
            var events: [TicketEvent] = []
            for row in rows {
                events.append(
                    TicketEvent(
                        action: try enumValue(row, "action"),
                        at: VietnamTime.parseInstant(try row.decode(column: "at", as: String.self)) ?? Date(timeIntervalSince1970: 0),
                        counter: try row.decode(column: "counter_number", as: Int?.self),
                        actor: try row.decode(column: "actor", as: String.self),
                        details: try JSONColumn.decode([String: String].self, from: row.decode(column: "details", as: String.self))
                    )
                )
            }
            return events
        }
    }

    public func waitingCounts(office: OfficeCode, day: LocalDate) async throws -> [String: Int] {
        try await backend.withSession { db in
            let rows = try await db.raw(
                """
                SELECT COALESCE(queue_group, group_code) AS queue_group, COUNT(*) AS n FROM tickets
                WHERE office_code = \(bind: office.rawValue) AND day = \(bind: day.description) AND status = 'waiting'
                GROUP BY COALESCE(queue_group, group_code)
                """
            ).all()
            var counts: [String: Int] = [:]
            for row in rows { counts[try row.decode(column: "queue_group", as: String.self)] = try row.decode(column: "n", as: Int.self) }
            return counts
        }
    }

    public func ticketsAtCounters(office: OfficeCode, day: LocalDate) async throws -> [StoredTicket] {
        try await backend.withSession { db in
            let rows = try await db.raw(
                """
                SELECT * FROM tickets WHERE office_code = \(bind: office.rawValue) AND day = \(bind: day.description)
                    AND status IN ('called', 'serving')
                ORDER BY last_called_epoch DESC, id
                """
            ).all()
            return try rows.map(Self.ticket)
        }
    }

    public func unfinishedTickets(through day: LocalDate, limit: Int) async throws -> [StoredTicket] {
        try await backend.withSession { db in
            let rows = try await db.raw(
                """
                SELECT * FROM tickets WHERE day <= \(bind: day.description) AND status IN ('waiting', 'called', 'serving')
                ORDER BY day, id LIMIT \(bind: limit)
                """
            ).all()
            return try rows.map(Self.ticket)
        }
    }

    public func recentServiceSeconds(office: OfficeCode, group: String, day: LocalDate, limit: Int) async throws -> Int? {
        try await backend.withSession { db in
            let rows = try await db.raw(
                """
                SELECT ended_epoch - started_epoch AS s FROM tickets
                WHERE office_code = \(bind: office.rawValue) AND day = \(bind: day.description) AND status = 'completed'
                    AND queue_group = \(bind: group)
                ORDER BY ended_epoch DESC LIMIT \(bind: limit)
                """
            ).all()
            guard !rows.isEmpty else { return nil }
            var total = 0
            for row in rows { total += try row.decode(column: "s", as: Int.self) }
            return total / rows.count
        }
    }

    public func queueDayCounts(office: OfficeCode, from: LocalDate, through: LocalDate) async throws -> [QueueDayCount] {
        try await backend.withSession { db in
            let rows = try await db.raw(
                """
                SELECT * FROM queue_day_counts WHERE office_code = \(bind: office.rawValue)
                    AND day >= \(bind: from.description) AND day <= \(bind: through.description)
                ORDER BY day, group_code
                """
            ).all()
            let bucketRows = try await db.raw(
                """
                SELECT group_code, day, minute, count FROM queue_wait_buckets WHERE office_code = \(bind: office.rawValue)
                    AND day >= \(bind: from.description) AND day <= \(bind: through.description)
                """
            ).all()
            var buckets: [String: [Int: Int]] = [:]
            for row in bucketRows {
                let key = "\(try row.decode(column: "day", as: String.self))|\(try row.decode(column: "group_code", as: String.self))"
                buckets[key, default: [:]][try row.decode(column: "minute", as: Int.self)] = try row.decode(column: "count", as: Int.self)
            }
            var counts: [QueueDayCount] = []
            for row in rows {
                let day = try row.decode(column: "day", as: String.self)
                let group = try row.decode(column: "group_code", as: String.self)
                var count = QueueDayCount(office: office, group: group, day: try LocalDate(iso: day))
                count.tickets = try row.decode(column: "tickets", as: Int.self)
                count.called = try row.decode(column: "called", as: Int.self)
                count.waitSeconds = try row.decode(column: "wait_seconds", as: Int.self)
                count.waitsOver15 = try row.decode(column: "waits_over_15", as: Int.self)
                count.services = try row.decode(column: "services", as: Int.self)
                count.serviceSeconds = try row.decode(column: "service_seconds", as: Int.self)
                count.servicesOver30 = try row.decode(column: "services_over_30", as: Int.self)
                count.noShows = try row.decode(column: "no_shows", as: Int.self)
                count.notServed = try row.decode(column: "not_served", as: Int.self)
                count.walks = try row.decode(column: "walks", as: Int.self)
                count.walkSeconds = try row.decode(column: "walk_seconds", as: Int.self)
                count.bookings = try row.decode(column: "bookings", as: Int.self)
                count.lapsed = try row.decode(column: "lapsed", as: Int.self)
                count.histogram = WaitHistogram(counts: buckets["\(day)|\(group)"] ?? [:], totalSeconds: count.waitSeconds)
                counts.append(count)
            }
            return counts
        }
    }

    public func slotBookings(office: OfficeCode, group: String, from: Int, through: Int) async throws -> [Int: Int] {
        try await backend.withSession { db in
            let rows = try await db.raw(
                """
                SELECT slot_epoch, booked FROM ticket_slots WHERE office_code = \(bind: office.rawValue) AND group_code = \(bind: group)
                    AND slot_epoch >= \(bind: from) AND slot_epoch <= \(bind: through)
                """
            ).all()
            var booked: [Int: Int] = [:]
            for row in rows { booked[try row.decode(column: "slot_epoch", as: Int.self)] = try row.decode(column: "booked", as: Int.self) }
            return booked
        }
    }

    public func bookingsNotCheckedIn(slotBefore: Int, limit: Int) async throws -> [StoredTicket] {
        try await backend.withSession { db in
            let rows = try await db.raw(
                "SELECT * FROM tickets WHERE status = 'booked' AND slot_epoch < \(bind: slotBefore) ORDER BY slot_epoch, id LIMIT \(bind: limit)"
            ).all()
            return try rows.map(Self.ticket)
        }
    }

    public func counterDayCounts(office: OfficeCode, from: LocalDate, through: LocalDate) async throws -> [CounterDayCount] {
        try await backend.withSession { db in
            let rows = try await db.raw(
                """
                SELECT * FROM counter_day_counts WHERE office_code = \(bind: office.rawValue)
                    AND day >= \(bind: from.description) AND day <= \(bind: through.description)
                ORDER BY day, counter_number
                """
            ).all()
            var counts: [CounterDayCount] = []
            for row in rows {
                counts.append(
                    CounterDayCount(
                        office: office,
                        counter: try row.decode(column: "counter_number", as: Int.self),
                        day: try LocalDate(iso: row.decode(column: "day", as: String.self)),
                        calls: try row.decode(column: "calls", as: Int.self),
                        idleSeconds: try row.decode(column: "idle_seconds", as: Int.self)
                    )
                )
            }
            return counts
        }
    }
}
