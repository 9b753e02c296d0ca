import Foundation
import PASCDomain

/// The applicant's rating: once, after the result was returned. There is no way to change or
/// remove one, for staff or anyone else.
public struct Ratings: Sendable {
    public let dossiers: any DossierStore
    public let ratings: any RatingStore
    public let clock: any Clock

    public init(dossiers: any DossierStore, ratings: any RatingStore, clock: any Clock) {
        self.dossiers = dossiers
        self.ratings = ratings
        self.clock = clock
    }

    public enum Refusal: Error, Equatable, Sendable {
        /// Rated only after return; carries the status it is in.
        case notReturned(DossierStatus)
        case alreadyRated
    }

    /// Rates a dossier whose applicant has proved the secret (the caller checks it).
    public func rate(_ dossier: StoredDossier, _ rating: Rating) async throws {
        guard dossier.status == .returned else { throw Refusal.notReturned(dossier.status) }
        guard try await ratings.rate(dossier.code, rating, at: clock.now()) else { throw Refusal.alreadyRated }
    }
}
