import Foundation

/// Tells whoever keeps a copy of a dossier's public view (``PublicViewCache`` in the HTTP layer)
/// that the dossier changed, after the change is committed: the store calls it for its own writes,
/// and on PostgreSQL for those other servers commit too (heard through `LISTEN`).
///
/// A copy may be kept only while the hub hears every change: when the PostgreSQL listener loses its
/// connection the hub says so (``Signal/missedSome``) and copies go until it hears again.
public final class DossierChangeHub: @unchecked Sendable {
    public enum Signal: Sendable, Equatable {
        /// The dossier with this code changed.
        case changed(String)
        /// Changes may have gone unheard: drop every copy.
        case missedSome
    }

    private let lock = NSLock()
    private var observers: [@Sendable (Signal) -> Void] = []
    private var hearing: Bool

    /// `hearsEverything`: false until a listener first connects (PostgreSQL); true where every
    /// writer is in this process (SQLite).
    public init(hearsEverything: Bool) {
        hearing = hearsEverything
    }

    /// True while every committed change reaches the observers.
    public var hearsEverything: Bool { lock.withLock { hearing } }

    /// Observers are called on the writer's task, synchronously: they must be quick.
    public func observe(_ observer: @escaping @Sendable (Signal) -> Void) {
        lock.withLock { observers.append(observer) }
    }

    public func changed(_ code: String) { send(.changed(code)) }

    /// The listener lost its connection (false) or has one again (true); either way, what happened
    /// in between is unknown and every copy goes.
    public func setHearing(_ hearing: Bool) {
        // Going deaf: stop keeping first. Hearing again: drop what was kept (and refuse reads begun
        // while deaf) before anything may be kept again.
        if hearing {
            send(.missedSome)
            lock.withLock { self.hearing = true }
        } else {
            lock.withLock { self.hearing = false }
            send(.missedSome)
        }
    }

    private func send(_ signal: Signal) {
        for observer in lock.withLock({ observers }) { observer(signal) }
    }
}
