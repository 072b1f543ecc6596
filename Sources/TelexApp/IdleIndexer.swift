import Foundation
import Logging
import TelexStore

/// The reader's share of search indexing: while it runs, items a pass queued for the index (its own `r`
/// pass, or a `telex fetch --no-wait-index`) are indexed one short batch at a time on a utility queue, so
/// the user's keys never wait on it and `telex serve` need not run. Search finds queued items meanwhile.
final class IdleIndexer: @unchecked Sendable {
    private let timer: DispatchSourceTimer

    /// Indexes one batch every `interval` seconds while the queue holds items; stops on a failure.
    init(store: Store, interval: Double = 0.25, logger: Logger) {
        let queue = DispatchQueue(label: "telex.idle-indexer", qos: .utility)
        timer = DispatchSource.makeTimerSource(queue: queue)
        timer.schedule(deadline: .now() + interval, repeating: interval, leeway: .milliseconds(50))
        let timer = self.timer
        timer.setEventHandler {
            do { _ = try store.indexPending() } catch {
                logger.warning("search indexing stopped: \(error)")
                timer.cancel()
            }
        }
        timer.resume()
    }

    func stop() { timer.cancel() }
    deinit { timer.cancel() }
}
