/// How an applicant paid: at the counter in cash, by bank transfer, or online (the national
/// portal's payment platform). Decision 766 scores the online share.
public enum PaymentMethod: String, CaseIterable, Sendable, Codable {
    case cash, transfer, online
}
