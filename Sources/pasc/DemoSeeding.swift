import Foundation
import PASCApp
import PASCCore
import PASCDomain
import PASCStore

/// Seeds the demo network and its staff roster (each once), printing what happened. The staff
/// sign-ins go to `demo-accounts.txt` (mode 0600) beside the data; only that path is printed.
func seedDemo(_ store: SQLStore, configuration: PASCConfiguration) async throws {
    switch try await Seeder(store: store).seedDemo() {
    case .seeded(let offices, let units, let agencies, let procedures):
        printLine("Seeded the demo network: \(offices) offices, \(units) administrative units, \(agencies) agencies, \(procedures) procedures.")
    case .alreadySeeded(let at):
        printLine("Demo data already present (seeded \(at)); not seeding again.")
    }
    let dataset = try DemoDataset.load()
    // Cost 10, bcrypt's floor here: the roster has hundreds of accounts and the demo starts once.
    let seeder = DemoStaffSeeder(accounts: store, passwords: BcryptPasswordHasher(cost: 10))
    guard
        let signIns = try await seeder.seed(dataset, progress: { done, total in printLine("Hashing demo staff passwords: \(done)/\(total)") })
    else { return }
    let file = demoAccountsFile(configuration)
    try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
    var text = "# PASC demo sign-ins (username<TAB>password<TAB>roles<TAB>home office). Demo only; keep private.\n"
    for signIn in signIns {
        let roles = signIn.member.roles.sorted().map(\.rawValue).joined(separator: ",")
        text += "\(signIn.member.username)\t\(signIn.password)\t\(roles)\t\(signIn.member.homeOffice?.rawValue ?? "-")\n"
    }
    guard FileManager.default.createFile(atPath: file.path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600]) else {
        throw ConfigurationError("cannot write \(file.path)")
    }
    try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file.path)
    printLine("Seeded \(signIns.count) demo staff accounts; their sign-ins are in \(file.path)")
}

/// `pasc-data/demo-accounts.txt`: beside the SQLite file, or in `./pasc-data` for PostgreSQL.
func demoAccountsFile(_ configuration: PASCConfiguration) -> URL {
    switch DatabaseLocation(configuration.database) {
    case .sqlite(let path): URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent("demo-accounts.txt")
    case .postgres: URL(fileURLWithPath: "pasc-data/demo-accounts.txt")
    }
}
