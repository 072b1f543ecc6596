import Foundation
import TelexStore

/// Gathers feed outcomes and writes them in batches, so a pass over hundreds of feeds costs a few
/// short transactions (each well under 50 ms) instead of one per feed or one long one. A batch is
/// written when it is full or when its oldest outcome has waited `maxDelay` (about a second), so one
/// slow feed never holds back the news of the feeds that finished. Feeds are reported only once their
/// batch is committed: a batch that rolls back (a full disk) reports its feeds failed, never "ok".
final class BatchWriter {
    /// What a committed batch wrote.
    struct Commit {
        var reports: [FeedReport] = []
        var newItems = 0
    }

    /// A batch that did not commit, and the feeds it held.
    struct Failure: Error {
        var error: StoreError
        var reports: [FeedReport]
    }

    private let store: Store
    private let clock: any FetchClock
    private let maxDelay: Double
    private var results: [FeedResult] = []
    private var states: [FeedFetchState] = []
    private var reports: [FeedReport] = []
    private var oldest: Date?
    private var pendingItems = 0
    /// Items per transaction: ~10-20 ms each with the full-text index, and a bounded batch in memory.
    private let maxItems = 200
    private let maxFeeds = 64

    private let indexing: SearchIndexing

    init(store: Store, clock: any FetchClock, maxDelay: Double = 1, indexing: SearchIndexing = .queued) {
        self.store = store; self.clock = clock; self.maxDelay = maxDelay; self.indexing = indexing
    }

    /// A feed with a new document.
    func add(_ result: FeedResult, report: FeedReport) throws(Failure) -> Commit? {
        results.append(result)
        pendingItems += result.items.count
        return try added(report)
    }

    /// A 304 or a failure: its fetch state only.
    func add(_ state: FeedFetchState, report: FeedReport) throws(Failure) -> Commit? {
        states.append(state)
        return try added(report)
    }

    /// Writes the batch when its oldest outcome has waited long enough (called about once a second).
    func flushIfDue() throws(Failure) -> Commit? {
        guard let oldest, clock.now.timeIntervalSince(oldest) >= maxDelay else { return nil }
        return try flush()
    }

    /// Writes whatever is pending.
    func flush() throws(Failure) -> Commit? {
        guard !reports.isEmpty else { return nil }
        let commit = Commit(reports: reports)
        let (results, states) = (self.results, self.states)
        self.results = []; self.states = []; self.reports = []; oldest = nil; pendingItems = 0
        do {
            var done = commit
            done.newItems = try store.applyFeedResults(results, states: states, indexing: indexing)
            return done
        } catch {
            throw Failure(error: error as? StoreError ?? .database(path: store.path, detail: "\(error)"), reports: commit.reports)
        }
    }

    private func added(_ report: FeedReport) throws(Failure) -> Commit? {
        reports.append(report)
        if oldest == nil { oldest = clock.now }
        if pendingItems >= maxItems || reports.count >= maxFeeds { return try flush() }
        return nil
    }
}
