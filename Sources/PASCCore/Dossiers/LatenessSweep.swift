import Foundation
import PASCDomain

/// The background sweep: one working day before its appointment an unfinished dossier alerts its
/// agency, once. Safe to run from several servers at once: the store marks a dossier alerted in
/// the same statement that checks it was not, so a second sweep skips it.
public struct LatenessSweep: Sendable {
    public let store: any DossierStore
    public let calendar: CalendarService
    public let clock: any Clock

    public init(store: any DossierStore, calendar: CalendarService, clock: any Clock) {
        self.store = store
        self.calendar = calendar
        self.clock = clock
    }

    /// Alerts every dossier due by the end of the next working day; returns the codes alerted.
    @discardableResult
    public func run(batch: Int = 500) async throws -> [DossierCode] {
        let now = clock.now()
        let horizon = Lateness.alertHorizon(today: VietnamTime.localDate(now), calendar: try await calendar.calendar())
        var alerted: [DossierCode] = []
        while true {
            let codes = try await store.dossiersToAlert(dueBy: horizon, limit: batch)
            var progressed = false
            for code in codes {
                // Finished since the query: nothing to alert.
                guard let dossier = try await store.dossier(code),
                    let event = try? DossierLifecycle.event(
                        .alertLate,
                        on: dossier.status,
                        by: .system(agency: dossier.agency),
                        at: now,
                        details: ["due": dossier.appointmentDue.description]
                    )
                else { continue }
                do {
                    try await store.applyEvent(event, to: code, update: DossierUpdate(alert: true))
                    alerted.append(code)
                    progressed = true
                } catch StoreError.changedMeanwhile {
                    // Another sweep or a clerk moved it first; it is no longer this sweep's.
                }
            }
            if codes.count < batch || !progressed { return alerted }
        }
    }
}
