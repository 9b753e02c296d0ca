import PASCDomain
import Testing

@Suite("Dossier phase")
struct DossierPhaseTests {
    /// Every fine status has a coarse one; the final ones are closed, the rest open.
    @Test func everyStatusHasAPhaseAndFinalOnesAreClosed() {
        for status in DossierStatus.allCases {
            #expect(status.phase.isOpen == !status.isFinal, "\(status)")
        }
        #expect(DossierStatus.supplementRequested.phase == .waitingForApplicant)
        #expect(DossierStatus.paymentRequested.phase == .waitingForApplicant)
        #expect(DossierStatus.resultReady.phase == .done)
        #expect(Set(DossierStatus.allCases.map(\.phase)) == Set(DossierPhase.allCases))
    }
}
