import ArgumentParser

/// `pasc`: one binary for the server and its maintenance commands, sharing one configuration.
@main
struct PascCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pasc",
        abstract: "PASC: public administration service centers (one-stop offices) — server and tools.",
        subcommands: [
            ServeCommand.self, MigrateCommand.self, SeedCommand.self, UsersCommand.self, CalendarCommand.self, OutboxCommand.self, DemoCommand.self,
            LogCommand.self, VerifyCommand.self,
        ],
        defaultSubcommand: nil
    )
}
