import Foundation
import Testing
import TelexConfig
import TelexModel
import TelexStore
import TelexTestSupport
@testable import TelexApp

/// The reader indexes for search while it runs: items a `telex fetch --no-wait-index` (or its own `r`) queued.
@Suite(.timeLimit(.minutes(1))) struct IdleIndexerTests {
    static func session(_ dir: URL) throws -> CacheSession {
        let path = dir.appendingPathComponent("feeds.json").path
        // Nothing listens there: the reader never fetches in this test.
        try "{\"sections\": [{\"name\": \"News\", \"feeds\": [{\"url\": \"http://127.0.0.1:9/a.xml\"}]}]}\n"
            .write(toFile: path, atomically: true, encoding: .utf8)
        let config = try ConfigurationLoader.load(explicitPath: path, paths: Paths())
        return try CacheSession(configuration: config, cacheDirectory: dir.appendingPathComponent("cache").path)
    }

    static func queueItems(_ store: Store, count: Int, word: String) throws {
        let feed = try #require(try store.feedsForFetching().first).id
        let now = Date()
        let items = (0..<count).map { i in
            ItemRecord(stableID: "\(word)-\(i)", link: "http://127.0.0.1:9/\(word)/\(i)", title: "\(word) \(i)", published: now,
                       summaryHTML: "<p>A story about the \(word), number \(i).</p>")
        }
        try store.applyFeedResults([FeedResult(state: FeedFetchState(feedID: feed, attemptedAt: now, succeededAt: now), items: items)])
    }

    @Test func theReaderIndexesWhatWasQueuedWhileItIsOpenAndStopsWhenItCloses() async throws {
        let dir = try Fixtures.temporaryDirectory("telex-idle-index")
        defer { try? FileManager.default.removeItem(at: dir) }
        let session = try Self.session(dir)
        try Self.queueItems(session.store, count: 600, word: "lighthouse")
        #expect(try session.store.pendingIndexCount() == 600)
        session.startWatching(post: { _ in })
        // 250 items a batch, a batch every 0.25 s: three batches.
        while try session.store.pendingIndexCount() > 0 { try await Task.sleep(for: .milliseconds(20)) }
        #expect(try session.store.search("lighthouse", limit: 50).count == 50)
        #expect(try session.store.count(.search("lighthouse")) == 600)
        // Queued while the reader runs (its own `r` pass, another process's `telex fetch --no-wait-index`).
        try Self.queueItems(session.store, count: 10, word: "zeppelin")
        while try session.store.pendingIndexCount() > 0 { try await Task.sleep(for: .milliseconds(20)) }
        session.stopWatching()
        // Closed: what is queued now waits for the next indexer.
        try Self.queueItems(session.store, count: 5, word: "dirigible")
        #expect(try session.store.pendingIndexCount() == 5)
        #expect(try session.store.count(.search("dirigible")) == 5)
    }
}
