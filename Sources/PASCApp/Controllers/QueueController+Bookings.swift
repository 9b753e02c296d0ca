import Foundation
import Hummingbird
import PASCCore
import PASCDomain

/// Appointments for a later day over HTTP, without signing in: the free slots of a day, booking
/// one, checking in at the kiosk within the arrival window, and cancelling. The ID number or phone
/// proves the holder and counts toward the per-person limit; only its digest is kept.
extension QueueController {
    func registerBookings(on routes: RouteTable) {
        routes.get("/api/v1/offices/{code}/slots", policy: .everyone, use: slots)
        routes.post("/api/v1/offices/{code}/bookings", policy: .everyone, use: book)
        routes.post("/api/v1/offices/{code}/bookings/{id}/check-in", policy: .everyone, use: checkIn)
        routes.post("/api/v1/offices/{code}/bookings/{id}/cancel", policy: .everyone, use: cancelBooking)
    }

    struct SlotView: Encodable {
        let start: String
        let end: String
        let capacity: Int
        let free: Int
    }

    @Sendable func slots(_ request: Request, context: PASCRequestContext) async throws -> Response {
        let office = try Self.office(context)
        var query = QueryReader(request, allowed: ["group", "date"])
        let group = query.string("group")
        let date = query.date("date")
        if group == nil { query.errors.append(Self.missing("group", "nhóm dịch vụ (ví dụ A)", "a service group (for example A)")) }
        if date == nil, query.errors.allSatisfy({ $0.field != "date" }) {
            query.errors.append(Self.missing("date", "ngày YYYY-MM-DD", "a day YYYY-MM-DD"))
        }
        try query.finish()
        let slots: [QueueDesk.Slot]
        do {
            slots = try await desk.slots(office: office, group: group!, on: date!)
        } catch let refused as QueueDesk.BookingRefused {
            throw Self.problem(refused.refusal, field: "date")
        }
        struct SlotsView: Encodable {
            let office: String
            let group: String
            let date: String
            let slotMinutes: Int
            let arriveEarlyMinutes: Int
            let graceMinutes: Int
            let items: [SlotView]
        }
        let rules = desk.bookingRules
        return try JSONBody.response(
            SlotsView(
                office: office.rawValue,
                group: group!.uppercased(),
                date: date!.description,
                slotMinutes: rules.slotMinutes,
                arriveEarlyMinutes: rules.arriveEarlyMinutes,
                graceMinutes: rules.graceMinutes,
                items: slots.map { SlotView(start: $0.start.time.description, end: $0.end.time.description, capacity: $0.capacity, free: $0.free) }
            )
        )
    }

    static func missing(_ field: String, _ vi: String, _ en: String) -> ValidationError {
        ValidationError(field: field, message: "Thiếu '\(field)': cần \(vi).", messageEn: "'\(field)' is missing: \(en) is needed.")
    }

    struct BookBody: StrictJSONBody {
        enum CodingKeys: String, CodingKey, CaseIterable { case group, date, time, priority, contact }
        typealias Member = CodingKeys
        let group: String
        let date: String
        let time: String
        let priority: String?
        /// The holder's ID number or phone: the per-person limit and the proof at check-in.
        let contact: String
    }

    struct BookedView: Encodable {
        let ticket: TicketView
        /// The number to give at the kiosk with the same ID number or phone.
        let bookingCode: Int
        let slotStart: String
        let arriveFrom: String
        let arriveUntil: String
        let message: String
        let messageEn: String
    }

    @Sendable func book(_ request: Request, context: PASCRequestContext) async throws -> Response {
        let office = try Self.office(context)
        let body = try await JSONInput.decodeStrict(BookBody.self, from: request, context: context)
        var errors = FieldErrors()
        let date = errors.read("/date") { () throws(ValidationError) in try LocalDate(iso: body.date) }
        let time = errors.read("/time") { () throws(ValidationError) in try TimeOfDay(parsing: body.time) }
        let priority = body.priority.flatMap { errors.enumValue("/priority", $0, PriorityCategory.self) }
        try errors.check()
        let slot = LocalDateTime(date: date!, time: time!)
        let ticket: StoredTicket
        do {
            ticket = try await desk.book(
                office: office,
                group: body.group,
                slot: slot,
                priority: priority,
                contact: body.contact.filter { !$0.isWhitespace },
                actor: "online",
                address: context.clientAddress
            )
        } catch let refused as QueueDesk.BookingRefused {
            throw Self.problem(refused.refusal, field: "/date")
        } catch let full as SlotFull {
            throw Problem(
                type: "/problems/slot-full",
                title: "Conflict",
                status: .conflict,
                detail: "Khung giờ \(slot.time) ngày \(slot.date.vietnameseText) của nhóm \(full.group) đã kín; hãy chọn khung giờ khác.",
                detailEn: "The \(slot.time) slot on \(slot.date) is fully booked for group \(full.group); choose another slot."
            )
        }
        let rules = desk.bookingRules
        let from = LocalDateTime(date: slot.date, minuteOfDay: max(0, slot.minuteOfDay - rules.arriveEarlyMinutes))
        let until = LocalDateTime(date: slot.date, minuteOfDay: min(1439, slot.minuteOfDay + rules.graceMinutes))
        let label = ticket.label.description
        return try JSONBody.response(
            BookedView(
                ticket: TicketView(ticket),
                bookingCode: ticket.id,
                slotStart: slot.description,
                arriveFrom: from.description,
                arriveUntil: until.description,
                message: "Đã đặt lịch: số \(label), mã đặt lịch \(ticket.id), lúc \(slot.time) ngày \(slot.date.vietnameseText). "
                    + "Vui lòng đến và xác nhận tại máy lấy số từ \(from.time) đến \(until.time); quá giờ lịch hẹn bị hủy.",
                messageEn: "Booked: ticket \(label), booking code \(ticket.id), at \(slot.time) on \(slot.date). "
                    + "Check in at the kiosk between \(from.time) and \(until.time); after that the booking lapses."
            ),
            status: .created
        )
    }

    static func problem(_ refusal: BookingRules.Refusal, field: String) -> Problem {
        switch refusal {
        case .notLaterDay:
            Problem.unprocessable(
                ValidationErrors([
                    ValidationError(
                        field: field,
                        message: "Chỉ đặt lịch cho các ngày sau hôm nay; trong ngày hãy lấy số trực tiếp hoặc trực tuyến.",
                        messageEn: "Bookings are for a later day; for today take a ticket directly or online."
                    )
                ])
            )
        case .tooFarAhead(let last):
            Problem.unprocessable(
                ValidationErrors([
                    ValidationError(
                        field: field,
                        message: "Chỉ đặt lịch trước đến hết ngày \(last.vietnameseText).",
                        messageEn: "Bookings can be made up to \(last)."
                    )
                ])
            )
        case .noSuchSlot(let available):
            available.isEmpty
                ? Problem.unprocessable(
                    ValidationErrors([
                        ValidationError(
                            field: field,
                            message: "Đơn vị không làm việc ngày này; hãy chọn ngày khác.",
                            messageEn: "The office does not work on that day; choose another day."
                        )
                    ])
                )
                : Problem.unprocessable(
                    ValidationErrors([
                        ValidationError(
                            field: "/time",
                            message: "Không có khung giờ này; các khung giờ: \(available.map(\.time.description).joined(separator: ", ")).",
                            messageEn: "No such slot; the slots are: \(available.map(\.time.description).joined(separator: ", "))."
                        )
                    ])
                )
        }
    }

    struct HolderBody: StrictJSONBody {
        enum CodingKeys: String, CodingKey, CaseIterable { case contact }
        typealias Member = CodingKeys
        let contact: String
    }

    /// At the kiosk: the holder gives the booking code and the same ID number or phone.
    @Sendable func checkIn(_ request: Request, context: PASCRequestContext) async throws -> Response {
        let office = try Self.office(context)
        let id = try Self.number(context, "id")
        let body = try await JSONInput.decodeStrict(HolderBody.self, from: request, context: context)
        do {
            let issued = try await desk.checkIn(ticket: id, office: office, contact: body.contact.filter { !$0.isWhitespace })
            await announce(office, .update, nil)
            return try JSONBody.response(issuedView(issued))
        } catch let outside as QueueDesk.OutsideArrivalWindow {
            let at = outside.boundary
            throw outside.early
                ? Problem(
                    type: "/problems/too-early",
                    title: "Unprocessable Content",
                    status: .unprocessableContent,
                    detail: "Chưa đến giờ xác nhận lịch hẹn: vui lòng quay lại từ \(at.time) ngày \(at.date.vietnameseText).",
                    detailEn: "Too early to check in: please come back from \(at.time) on \(at.date).",
                    errors: [Problem.FieldError(field: "/contact", message: "Quá sớm.", messageEn: "Too early.")]
                )
                : Problem(
                    type: "/problems/booking-lapsed",
                    title: "Conflict",
                    status: .conflict,
                    detail: "Lịch hẹn đã quá giờ xác nhận (\(at.time)) và bị hủy; vui lòng lấy số mới.",
                    detailEn: "The booking's check-in closed at \(at.time) and it has lapsed; please take a new ticket."
                )
        }
    }

    @Sendable func cancelBooking(_ request: Request, context: PASCRequestContext) async throws -> Response {
        let office = try Self.office(context)
        let id = try Self.number(context, "id")
        let body = try await JSONInput.decodeStrict(HolderBody.self, from: request, context: context)
        let ticket = try await desk.cancelBooking(ticket: id, office: office, contact: body.contact.filter { !$0.isWhitespace })
        await announce(office, .update, nil)
        return try JSONBody.response(TicketView(ticket))
    }
}
