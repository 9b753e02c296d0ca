import PASCDomain

/// The record of staff reads of personal data. Append only: nothing edits or deletes an entry.
public protocol AccessLogStore: Sendable {
    /// Stores the entry durably before returning; a read is revealed only after this succeeds.
    func recordPersonalDataRead(_ read: PersonalDataRead) async throws
    /// The reads, newest first, of one dossier or of all.
    func personalDataReads(dossier: String?, page: PageRequest) async throws -> Page<PersonalDataRead>
}
