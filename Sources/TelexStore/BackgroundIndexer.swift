import Foundation

/// Drains `search_queue` on a thread of its own, one short batch at a time, while its owner runs: a
/// `telex fetch` pass (the items whose pages the article phase saves are indexed while the pass fetches
/// and extracts, between the writer's commits) and the reader (`IdleIndexer`, while the user reads).
///
/// Each batch is `Store.indexPending`: the text is read and converted in a read snapshot, then written in
/// one transaction of `batch` items. It uses the store's own writer
/// connection: GRDB hands that connection to the waiting writes in turn, so a pass's commit waits at most one
/// batch and never sleeps in SQLite's busy handler, as a second connection of this process would (its
/// retries back off up to 100 ms while the lock is free). Crash-safe as `indexPending` is: each item is
/// indexed or still queued.
public final class BackgroundIndexer: @unchecked Sendable {
    private let store: Store
    private let batch: Int
    private let pause: TimeInterval
    private let idle: TimeInterval
    private let onError: @Sendable (Error) -> Void
    private let condition = NSCondition()
    // Guarded by `condition`.
    private var stopped = false
    private var running = true
    private var taken = 0

    /// Starts indexing after `delay` seconds: a batch of `batch` items, then `pause` seconds when more wait, `idle`
    /// seconds when the queue is empty. A failure is given to `onError` and stops the indexer (what is left stays
    /// queued). The thread holds the indexer until `stop()`.
    public init(store: Store, batch: Int, pause: TimeInterval, idle: TimeInterval, delay: TimeInterval = 0,
                qos: QualityOfService = .utility, onError: @escaping @Sendable (Error) -> Void = { _ in }) {
        self.store = store; self.batch = batch; self.pause = pause; self.idle = idle; self.onError = onError
        let thread = Thread { [self] in
            if delay > 0 { condition.withLock { if !stopped { _ = condition.wait(until: Date(timeIntervalSinceNow: delay)) } } }
            loop()
        }
        thread.name = "telex.indexer"
        thread.qualityOfService = qos
        thread.start()
    }

    private func loop() {
        while !condition.withLock({ stopped }) {
            let indexed: Int
            do { indexed = try store.indexPending(limit: batch) } catch {
                onError(error)
                break
            }
            condition.lock()
            taken += indexed
            condition.broadcast()
            let wait = indexed > 0 ? pause : idle
            if !stopped, wait > 0 { _ = condition.wait(until: Date(timeIntervalSinceNow: wait)) }
            let stop = stopped
            condition.unlock()
            if stop { break }
        }
        condition.lock()
        running = false
        condition.broadcast()
        condition.unlock()
    }

    /// Items taken off the queue so far.
    public var indexed: Int { condition.withLock { taken } }

    /// Stops after the batch in progress and waits for it: the store is free of this indexer on return. Idempotent.
    public func stop() {
        condition.lock()
        stopped = true
        condition.broadcast()
        while running { condition.wait() }
        condition.unlock()
    }

    deinit {
        condition.lock()
        stopped = true
        condition.broadcast()
        condition.unlock()
    }
}
