import PASCDomain

/// Administration of the master data: offices, procedures, the boundary-free list and the
/// announced days off and make-up workdays. Every change goes to the change record with who,
/// when, and the old and new value of each field that changed.
public struct MasterData: Sendable {
    public let store: any Store & MasterDataStore
    public let clock: any Clock

    public init(store: any Store & MasterDataStore, clock: any Clock) {
        self.store = store
        self.clock = clock
    }

    private func record(_ entity: String, _ key: String, old: ChangeSnapshot.Fields?, new: ChangeSnapshot.Fields?, actor: String) -> ChangeRecord {
        let diff = ChangeSnapshot.diff(old: old, new: new)
        return ChangeRecord(at: VietnamTime.format(clock.now()), actor: actor, entity: entity, key: key, oldValue: diff.old, newValue: diff.new)
    }

    // MARK: Offices

    /// Adds an office under an existing parent of the right level.
    public func createOffice(_ office: Office, actor: String) async throws -> Office {
        if let parentCode = office.parentCode {
            guard let parent = try await store.office(parentCode) else {
                throw ValidationErrors([
                    ValidationError(
                        field: "parentCode",
                        message: "Không có đơn vị cấp trên mã \(parentCode).",
                        messageEn: "No parent office with code \(parentCode)."
                    )
                ])
            }
            do throws(ValidationError) { try office.validateParent(parent) } catch { throw ValidationErrors([error]) }
        }
        try await store.insertOffice(
            office,
            change: record("office", office.code.rawValue, old: nil, new: ChangeSnapshot.fields(office), actor: actor)
        )
        return office
    }

    /// Changes an office; returns it unchanged (and records nothing) when nothing differs.
    public func updateOffice(_ code: OfficeCode, _ changes: OfficeChanges, actor: String) async throws -> Office {
        guard let old = try await store.office(code) else { throw StoreError.notFound(kind: "office", code: code.rawValue) }
        let new = try changes.applied(to: old)
        guard new != old else { return old }
        let change = record("office", code.rawValue, old: ChangeSnapshot.fields(old), new: ChangeSnapshot.fields(new), actor: actor)
        try await store.replaceOffice(old, with: new, change: change)
        return new
    }

    // MARK: Procedures

    /// Adds a procedure; a named agency must exist. It is not boundary-free until a decision says so.
    public func createProcedure(_ procedure: Procedure, actor: String) async throws -> Procedure {
        if let agencyCode = procedure.agencyCode, try await store.agency(agencyCode) == nil {
            throw ValidationErrors([
                ValidationError(
                    field: "agencyCode",
                    message: "Không có cơ quan mã \(agencyCode).",
                    messageEn: "No agency with code \(agencyCode)."
                )
            ])
        }
        try await store.insertProcedure(
            procedure,
            change: record("procedure", procedure.code.rawValue, old: nil, new: ChangeSnapshot.fields(procedure), actor: actor)
        )
        return try await store.procedure(procedure.code) ?? procedure
    }

    public func updateProcedure(_ code: ProcedureCode, _ changes: ProcedureChanges, actor: String) async throws -> Procedure {
        guard let old = try await store.procedure(code) else { throw StoreError.notFound(kind: "procedure", code: code.rawValue) }
        let new = try changes.applied(to: old)
        guard new != old else { return old }
        let change = record("procedure", code.rawValue, old: ChangeSnapshot.fields(old), new: ChangeSnapshot.fields(new), actor: actor)
        try await store.replaceProcedure(old, with: new, change: change)
        return new
    }

    // MARK: Boundary-free list

    /// Records a decision. Every procedure it names must exist; each gets a change record with
    /// its status before and after (`phase N from DATE by NUMBER`, or `not boundary-free`).
    public func decideBoundaryFree(_ decision: BoundaryFreeDecision, actor: String) async throws -> StoredDecision {
        var errors: [ValidationError] = []
        var changes: [ChangeRecord] = []
        let reference = "\(decision.number) (\(decision.signedOn)), effective \(decision.effectiveOn)"
        for (field, codes) in [("additions", decision.additions), ("removals", decision.removals)] {
            for code in codes {
                guard let procedure = try await store.procedure(code) else {
                    errors.append(
                        ValidationError(
                            field: field,
                            message: "Không có thủ tục mã \(code).",
                            messageEn: "No procedure with code \(code)."
                        )
                    )
                    continue
                }
                let before: String? = procedure.boundaryFreePhase.map { "phase \($0)" }
                let after: String? = field == "additions" ? decision.phase.map { "phase \($0)" } : nil
                changes.append(
                    record(
                        "boundaryFree",
                        code.rawValue,
                        old: ["status": before ?? "not boundary-free"],
                        new: ["status": after ?? "not boundary-free", "decision": reference],
                        actor: actor
                    )
                )
            }
        }
        guard errors.isEmpty else { throw ValidationErrors(errors) }
        return try await store.insertBoundaryFreeDecision(decision, changes: changes, actor: actor, at: VietnamTime.format(clock.now()))
    }

    // MARK: Announced days

    public func putAnnouncedDay(_ day: AnnouncedDay, actor: String) async throws {
        let old = try await store.announcedDay(day.date)
        guard old != day else { return }
        let change = record("announcedDay", day.date.description, old: old.map(ChangeSnapshot.fields), new: ChangeSnapshot.fields(day), actor: actor)
        try await store.putAnnouncedDay(day, replacing: old, change: change)
    }

    public func removeAnnouncedDay(_ date: LocalDate, actor: String) async throws {
        guard let old = try await store.announcedDay(date) else {
            throw StoreError.notFound(kind: "announced day", code: date.description)
        }
        try await store.deleteAnnouncedDay(
            date,
            change: record("announcedDay", date.description, old: ChangeSnapshot.fields(old), new: nil, actor: actor)
        )
    }
}
