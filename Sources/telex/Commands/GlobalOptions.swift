import ArgumentParser
import Foundation
import TelexApp
import TelexConfig

/// Options every subcommand takes.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Read sections and feeds from this feeds.json.", valueName: "path"))
    var config: String?

    @Option(name: .long, help: ArgumentHelp("The cache directory (default: $XDG_DATA_HOME/telex).", valueName: "dir"))
    var cache: String?

    var paths: Paths { Paths() }

    var cacheDirectory: String { cache ?? paths.dataDirectory }

    /// Loads feeds.json or exits with status 2 and the problems on stderr.
    func loadConfiguration() throws -> Configuration {
        do { return try ConfigurationLoader.load(explicitPath: config, paths: paths) } catch {
            Output.error(error.description)
            throw ExitCode(ExitStatus.configuration)
        }
    }
}

extension GlobalOptions {
    /// The reader's keymap and theme from the configuration, or exit status 2 with the problems on stderr.
    func readerLook(_ configuration: Configuration) throws -> ReaderLook {
        do { return try ReaderLook.resolve(configuration) } catch {
            Output.error(error.description)
            throw ExitCode(ExitStatus.configuration)
        }
    }
}

/// Exit statuses documented in docs/cli.md.
enum ExitStatus {
    static let ok: Int32 = 0
    static let runtime: Int32 = 1
    static let configuration: Int32 = 2
    /// `telex fetch`: every selected feed failed (so cron notices).
    static let allFailed: Int32 = 3
    static let usage: Int32 = 64
}
