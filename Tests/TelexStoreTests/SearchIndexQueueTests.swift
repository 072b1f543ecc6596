import Foundation
import GRDB
import Testing
import TelexModel
import TelexTestSupport
@testable import TelexStore

/// The search index off the write path: a pass queues its items, an indexer writes their search rows
/// later, and search is complete over both meanwhile.
@Suite("Search index queue")
struct SearchIndexQueueTests {
    static let texts = [
        "Vaccines against covid-19 reach the elderly",
        "The C++ committee meets in Zürich",
        "Café culture: a history",
        "Parliament votes on the budget",
        "Budget talks stall again; budget deadline missed",
    ]

    static func fixture() throws -> StoreFixture {
        let fixture = try StoreFixture()
        try fixture.addItems("https://a.example/feed", count: texts.count, summary: { "<p>\(texts[$0])</p>" })
        return fixture
    }

    static func indexedRows(_ store: Store) throws -> Int64? { try store.scalarForTesting("SELECT COUNT(*) FROM item_fts") }

    /// Search over `texts` (as `fixture` writes them) finds each item by its words, accents and punctuation aside.
    static func expectSearchFindsTheTexts(_ store: Store) throws {
        for (query, titles) in [("covid-19", ["item 0"]), ("zurich", ["item 1"]), ("cafe", ["item 2"]),
                                ("budget", ["item 4", "item 3"]), ("nothingmatches", [])] {
            #expect(try store.search(query, limit: 50).map(\.title) == titles, "\(query)")
            #expect(try store.count(.search(query)) == titles.count, "\(query)")
        }
    }

    @Test func aPassQueuesItsItemsAndWritesNoSearchRow() throws {
        let fixture = try Self.fixture()
        #expect(try fixture.store.pendingIndexCount() == 5)
        #expect(try Self.indexedRows(fixture.store) == 0)
    }

    @Test(arguments: [false, true])
    func searchFindsTheSameItemsQueuedOrIndexed(indexed: Bool) throws {
        let fixture = try Self.fixture()
        if indexed {
            #expect(try fixture.store.indexAllPending() == 5)
            #expect(try fixture.store.pendingIndexCount() == 0)
            #expect(try Self.indexedRows(fixture.store) == 5)
        }
        try Self.expectSearchFindsTheTexts(fixture.store)
    }

    @Test func itemsHalfIndexedHalfQueuedAreAllFoundOnce() throws {
        let fixture = try StoreFixture()
        try fixture.addItems("https://a.example/feed", count: 6, prefix: "old", summary: { "lighthouse keeper \($0)" })
        try fixture.store.indexAllPending()
        try fixture.addItems("https://b.example/feed", count: 4, prefix: "new", summary: { "lighthouse keeper \($0)" })
        #expect(try fixture.store.pendingIndexCount() == 4)
        let found = try fixture.store.search("lighthouse", limit: 50).map(\.title)
        #expect(found.count == 10 && Set(found).count == 10)
        #expect(Array(found.prefix(4)).allSatisfy { $0.hasPrefix("new") })
        #expect(try fixture.store.count(.search("lighthouse")) == 10)
    }

    @Test func anUpdatedItemIsFoundByItsNewTextOnlyBeforeAndAfterReindexing() throws {
        let fixture = try StoreFixture()
        try fixture.addItems("https://a.example/feed", count: 1, summary: { _ in "zeppelin" })
        try fixture.store.indexAllPending()
        try fixture.addItems("https://a.example/feed", count: 1, summary: { _ in "dirigible" })
        #expect(try fixture.store.pendingIndexCount() == 1)
        #expect(try fixture.store.search("zeppelin", limit: 5).isEmpty)
        #expect(try fixture.store.count(.search("zeppelin")) == 0)
        #expect(try fixture.store.search("dirigible", limit: 5).map(\.title) == ["item 0"])
        try fixture.store.indexAllPending()
        #expect(try fixture.store.search("zeppelin", limit: 5).isEmpty)
        #expect(try fixture.store.search("dirigible", limit: 5).map(\.title) == ["item 0"])
        #expect(try Self.indexedRows(fixture.store) == 1)
    }

    @Test func aSavedArticleQueuesItsItemsWithThePagesText() throws {
        let fixture = try Self.fixture()
        try fixture.store.indexAllPending()
        _ = try fixture.store.saveArticle(ArticleRecord(requestedURL: "https://a.example/item/2", fetchedAt: Date(),
                                                        plainText: "Espresso was invented in Turin"))
        #expect(try fixture.store.pendingIndexCount() == 1)
        #expect(try fixture.store.search("espresso", limit: 5).map(\.title) == ["item 2"])
        try fixture.store.indexAllPending()
        #expect(try fixture.store.search("espresso", limit: 5).map(\.title) == ["item 2"])
    }

    /// `telex fetch` (which waits for the index) has its writer write the search rows from the parse tasks' text.
    @Test func aWriterThatIndexesInlineQueuesNothingAndSearchFindsTheSameItems() throws {
        let fixture = try StoreFixture()
        try fixture.addItems("https://a.example/feed", count: Self.texts.count, summary: { "<p>\(Self.texts[$0])</p>" },
                             indexing: .inline)
        #expect(try fixture.store.pendingIndexCount() == 0)
        #expect(try Self.indexedRows(fixture.store) == 5)
        try Self.expectSearchFindsTheTexts(fixture.store)
        // The same text as the indexer would have written from the stored HTML.
        #expect(try fixture.store.indexMismatches().isEmpty)
        try fixture.store.executeForTesting("INSERT INTO item_fts(item_fts, rank) VALUES ('integrity-check', 1)")
    }

    @Test func anItemQueuedEarlierAndWrittenAgainInlineLeavesTheQueueWithItsNewText() throws {
        let fixture = try StoreFixture()
        try fixture.addItems("https://a.example/feed", count: 1, summary: { _ in "zeppelin" })
        try fixture.addItems("https://a.example/feed", count: 1, summary: { _ in "dirigible" }, indexing: .inline)
        #expect(try fixture.store.pendingIndexCount() == 0)
        #expect(try Self.indexedRows(fixture.store) == 1)
        #expect(try fixture.store.search("zeppelin", limit: 5).isEmpty)
        #expect(try fixture.store.search("dirigible", limit: 5).map(\.title) == ["item 0"])
        try fixture.addItems("https://a.example/feed", count: 1, summary: { _ in "airship" }, indexing: .inline)
        #expect(try fixture.store.search("dirigible", limit: 5).isEmpty)
        #expect(try fixture.store.search("airship", limit: 5).map(\.title) == ["item 0"])
        #expect(try fixture.store.indexMismatches().isEmpty)
        try fixture.store.executeForTesting("INSERT INTO item_fts(item_fts, rank) VALUES ('integrity-check', 1)")
    }

    @Test func anItemWrittenInlineWhosePageIsCachedIsFoundByThePagesText() throws {
        let fixture = try StoreFixture()
        _ = try fixture.store.saveArticle(ArticleRecord(requestedURL: "https://a.example/item/0", fetchedAt: Date(),
                                                        plainText: "Espresso was invented in Turin"))
        try fixture.addItems("https://a.example/feed", count: 1, summary: { _ in "coffee" }, indexing: .inline)
        #expect(try fixture.store.pendingIndexCount() == 0)
        #expect(try fixture.store.search("espresso", limit: 5).map(\.title) == ["item 0"])
        #expect(try fixture.store.indexMismatches().isEmpty)
    }

    /// With articles on, the items whose page the pass will save (the newest, up to `articles_per_feed`; for
    /// `auto` only summaries) are queued, not written from the feed's text: saving the page queues them again,
    /// and the indexer writes each row once, with the page's text. The others are written inline.
    @Test func anInlineWriterQueuesTheItemsWhosePageThePassWillSave() throws {
        let fixture = try StoreFixture()
        let long = String(repeating: "A full story told in the feed itself. ", count: 40)
        // Items 0 (newest) to 4; item 1 carries its whole story, so `auto` fetches no page for it.
        try fixture.addItems("https://a.example/feed", count: 5, summary: { $0 == 1 ? long : "summary \($0)" }, indexing: .inline,
                             pagesAhead: PagesAhead(always: false, perFeed: 2, summaryBelow: 500))
        #expect(try Self.queuedTitles(fixture.store) == ["item 0", "item 2"])
        #expect(try Self.indexedRows(fixture.store) == 3)
        let all = try StoreFixture()
        try all.addItems("https://a.example/feed", count: 5, summary: { $0 == 1 ? long : "summary \($0)" }, indexing: .inline,
                         pagesAhead: PagesAhead(always: true, perFeed: 3, summaryBelow: 500))
        #expect(try Self.queuedTitles(all.store) == ["item 0", "item 1", "item 2"])
        // Search still finds the queued items before any page arrives.
        #expect(try all.store.search("summary", limit: 10).count == 4)
    }

    static func queuedTitles(_ store: Store) throws -> [String] {
        try store.read { db in
            try String.fetchAll(db, sql: "SELECT title FROM item WHERE id IN (SELECT item_id FROM search_queue) ORDER BY title")
        }
    }

    /// The reader's indexer (`IdleIndexer`) and `telex fetch`'s during its pass: a thread that drains the queue.
    @Test(.timeLimit(.minutes(1)))
    func aBackgroundIndexerDrainsTheQueueInBatchesWhileItsOwnerIdles() async throws {
        let fixture = try Self.fixture()
        let indexer = BackgroundIndexer(store: fixture.store, batch: 2, pause: 0.001, idle: 0.001)
        defer { indexer.stop() }
        while try fixture.store.pendingIndexCount() > 0 { try await Task.sleep(for: .milliseconds(5)) }
        #expect(try Self.indexedRows(fixture.store) == 5)
        // Items queued later are indexed too: it keeps looking while its owner runs.
        try fixture.addItems("https://b.example/feed", count: 3, prefix: "late", summary: { "lighthouse \($0)" })
        while try fixture.store.pendingIndexCount() > 0 { try await Task.sleep(for: .milliseconds(5)) }
        #expect(try fixture.store.search("lighthouse", limit: 5).count == 3)
        #expect(try Self.indexedRows(fixture.store) == 8)
        indexer.stop()
        #expect(indexer.indexed == 8)
    }

    @Test(.timeLimit(.minutes(1)))
    func stoppingABackgroundIndexerBeforeItsFirstBatchIndexesNothing() throws {
        let fixture = try Self.fixture()
        let indexer = BackgroundIndexer(store: fixture.store, batch: 250, pause: 0, idle: 0, delay: 3_600)
        indexer.stop()
        indexer.stop()
        #expect(indexer.indexed == 0)
        #expect(try fixture.store.pendingIndexCount() == 5)
    }

    @Test func anItemQueuedAgainWhileItsTextWasReadStaysQueued() throws {
        let fixture = try StoreFixture()
        try fixture.addItems("https://a.example/feed", count: 1, summary: { _ in "zeppelin" })
        let read = try fixture.store.queuedSearchRows(limit: 10)
        try fixture.addItems("https://a.example/feed", count: 1, summary: { _ in "dirigible" })
        #expect(try fixture.store.writeSearchRows(read) == 0)
        #expect(try fixture.store.pendingIndexCount() == 1)
        #expect(try Self.indexedRows(fixture.store) == 0)
        try fixture.store.indexAllPending()
        #expect(try fixture.store.search("dirigible", limit: 5).map(\.title) == ["item 0"])
        #expect(try fixture.store.search("zeppelin", limit: 5).isEmpty)
    }

    @Test func queuedItemsBeyondTheScanBoundWaitForTheIndexer() throws {
        let fixture = try StoreFixture()
        try fixture.addItems("https://a.example/feed", count: 5, summary: { _ in "lighthouse" })
        #expect(try fixture.store.search("lighthouse", limit: 50, rankingWindow: 100, queueScanLimit: 3).count == 3)
        try fixture.store.indexAllPending()
        #expect(try fixture.store.search("lighthouse", limit: 50, rankingWindow: 100, queueScanLimit: 3).count == 5)
    }

    /// SQLite 3.40 (Debian 12): retention deletes search rows by rowid, which the content-storing table allows.
    @Test(arguments: [false, true])
    func retentionDeletesSearchRowsAndQueueEntriesAndTheIndexStaysSound(indexed: Bool) throws {
        let fixture = try Self.fixture()
        if indexed { try fixture.store.indexAllPending() }
        let ids = try fixture.store.search("budget", limit: 5).map(\.id)
        try fixture.store.setRead(ids, true)
        let report = try fixture.store.prune(retentionDays: 0, now: StoreFixture.baseDate.addingTimeInterval(86_400))
        #expect(report.items == 2)
        #expect(try fixture.store.pendingIndexCount() == (indexed ? 0 : 3))
        #expect(try Self.indexedRows(fixture.store) == (indexed ? 3 : 0))
        try fixture.store.executeForTesting("INSERT INTO item_fts(item_fts, rank) VALUES ('integrity-check', 1)")
        #expect(try fixture.store.search("budget", limit: 5).isEmpty)
        #expect(try fixture.store.search("cafe", limit: 5).map(\.title) == ["item 2"])
        try fixture.store.indexAllPending()
        #expect(try Self.indexedRows(fixture.store) == 3)
        try fixture.store.executeForTesting("INSERT INTO item_fts(item_fts, rank) VALUES ('integrity-check', 1)")
    }

    /// Kills a real indexer process with SIGKILL at random moments until the queue is drained, then checks that
    /// every item is either indexed or still queued at each step, and finally searchable: `telex _index` (the loop of
    /// `telex fetch` and `telex serve`) and `telex _index --background` (the reader's `IdleIndexer` thread).
    @Test(.timeLimit(.minutes(5)), arguments: [[], ["--background"]])
    func killingTheIndexerAtRandomMomentsLosesNothing(flags: [String]) throws {
        let binary = Fixtures.telexBinary
        try #require(FileManager.default.isExecutableFile(atPath: binary.path), "no telex binary at \(binary.path)")
        let fixture = try StoreFixture()
        let count = 3_000
        let feed = try fixture.feedID("https://a.example/feed")
        let filler = String(repeating: "lorem ipsum dolor sit amet ", count: 40)
        for chunk in stride(from: 0, to: count, by: 500) {
            let items = (chunk..<min(chunk + 500, count)).map { i in
                ItemRecord(stableID: "k\(i)", link: "https://a.example/k/\(i)", title: "Story \(i)", published: StoreFixture.baseDate,
                           summaryHTML: "<p>\(filler) uniqueword\(i)x</p>")
            }
            try fixture.store.applyFeedResults([FeedResult(state: FeedFetchState(feedID: feed, attemptedAt: StoreFixture.baseDate,
                                                                                 succeededAt: StoreFixture.baseDate), items: items)])
        }
        var generator = SystemRandomNumberGenerator()
        var rounds = 0
        var killedMidway = 0
        while try fixture.store.pendingIndexCount() > 0 && rounds < 200 {
            rounds += 1
            let before = try fixture.store.pendingIndexCount()
            let process = Process()
            process.executableURL = binary
            process.arguments = ["_index", "--cache", fixture.directory.path] + flags
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            usleep(UInt32.random(in: 20_000...150_000, using: &generator))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let after = try fixture.store.pendingIndexCount()
            if process.terminationReason == .uncaughtSignal && after > 0 && after < before { killedMidway += 1 }
            #expect(try fixture.store.integrityProblems().isEmpty)
            #expect(try Int(Self.indexedRows(fixture.store) ?? -1) + after == count, "round \(rounds): an item is neither indexed nor queued")
        }
        #expect(try fixture.store.pendingIndexCount() == 0)
        #expect(killedMidway >= 1, "too few rounds were killed while indexing: \(killedMidway)")
        try fixture.store.executeForTesting("INSERT INTO item_fts(item_fts, rank) VALUES ('integrity-check', 1)")
        for i in stride(from: 0, to: count, by: 97) {
            #expect(try fixture.store.search("uniqueword\(i)x", limit: 5).map(\.title) == ["Story \(i)"])
        }
    }
}
