import Foundation
import NIOCore
import PASCCore

/// The encoded public views of dossiers looked up lately, so that a dossier followed by many (a
/// shared link, an applicant refreshing) is read and encoded once per change, not per look.
///
/// A copy is dropped when its dossier changes (``DossierChangeHub``: after the commit here, and
/// through PostgreSQL's `NOTIFY` from other servers) and when the time-dependent marks of the view
/// (`overdue`, `violation`) may turn. A read that began before a change is never kept: each read
/// holds a ``Ticket`` of the moment it began, and a change heard after it refuses the copy. Nothing
/// is kept while the hub may miss changes, and no copy outlives ``maxAge``: the bound for changes
/// the hub cannot hear (SQL typed into the database, a notification from another server lost with
/// its connection). At most two generations of ``capacity`` copies of a few kilobytes each: about
/// 50 MB with the default for views of ordinary size.
final class PublicViewCache: @unchecked Sendable {
    struct Ticket: Sendable {
        fileprivate let epoch: UInt64
    }

    private struct Entry {
        let body: ByteBuffer
        let madeAt: Date
        let until: Date
        /// `maxAge` counts on this as well as on the platform's clock, which may stand still (a
        /// demo's fixed clock) or be set by tests.
        let keptAt: ContinuousClock.Instant
    }

    /// Copies per generation; at most twice as many are kept.
    let capacity: Int
    let maxAge: TimeInterval
    private let hub: DossierChangeHub
    private let lock = NSLock()
    /// Two generations: new copies go to `entries`; when it is full it becomes `older` (and the
    /// previous `older` goes), and a copy read from `older` moves back. Views looked at often stay,
    /// like least-recently-used, at the cost of a dictionary swap.
    private var entries: [String: Entry] = [:]
    private var older: [String: Entry] = [:]
    /// The epoch of each dossier's latest change heard; pruned by raising `floor`.
    private var changedAt: [String: UInt64] = [:]
    private var epoch: UInt64 = 0
    /// Tickets older than this are refused: changes before it are no longer known one by one.
    private var floor: UInt64 = 0

    init(hub: DossierChangeHub, capacity: Int = 10_000, maxAge: TimeInterval = 60) {
        self.hub = hub
        self.capacity = capacity
        self.maxAge = maxAge
        hub.observe { [weak self] signal in self?.hear(signal) }
    }

    /// The kept view of `code`, if it is still the view at `now`.
    func body(for code: String, now: Date) -> ByteBuffer? {
        guard hub.hearsEverything else { return nil }
        return lock.withLock {
            var entry = entries[code]
            if entry == nil, let old = older.removeValue(forKey: code) {
                entry = old
                insert(old, for: code)
            }
            guard let entry, now >= entry.madeAt, now < entry.until, now.timeIntervalSince(entry.madeAt) < maxAge,
                ContinuousClock.now - entry.keptAt < .seconds(maxAge)
            else { return nil }
            return entry.body
        }
    }

    /// Take one before reading the dossier.
    func ticket() -> Ticket { lock.withLock { Ticket(epoch: epoch) } }

    /// Keeps `body`, the view read under `ticket` as of `madeAt` and unchanged by time until `until`.
    func keep(_ body: ByteBuffer, for code: String, madeAt: Date, until: Date, ticket: Ticket) {
        guard hub.hearsEverything else { return }
        lock.withLock {
            guard ticket.epoch >= floor, changedAt[code, default: 0] <= ticket.epoch, until > madeAt else { return }
            older[code] = nil
            insert(Entry(body: body, madeAt: madeAt, until: until, keptAt: .now), for: code)
        }
    }

    var count: Int { lock.withLock { entries.count + older.count } }

    /// Under the lock.
    private func insert(_ entry: Entry, for code: String) {
        if entries[code] == nil, entries.count >= capacity {
            older = entries
            entries = [:]
        }
        entries[code] = entry
    }

    private func hear(_ signal: DossierChangeHub.Signal) {
        lock.withLock {
            epoch += 1
            switch signal {
            case .changed(let code):
                entries[code] = nil
                older[code] = nil
                changedAt[code] = epoch
                if changedAt.count > 2 * capacity {
                    changedAt = [:]
                    floor = epoch
                }
            case .missedSome:
                entries = [:]
                older = [:]
                changedAt = [:]
                floor = epoch
            }
        }
    }
}
