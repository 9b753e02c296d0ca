/// One forward-only schema change: numbered, named, a list of statements run in one transaction.
struct Migration: Sendable {
    let version: Int
    let name: String
    let statements: [String]
}
