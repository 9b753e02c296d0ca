import Foundation

/// Decision 766/QĐ-TTg's score for serving citizens and businesses: five groups worth 18, 20,
/// 22, 22 and 18 points. The decision names the groups and their caps; the items inside them and
/// their thresholds are a provincial implementer's reading, so they are configuration
/// (``NationalScoreRules``). An item PASC has no input for is "no data": it earns nothing and is
/// listed, so a score is never inflated by what was not measured.
public struct NationalScore: Hashable, Sendable {
    public enum Group: String, CaseIterable, Sendable {
        case transparency, timeliness, digitisation, onlineServices, satisfaction

        public var maximum: Double {
            switch self {
            case .transparency: 18
            case .timeliness: 20
            case .digitisation: 22
            case .onlineServices: 22
            case .satisfaction: 18
            }
        }
    }

    public enum ItemKey: String, CaseIterable, Sendable, Codable {
        case proceduresPublishedOnTime, dossiersSyncedToPortal, feedbackHandledOnTime
        case onTimeResults
        case electronicResults, digitisedDossiers, digitisedDataReused, otherDigitisation
        case proceduresOnline, onlineProceduresUsed, dossiersOnline, paymentsOnline, otherPayment
        case receptionSatisfaction, feedbackSatisfaction

        public var group: Group {
            switch self {
            case .proceduresPublishedOnTime, .dossiersSyncedToPortal, .feedbackHandledOnTime: .transparency
            case .onTimeResults: .timeliness
            case .electronicResults, .digitisedDossiers, .digitisedDataReused, .otherDigitisation: .digitisation
            case .proceduresOnline, .onlineProceduresUsed, .dossiersOnline, .paymentsOnline, .otherPayment: .onlineServices
            case .receptionSatisfaction, .feedbackSatisfaction: .satisfaction
            }
        }
    }

    public struct Item: Hashable, Sendable {
        public let key: ItemKey
        public let points: Double
        /// The share scored; nil when PASC has no input for it ("no data").
        public let share: Double?
        public let threshold: Double
        /// points × min(1, share ÷ threshold); nil with no data.
        public var earned: Double? { share.map { points * min(1, threshold <= 0 ? 1 : $0 / threshold) } }
    }

    public let items: [Item]

    /// The shares PASC measures, by item; items missing here are "no data".
    public init(shares: [ItemKey: Double], rules: NationalScoreRules = .standard) {
        items = ItemKey.allCases.map { key in
            let rule = rules.items[key] ?? NationalScoreRules.Rule(points: 0, threshold: 1)
            return Item(key: key, points: rule.points, share: shares[key], threshold: rule.threshold)
        }
    }

    public func items(in group: Group) -> [Item] { items.filter { $0.key.group == group } }

    /// Points earned in a group, capped at its maximum.
    public func earned(in group: Group) -> Double {
        min(group.maximum, items(in: group).compactMap(\.earned).reduce(0, +))
    }

    /// Points of the group's items that had data: what the group could have earned.
    public func measured(in group: Group) -> Double {
        min(group.maximum, items(in: group).filter { $0.share != nil }.map(\.points).reduce(0, +))
    }

    public var total: Double { Group.allCases.map { earned(in: $0) }.reduce(0, +) }
    public var measured: Double { Group.allCases.map { measured(in: $0) }.reduce(0, +) }
    public var noData: [ItemKey] { items.filter { $0.share == nil }.map(\.key) }
}

/// Points and thresholds of the score's items. The defaults follow a provincial implementation
/// of the DVCQG evaluation (domain notes §3); a province replaces them with a JSON file. An item
/// earns its points in proportion to its share up to the threshold, all of them from there on.
public struct NationalScoreRules: Hashable, Sendable {
    public struct Rule: Hashable, Sendable, Codable {
        public let points: Double
        public let threshold: Double

        public init(points: Double, threshold: Double) {
            self.points = points
            self.threshold = threshold
        }
    }

    public let items: [NationalScore.ItemKey: Rule]

    public init(items: [NationalScore.ItemKey: Rule]) throws(ValidationError) {
        for group in NationalScore.Group.allCases {
            let points = items.filter { $0.key.group == group }.map(\.value.points).reduce(0, +)
            guard points <= group.maximum + 1e-9 else {
                throw ValidationError(
                    field: "items",
                    message: "Các mục của nhóm \(group.rawValue) cộng \(points) điểm, vượt \(group.maximum) điểm.",
                    messageEn: "The items of group \(group.rawValue) add up to \(points) points, over its \(group.maximum)."
                )
            }
        }
        for (key, rule) in items where rule.points < 0 || rule.threshold <= 0 || rule.threshold > 1 {
            throw ValidationError(
                field: "items.\(key.rawValue)",
                message: "Điểm phải không âm và ngưỡng trong (0, 1].",
                messageEn: "Points must not be negative and the threshold must lie in (0, 1]."
            )
        }
        self.items = items
    }

    public static let standard = try! NationalScoreRules(items: [
        .proceduresPublishedOnTime: Rule(points: 4, threshold: 1),
        .dossiersSyncedToPortal: Rule(points: 8, threshold: 1),
        .feedbackHandledOnTime: Rule(points: 6, threshold: 1),
        .onTimeResults: Rule(points: 20, threshold: 1),
        .electronicResults: Rule(points: 6, threshold: 1),
        .digitisedDossiers: Rule(points: 4, threshold: 0.8),
        .digitisedDataReused: Rule(points: 2, threshold: 1),
        .otherDigitisation: Rule(points: 10, threshold: 1),
        .proceduresOnline: Rule(points: 2, threshold: 0.8),
        .onlineProceduresUsed: Rule(points: 4, threshold: 1),
        .dossiersOnline: Rule(points: 6, threshold: 0.5),
        .paymentsOnline: Rule(points: 6, threshold: 0.3),
        .otherPayment: Rule(points: 4, threshold: 1),
        .receptionSatisfaction: Rule(points: 6, threshold: 1),
        .feedbackSatisfaction: Rule(points: 12, threshold: 1),
    ])

    /// Reads a province's rules: `{"items": {"digitisedDossiers": {"points": 4, "threshold": 0.8}, …}}`.
    /// Items left out keep the standard rule; an unknown item, or points over a group's cap, is refused.
    public init(json: Data) throws(ValidationErrors) {
        guard let object = try? JSONSerialization.jsonObject(with: json) as? [String: Any], let items = object["items"] as? [String: Any],
            object.keys.allSatisfy({ $0 == "items" })
        else {
            throw ValidationErrors([
                ValidationError(
                    field: "items",
                    message: "Tệp quy tắc điểm phải là JSON {\"items\": {\"mục\": {\"points\": số, \"threshold\": số}}}.",
                    messageEn: "The score rules file must be JSON {\"items\": {\"item\": {\"points\": number, \"threshold\": number}}}."
                )
            ])
        }
        var rules = Self.standard.items
        var errors: [ValidationError] = []
        for (name, value) in items {
            guard let key = NationalScore.ItemKey(rawValue: name) else {
                let known = NationalScore.ItemKey.allCases.map(\.rawValue).joined(separator: ", ")
                errors.append(
                    ValidationError(
                        field: "items.\(name)",
                        message: "Không có mục '\(name)'; các mục: \(known).",
                        messageEn: "There is no item '\(name)'; items: \(known)."
                    )
                )
                continue
            }
            guard let rule = value as? [String: Any], let points = (rule["points"] as? NSNumber)?.doubleValue,
                let threshold = (rule["threshold"] as? NSNumber)?.doubleValue, rule.keys.allSatisfy({ ["points", "threshold"].contains($0) })
            else {
                errors.append(
                    ValidationError(
                        field: "items.\(name)",
                        message: "Mục '\(name)' cần đúng hai số points và threshold.",
                        messageEn: "Item '\(name)' needs exactly the numbers points and threshold."
                    )
                )
                continue
            }
            rules[key] = Rule(points: points, threshold: threshold)
        }
        if !errors.isEmpty { throw ValidationErrors(errors) }
        do {
            try self.init(items: rules)
        } catch {
            throw ValidationErrors([error])
        }
    }
}
