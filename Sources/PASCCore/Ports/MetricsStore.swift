import PASCDomain

/// What `/metrics` reads at each scrape beside the dashboard's counts.
public protocol MetricsStore: Sendable {
    /// Every dossier by its status (an index-only count).
    func dossiersByStatus() async throws -> [DossierStatus: Int]
    /// Tickets waiting on `day`, per office.
    func ticketsWaiting(day: LocalDate) async throws -> [OfficeCode: Int]
}
