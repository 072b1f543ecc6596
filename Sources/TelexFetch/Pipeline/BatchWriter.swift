import TelexStore

/// Gathers feed outcomes and writes them in batches, so a pass over hundreds of feeds costs a few
/// short transactions (each well under 50 ms) instead of one per feed or one long one.
final class BatchWriter {
    private let store: Store
    private var results: [FeedResult] = []
    private var notModified: [FeedFetchState] = []
    private var failures: [FeedFetchState] = []
    private var pendingItems = 0
    /// Items per transaction: ~10-20 ms each with the full-text index, and a bounded batch in memory.
    private let maxItems = 200
    private let maxFeeds = 64

    init(store: Store) { self.store = store }

    func add(_ result: FeedResult) throws {
        results.append(result)
        pendingItems += result.items.count
        try flushIfFull()
    }

    func addNotModified(_ state: FeedFetchState) throws {
        notModified.append(state)
        try flushIfFull()
    }

    func addFailure(_ state: FeedFetchState) throws {
        failures.append(state)
        try flushIfFull()
    }

    private func flushIfFull() throws {
        if pendingItems >= maxItems || results.count + notModified.count + failures.count >= maxFeeds { try flush() }
    }

    func flush() throws {
        if !results.isEmpty { try store.applyFeedResults(results); results = []; pendingItems = 0 }
        if !notModified.isEmpty { try store.recordNotModified(notModified); notModified = [] }
        if !failures.isEmpty { try store.recordFailures(failures); failures = [] }
    }
}
