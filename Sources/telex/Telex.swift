import ArgumentParser
import Foundation
import TelexApp
import TelexConfig
import TelexFetch

/// The composition root: argv, environment, logging and the subcommands.
@main
struct Telex: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "telex",
        abstract: "A terminal news reader: headlines by section, whole articles offline, linked stories by keyboard.",
        discussion: """
        Without a subcommand, opens the reader on the cache. Sections and feeds come from feeds.json \
        ($XDG_CONFIG_HOME/telex/feeds.json, else the built-in default; --config overrides). \
        See telex(1) and docs/ for details.
        """,
        version: TelexVersion.string,
        subcommands: [Reader.self, Feeds.self, Add.self, Remove.self, Move.self, Import.self, Export.self, Parse.self, BenchParse.self,
                      Extract.self, BenchExtract.self, ExtractBatch.self,
                      List.self, Search.self, StoreStress.self, IndexPending.self, BenchStore.self, BenchUI.self, BenchImages.self,
                      Fetch.self, Serve.self, Sync.self, Accounts.self, Mark.self, Read.self, Demo.self, FixtureServe.self],
        defaultSubcommand: Reader.self
    )

    static func main() {
        MemoryTuning.apply()
        main(nil)
    }
}
