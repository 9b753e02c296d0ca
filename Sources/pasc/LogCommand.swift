import ArgumentParser
import Foundation
import PASCApp
import PASCCore
import PASCDomain
import PASCStore
import PASCTransparency

/// `pasc log`: the public log's key and checkpoints.
struct LogCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "log",
        abstract: "The public log: create its signing key, export its signed checkpoint.",
        subcommands: [InitKey.self, ExportCheckpoint.self]
    )

    struct InitKey: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "init-key",
            abstract: "Create the deployment's log signing key (mode 0600) and its public key (<file>.pub)."
        )

        @Option(help: "Where to write the key (point every server at it with PASC_LOG_KEY_FILE).") var out: String
        @Option(help: "The log's name, the first line of every checkpoint (for example pasc.binhduong.gov.vn/log).") var origin: String

        func run() async throws {
            try await runReportingErrors {
                let signer = try LogKeyFile.create(out, origin: origin)
                printLine("Wrote the signing key \(out) (mode 0600) and the public key \(out).pub:")
                printLine(signer.verifier.verifierKey)
            }
        }
    }

    struct ExportCheckpoint: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "export-checkpoint",
            abstract: "Write the current signed checkpoint, for publication outside PASC (portal, newspaper, witnesses)."
        )

        @OptionGroup var options: DatabaseOptions
        @Option(help: "The signing key (default: PASC_LOG_KEY_FILE or log-key in the data folder); used to sign the latest leaves first.")
        var key: String?
        @Option(help: "A file to write the checkpoint to (default: standard output).") var out: String?

        func run() async throws {
            try await runReportingErrors {
                var extra: [PASCConfiguration.Key: String] = [:]
                if let key { extra[.logKeyFile] = key }
                let configuration = try options.resolve(extra: extra)
                let store = try await openMigratedStore(configuration, logger: makeLogger(configuration))
                do {
                    let log = TransparencyLog(store: store, clock: try configuration.makeClock())
                    // Sign what is there now, so the export covers every leaf.
                    try await log.publish(signer: try LogKeyFile.load(configuration.resolvedLogKeyFile))
                    guard let latest = try await store.latestCheckpoint() else { throw ConfigurationError("the log has no checkpoint") }
                    if let out {
                        try Data(latest.note.utf8).write(to: URL(fileURLWithPath: out))
                        printLine("Wrote checkpoint \(latest.size) (signed \(latest.signedAt)) to \(out).")
                    } else {
                        FileHandle.standardOutput.write(Data(latest.note.utf8))
                    }
                } catch {
                    try? await store.shutdown()
                    throw error
                }
                try await store.shutdown()
            }
        }
    }
}

/// `pasc verify`: checks a PASC log against a public key, and remembers the checkpoint it accepted.
struct VerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check the public log of a server or a database against a trusted public key; names the first entry that fails."
    )

    @Option(help: "A PASC server's address (http(s)://…); otherwise the database is read.") var server: String?
    @OptionGroup var options: DatabaseOptions
    @Option(help: "The trusted public key file (<name>+<hash>+<key>, as in log-key.pub).") var key: String
    @Option(help: "Where the last accepted checkpoint is kept (default .pasc-verify/<key hash>.checkpoint).") var state: String?
    @Option(help: "After a key rotation: the old public key, which signed the saved checkpoint.") var savedKey: String?
    @Option(help: "Also check that every event of this dossier is included and matches its public page.") var dossier: String?
    @Flag(help: "Read every leaf from the server (always done for a database).") var full = false
    @Flag(help: "Accept leaves a database holds after its latest checkpoint (a running server signs every few seconds).")
    var allowUnsigned = false
    @Flag(help: "Do not save the accepted checkpoint.") var noSave = false

    func run() async throws {
        try await runReportingErrors {
            let verifier = try LogKeyFile.loadVerifier(key)
            let savedVerifier = try savedKey.map(LogKeyFile.loadVerifier)
            let statePath = state ?? ".pasc-verify/\(verifier.keyHash.map { String(format: "%02x", $0) }.joined()).checkpoint"
            let saved = FileManager.default.contents(atPath: statePath).map { String(decoding: $0, as: UTF8.self) }
            let code = try dossier.map { raw in
                do { return try DossierCode(raw) } catch { throw ConfigurationError("--dossier '\(raw)' is not a dossier code") }
            }
            var store: SQLStore?
            let source: any LogSource
            if let server {
                guard let url = URL(string: server), ["http", "https"].contains(url.scheme ?? "") else {
                    throw ConfigurationError("--server must be an http(s) address, got '\(server)'")
                }
                source = HTTPLogSource(base: url)
            } else {
                let configuration = try options.resolve()
                let opened = try await StoreFactory.open(
                    DatabaseLocation(configuration.database),
                    clock: SystemClock(),
                    logger: makeLogger(configuration)
                )
                store = opened
                do { try await opened.checkSchema() } catch {
                    try? await opened.shutdown()
                    throw ConfigurationError("\(error) (run `pasc migrate` on it first)")
                }
                source = StoreLogSource(name: configuration.database, store: opened, clock: SystemClock())
            }
            let audit = LogAudit(verifier: verifier, source: source)
            let outcome: Result<LogAudit.Report, AuditFailure>
            do {
                outcome = .success(
                    try await audit.run(.init(saved: saved, savedVerifier: savedVerifier, dossier: code, full: full, allowUnsigned: allowUnsigned)) {
                        line in printLine("  \(line)")
                    }
                )
            } catch let failure as AuditFailure {
                outcome = .failure(failure)
            } catch {
                try? await store?.shutdown()
                throw error
            }
            try? await store?.shutdown()
            switch outcome {
            case .success(let report):
                for line in report.lines { printLine("ok: \(line)") }
                if !noSave {
                    try FileManager.default.createDirectory(
                        atPath: (statePath as NSString).deletingLastPathComponent.isEmpty ? "." : (statePath as NSString).deletingLastPathComponent,
                        withIntermediateDirectories: true
                    )
                    try Data(report.note.utf8).write(to: URL(fileURLWithPath: statePath))
                    printLine("Accepted checkpoint \(report.checkpoint.size); saved it in \(statePath) for the next run.")
                }
            case .failure(let failure):
                FileHandle.standardError.write(Data("pasc verify: FAILED at \(failure.entry): \(failure.reason)\n".utf8))
                throw ExitCode(2)
            }
        }
    }
}
