import Foundation
import Logging
import TelexStore

/// The reader's share of search indexing: while it runs, items a pass queued for the index (its own `r`
/// pass, or a `telex fetch --no-wait-index`) are indexed one short batch at a time on a thread of their own
/// (`BackgroundIndexer`), so the user's keys never wait on it and `telex serve` need not run. Search finds
/// queued items meanwhile.
final class IdleIndexer: Sendable {
    private let indexer: BackgroundIndexer

    /// Indexes one batch every `interval` seconds while the queue holds items (and looks at it every `interval`
    /// seconds when it is empty); stops on a failure.
    init(store: Store, interval: Double = 0.25, logger: Logger) {
        indexer = BackgroundIndexer(store: store, batch: Store.indexBatch, pause: interval, idle: interval,
                                     delay: interval) { error in
            logger.warning("search indexing stopped: \(error)")
        }
    }

    /// Items indexed so far.
    var indexed: Int { indexer.indexed }

    /// Stops after the batch in progress (waiting for it). Idempotent.
    func stop() { indexer.stop() }
    deinit { indexer.stop() }
}
