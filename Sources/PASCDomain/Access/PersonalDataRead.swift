/// One read of a dossier's personal data by a member of staff: who, when, which dossier, through
/// which route, which kinds of data. Kept so that an applicant or an inspector can ask who looked.
public struct PersonalDataRead: Hashable, Sendable {
    /// ISO 8601 time with the `+07:00` offset.
    public let at: String
    public let actor: String
    public let roles: [Role]
    public let dossier: String
    /// The route as the router names it (`GET /api/v1/dossiers/{code}`), not the URL asked, so no
    /// query text (which might hold personal data) is kept.
    public let route: String
    public let kinds: [PersonalDataKind]

    public init(at: String, actor: String, roles: [Role], dossier: String, route: String, kinds: Set<PersonalDataKind>) {
        self.at = at
        self.actor = actor
        self.roles = roles.sorted()
        self.dossier = dossier
        self.route = route
        self.kinds = PersonalDataKind.allCases.filter(kinds.contains)
    }
}
