import Foundation
import PASCDomain

/// Public statistics of the record: per office, agency, procedure or month of reception, how
/// many were received, finished early, on time or late, are in progress or overdue now, the
/// mean handling time in working days, and the ratings; with the check that every dossier is in
/// the public log.
public struct PublicStatistics: Sendable {
    public let store: any PublicRecordStore & DossierStore
    public let calendar: CalendarService
    public let clock: any Clock

    public init(store: any PublicRecordStore & DossierStore, calendar: CalendarService, clock: any Clock) {
        self.store = store
        self.calendar = calendar
        self.clock = clock
    }

    public func rows(by dimension: StatisticsDimension, _ filter: StatisticsFilter) async throws -> [StatisticsRow] {
        try await store.dossierStatistics(by: dimension, filter, now: VietnamTime.localDateTime(clock.now()))
    }

    /// Records the finish of dossiers whose result was ready before PASC kept it (an older
    /// database); returns how many. Stops when a batch makes no progress.
    @discardableResult
    public func backfillFinishes() async throws -> Int {
        var done = 0
        let working = try await calendar.calendar()
        while true {
            let codes = try await store.dossiersMissingFinish(limit: 500)
            var progress = 0
            for code in codes {
                guard let dossier = try await store.dossier(code),
                    let finish = DossierFinish.of(dossier, events: try await store.events(of: code), calendar: working)
                else { continue }
                try await store.setFinish(code, finish)
                progress += 1
            }
            done += progress
            if progress == 0 { return done }
        }
    }
}
