import ArgumentParser
import Foundation
import TelexStore

/// Drains the search queue, printing "indexed N" after each batch (the child of the indexer's SIGKILL test;
/// `telex fetch` indexes by itself after its pass).
struct IndexPending: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "_index", abstract: "Index the items queued for search, then exit (crash-safety test).",
        shouldDisplay: false)

    @OptionGroup var global: GlobalOptions

    func run() throws {
        let store = try Store.open(directory: global.cacheDirectory)
        var total = 0
        try store.indexAllPending(taken: { taken in
            total += taken
            FileHandle.standardOutput.write(Data("indexed \(total)\n".utf8))
        })
    }
}
