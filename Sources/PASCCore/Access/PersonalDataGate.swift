import PASCDomain

/// The one way personal data leaves PASC for a member of staff: the read is written to the access
/// log first, and only then is the value revealed. If the log cannot be written, nothing is shown.
///
/// The right to see the dossier is checked before this (the route's policy and the dossier's
/// agency or office); the gate makes the check visible afterwards, to whoever audits it.
public struct PersonalDataGate: Sendable {
    public let log: any AccessLogStore
    public let clock: any Clock

    public init(log: any AccessLogStore, clock: any Clock) {
        self.log = log
        self.clock = clock
    }

    /// Records that `member` reads the `kinds` of personal data of `dossier` through `route`, then
    /// runs `reveal`, which is the only place the caller should touch ``Personal/revealed``.
    public func read<Result>(
        _ kinds: Set<PersonalDataKind>,
        of dossier: String,
        by member: StaffMember,
        route: String,
        reveal: () throws -> Result
    ) async throws -> Result {
        try await log.recordPersonalDataRead(
            PersonalDataRead(
                at: VietnamTime.format(clock.now()),
                actor: member.username,
                roles: Array(member.roles),
                dossier: dossier,
                route: route,
                kinds: kinds
            )
        )
        return try reveal()
    }
}
