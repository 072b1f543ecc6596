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

    @Flag(help: "Index as the reader does, on a BackgroundIndexer thread (one batch every 10 ms).")
    var background = false

    func run() throws {
        let store = try Store.open(directory: global.cacheDirectory)
        if background {
            let indexer = BackgroundIndexer(store: store, batch: Store.indexBatch, pause: 0.01, idle: 0.01)
            while try store.pendingIndexCount() > 0 { usleep(10_000) }
            indexer.stop()
            FileHandle.standardOutput.write(Data("indexed \(indexer.indexed)\n".utf8))
            return
        }
        var total = 0
        try store.indexAllPending(taken: { taken in
            total += taken
            FileHandle.standardOutput.write(Data("indexed \(total)\n".utf8))
        })
    }
}
