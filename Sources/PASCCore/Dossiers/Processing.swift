import Foundation
import PASCDomain

/// The lifecycle after reception: processing, supplements (the clock stops and the appointment
/// moves by the working time it was stopped), payments, the result, its return, withdrawal and
/// stopping. Every step is an event; only legal transitions happen.
public struct Processing: Sendable {
    public let store: any DossierStore
    public let calendar: CalendarService
    public let clock: any Clock

    public init(store: any DossierStore, calendar: CalendarService, clock: any Clock) {
        self.store = store
        self.calendar = calendar
        self.clock = clock
    }

    /// Why an action was refused for this actor: a role that may not take it on this side.
    public struct NotYourAction: Error, Equatable, Sendable {
        public let action: DossierAction
        public let roles: Set<Role>
    }

    /// Takes `action` on the dossier as `member`, who has it in scope (the route's policy checked
    /// that). Returns the dossier after the step.
    public func act(
        _ action: DossierAction,
        on code: DossierCode,
        by member: StaffMember,
        reason: String?,
        attachments: [String] = []
    ) async throws -> StoredDossier {
        guard let dossier = try await store.dossier(code) else { throw StoreError.notFound(kind: "dossier", code: code.description) }
        guard let role = action.roles.intersection(member.roles).sorted().first else {
            throw NotYourAction(action: action, roles: action.roles)
        }
        let actor = EventActor(
            username: member.username,
            role: role,
            office: action.side == .office ? member.homeOffice ?? dossier.office : nil,
            agency: action.side == .agency ? dossier.agency : nil
        )
        let now = clock.now()
        let event = try DossierLifecycle.event(action, on: dossier.status, by: actor, at: now, reason: reason, attachments: attachments)
        var newDue: LocalDateTime?
        var rule: String?
        if action == .completeSupplement {
            // The clock stood still from the supplement request until now: move the appointment by that working time.
            let requested = try await store.events(of: code).last { $0.action == .requestSupplement }?.at ?? now
            let working = try await calendar.calendar()
            let paused = working.workingMinutes(from: VietnamTime.localDateTime(requested), to: VietnamTime.localDateTime(now))
            let due = paused == 0 ? dossier.appointmentDue : working.adding(workingMinutes: paused, to: dossier.appointmentDue)
            newDue = due
            rule =
                "Hẹn mới \(due.date.vietnameseText): cộng \(paused / 60) giờ \(paused % 60) phút làm việc tạm dừng chờ bổ sung (từ \(VietnamTime.format(requested)) đến \(VietnamTime.format(now)))"
        }
        try await store.applyEvent(event, to: code, newDue: newDue, dueRule: rule)
        return try await store.dossier(code)!
    }
}
