import Foundation
import PASCDomain
import Testing

@Suite("Dossier statuses and legal transitions")
struct DossierLifecycleTests {
    @Test func statusesMapOneToOneOntoThePortalsCodes() {
        #expect(DossierStatus.allCases.map(\.portalCode) == Array(1...10))
        for status in DossierStatus.allCases { #expect(DossierStatus(portalCode: status.portalCode) == status) }
        #expect(DossierStatus(portalCode: 0) == nil && DossierStatus(portalCode: 11) == nil)
    }

    @Test func theUsualJourneyIsLegal() throws {
        var status = DossierStatus.registered
        for (action, reason) in [
            (DossierAction.accept, nil), (.startProcessing, nil), (.requestSupplement, "Thiếu bản sao giấy khai sinh"),
            (.completeSupplement, nil), (.requestPayment, nil), (.recordPayment, nil), (.markResultReady, nil), (.returnResult, nil),
        ] as [(DossierAction, String?)] {
            status = try DossierLifecycle.apply(action, to: status, reason: reason)
        }
        #expect(status == .returned && status.isFinal)
    }

    /// Every pair (status, action) is either in the table or refused, naming the status and the allowed actions.
    @Test func everyOtherPairIsRefusedWithTheAllowedActions() {
        for status in DossierStatus.allCases {
            let allowed = DossierLifecycle.allowedActions(from: status)
            #expect(allowed.isEmpty == status.isFinal, "\(status) is final exactly when nothing is allowed")
            for action in DossierAction.allCases where action.changesStatus {
                do {
                    let next = try DossierLifecycle.apply(action, to: status, reason: "lý do")
                    #expect(allowed.contains(action) && next == action.transition.to)
                } catch {
                    #expect(!allowed.contains(action))
                    #expect(error.status == status && error.allowed == allowed && !error.missingReason)
                    #expect(error.message.contains(status.name) && error.messageEn.contains("status \(status.portalCode)"))
                }
            }
        }
    }

    /// Transfers, apologies, alerts, corrections and postal steps are recorded without moving the status.
    @Test func recordOnlyStepsKeepTheStatus() throws {
        #expect(try DossierLifecycle.apply(.transfer, to: .accepted) == .accepted)
        #expect(try DossierLifecycle.apply(.apologise, to: .processing, reason: "Chờ xác minh") == .processing)
        #expect(try DossierLifecycle.apply(.correct, to: .returned, reason: "Sai giờ trả") == .returned)
        #expect(try DossierLifecycle.apply(.postalDispatch, to: .resultReady) == .resultReady)
        #expect(throws: IllegalTransition.self) { try DossierLifecycle.apply(.apologise, to: .returned, reason: "x") }
        #expect(throws: IllegalTransition.self) { try DossierLifecycle.apply(.postalDispatch, to: .processing) }
        #expect(!DossierLifecycle.allowedActions(from: .processing).contains(.transfer))
        #expect(DossierAction.alertLate.roles.isEmpty && DossierAction.apologise.roles == [.leader])
    }

    @Test func aReturnedDossierCannotBeTouchedAndAStoppedOneNeedsAReason() {
        #expect(throws: IllegalTransition.self) { try DossierLifecycle.apply(.withdraw, to: .returned, reason: "x") }
        do {
            _ = try DossierLifecycle.apply(.stopProcessing, to: .processing, reason: "   ")
            Issue.record("stopping without a reason was accepted")
        } catch {
            #expect(error.missingReason && error.messageEn == "'stopProcessing' needs a reason.")
        }
    }

    @Test func anEventRecordsWhoWhereWhenAndWhy() throws {
        let actor = EventActor(username: "chuyenvien.ubnd.25747", role: .specialist, agency: "ubnd.25747")
        let at = Date(timeIntervalSince1970: 1_789_000_000)
        let event = try DossierLifecycle.event(
            .requestSupplement,
            on: .processing,
            by: actor,
            at: at,
            reason: " Thiếu tờ khai ",
            attachments: ["ab12"]
        )
        #expect(event.from == .processing && event.to == .supplementRequested && event.actor == actor && event.at == at)
        #expect(event.reason == "Thiếu tờ khai" && event.attachments == ["ab12"])
    }
}

@Suite("Early, on time, late")
struct TimelinessTests {
    static func at(_ day: String, _ time: String) -> LocalDateTime {
        LocalDateTime(date: try! LocalDate(iso: day), time: try! TimeOfDay(parsing: time))
    }

    @Test func marksCompareWithTheAppointment() {
        let due = Self.at("2026-09-18", "17:00")
        #expect(Timeliness.mark(finishedAt: Self.at("2026-09-17", "16:00"), due: due) == .early)
        #expect(Timeliness.mark(finishedAt: Self.at("2026-09-18", "08:00"), due: due) == .onTime)
        #expect(Timeliness.mark(finishedAt: Self.at("2026-09-18", "17:00"), due: due) == .onTime)
        #expect(Timeliness.mark(finishedAt: Self.at("2026-09-18", "17:01"), due: due) == .late)
    }
}
