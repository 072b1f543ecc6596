import Foundation
import Testing
import TelexModel
@testable import TelexStore

@Suite("Writing items and keeping counters")
struct ItemWriteTests {
    @Test func aRefetchUpdatesTextButKeepsReadAndSavedState() throws {
        let fixture = try StoreFixture()
        let feed = try fixture.addItems("https://a.example/feed", count: 3)
        let first = try #require(try fixture.store.headlines(.feed(feed), after: nil, limit: 1).first)
        try fixture.store.setRead([first.id], true)
        try fixture.store.setSaved(first.id, true)
        try fixture.addItems("https://a.example/feed", count: 3, summary: { "Changed summary \($0)" })
        let again = try #require(try fixture.store.item(first.id))
        #expect(again.headline.isRead && again.headline.isSaved)
        #expect(again.summaryHTML?.hasPrefix("Changed summary") == true)
        #expect(try fixture.store.count(.feed(feed)) == 3)
        #expect(try fixture.store.unreadCount(.feed(feed)) == 2)
        #expect(try fixture.store.counterMismatches().isEmpty)
    }

    /// The counters match COUNT(*), and every item has exactly one up-to-date search row, after
    /// every kind of change: a refetch that rewrites text, an article attaching to items (arriving
    /// before or after them, fetched again with new text), read and saved changes, pruning, a
    /// feed leaving the configuration and retention clearing it.
    @Test func countersAndTheSearchIndexFollowEveryKindOfChange() throws {
        let fixture = try StoreFixture()
        let a = try fixture.addItems("https://a.example/feed", count: 20)
        let b = try fixture.addItems("https://b.example/feed", count: 10)
        try fixture.addItems("https://c.example/feed", count: 5)
        let later = StoreFixture.baseDate.addingTimeInterval(3_600)
        let steps: [(String, () throws -> Void)] = [
            ("read some", { try fixture.store.setRead(try fixture.store.headlines(.feed(a), after: nil, limit: 5).map(\.id), true) }),
            ("read them again", { try fixture.store.setRead(try fixture.store.headlines(.feed(a), after: nil, limit: 5).map(\.id), true) }),
            ("unread one", { try fixture.store.setRead(try fixture.store.headlines(.feed(a), after: nil, limit: 1).map(\.id), false) }),
            ("save two", { for h in try fixture.store.headlines(.feed(b), after: nil, limit: 2) { try fixture.store.setSaved(h.id, true) } }),
            ("an article attaches to its item", {
                _ = try fixture.store.saveArticle(ArticleRecord(requestedURL: "https://a.example/item/3", fetchedAt: later,
                                                                plainText: "zeppelin over the harbour"))
            }),
            ("the article is fetched again with new text", {
                _ = try fixture.store.saveArticle(ArticleRecord(requestedURL: "https://a.example/item/3", fetchedAt: later,
                                                                plainText: "airship over the bay"))
            }),
            ("an article arrives before its item", {
                _ = try fixture.store.saveArticle(ArticleRecord(requestedURL: "https://c.example/item/7", fetchedAt: later,
                                                                plainText: "lighthouse keeper"))
            }),
            ("mark section read", { _ = try fixture.store.markAllRead(.section(try fixture.sectionID("World"))) }),
            ("refetch with new items", { try fixture.addItems("https://a.example/feed", count: 25) }),
            ("refetch with rewritten text", { try fixture.addItems("https://a.example/feed", count: 25, summary: { "Rewritten \($0)" }) }),
            ("the item of the early article arrives", { try fixture.addItems("https://c.example/feed", count: 8) }),
            ("prune everything read", { _ = try fixture.store.prune(retentionDays: 0, now: later.addingTimeInterval(86_400)) }),
            ("remove a feed with saved items", { try fixture.store.syncConfiguration([StoreFixture.config[1]]) }),
            ("retention clears the removed feeds", { _ = try fixture.store.pruneRemovedFeeds() }),
        ]
        for (name, step) in steps {
            try step()
            fixture.checkInvariants("after \(name)")
        }
        #expect(try fixture.store.search("lighthouse", limit: 5).map(\.title) == ["item 7"])
        #expect(try fixture.store.search("zeppelin", limit: 5).isEmpty)
        // c.example's 8 unread items; a.example's 5 unread ones left with their feed, b.example's 2 saved
        // ones stay saved but out of the lists of feeds.
        #expect(try fixture.store.count(.all) == 8)
        #expect(try fixture.store.savedCount() == 2)
    }

    @Test func markAllReadReturnsWhatChangedForUndo() throws {
        let fixture = try StoreFixture()
        let feed = try fixture.addItems("https://a.example/feed", count: 4)
        let one = try #require(try fixture.store.headlines(.feed(feed), after: nil, limit: 1).first)
        try fixture.store.setRead([one.id], true)
        let changed = try fixture.store.markAllRead(.feed(feed))
        #expect(changed.count == 3 && !changed.contains(one.id))
        #expect(try fixture.store.unreadCount(.feed(feed)) == 0)
        try fixture.store.setRead(changed, false)
        #expect(try fixture.store.unreadCount(.feed(feed)) == 3)
    }

    @Test(arguments: [
        // (published offset from first seen in hours, expected sort offset in hours)
        (Optional<Double>.none, 0.0),
        (-48.0, -48.0),
        (5.0, 5.0),
        (24.0 * 365, 24.0),
    ])
    func sortTimeIsPublishedClampedToADayAfterFirstSeen(published: Double?, expected: Double) throws {
        let fixture = try StoreFixture()
        let feed = try fixture.feedID("https://a.example/feed")
        let seen = StoreFixture.baseDate
        let item = ItemRecord(stableID: "x", title: "x", published: published.map { seen.addingTimeInterval($0 * 3600) })
        try fixture.store.applyFeedResults([FeedResult(state: FeedFetchState(feedID: feed, attemptedAt: seen), items: [item])])
        let headline = try #require(try fixture.store.headlines(.feed(feed), after: nil, limit: 1).first)
        #expect(headline.sortTime == seen.addingTimeInterval(expected * 3600))
    }

    @Test func movingAndRenamingFeedsKeepsTheirItems() throws {
        let fixture = try StoreFixture()
        let a = try fixture.addItems("https://a.example/feed", count: 3)
        let moved = [
            SectionSpec(name: "Tech", feeds: [FeedSpec(url: "https://c.example/feed"),
                                              FeedSpec(url: "https://a.example/feed", title: "Alpha renamed")]),
            SectionSpec(name: "News", feeds: [FeedSpec(url: "https://b.example/feed")]),
        ]
        try fixture.store.syncConfiguration(moved)
        let sections = try fixture.store.sections()
        #expect(sections.map(\.name) == ["Tech", "News"])
        #expect(sections[0].feeds.map(\.title) == ["c.example/feed", "Alpha renamed"])
        #expect(sections[0].feeds[1].id == a && sections[0].total == 3)
        #expect(try fixture.allHeadlines(.section(sections[0].id)).count == 3)
        #expect(try fixture.store.count(.section(sections[0].id)) == 3)
    }

    @Test func aRemovedFeedLeavesTheViewsAtOnceAndItsUnsavedItemsGoAtTheNextRetentionRun() throws {
        let fixture = try StoreFixture()
        let a = try fixture.addItems("https://a.example/feed", count: 3)
        try fixture.addItems("https://c.example/feed", count: 2)
        let keep = try #require(try fixture.store.headlines(.feed(a), after: nil, limit: 1).first)
        try fixture.store.setSaved(keep.id, true)
        try fixture.store.syncConfiguration([StoreFixture.config[1]])
        #expect(try fixture.store.sections().map(\.name) == ["Tech"])
        #expect(try fixture.allHeadlines(.all).count == 2)
        #expect(try fixture.allHeadlines(.unread).count == 2)
        #expect(try fixture.store.count(.all) == 2)
        #expect(try fixture.store.count(.unread) == 2)
        // Search finds the saved item and the other feed's, not the removed feed's unsaved ones.
        let hits = Set(try fixture.store.search("item", limit: 10).map(\.id))
        let shown = try fixture.allHeadlines(.all).map(\.id)
        #expect(hits == Set([keep.id] + shown))
        #expect(try fixture.store.headlines(.saved, after: nil, limit: 10).map(\.id) == [keep.id])
        #expect(try fixture.store.savedCount() == 1)
        #expect(try fixture.store.feedsForFetching().map(\.url) == ["https://c.example/feed"])
        // Still in the cache until retention runs.
        #expect(try fixture.store.count(.feed(a)) == 3)
        let pruned = try fixture.store.pruneRemovedFeeds()
        // b.example had no item: its row goes at once; a.example keeps its saved item.
        #expect(pruned.items == 2 && pruned.feeds == 1 && !pruned.more)
        #expect(try fixture.store.count(.feed(a)) == 1)
        #expect(try fixture.store.headlines(.saved, after: nil, limit: 10).map(\.id) == [keep.id])
        #expect(try fixture.store.counterMismatches().isEmpty)
        // Unsaved, the last item goes at the next run, and the feed's row with it.
        try fixture.store.setSaved(keep.id, false)
        let last = try fixture.store.pruneRemovedFeeds()
        #expect(last.items == 1 && last.feeds == 1)
        #expect(try fixture.store.savedCount() == 0)
    }

    @Test func aFeedConfiguredAgainBeforeRetentionHasItsItemsAndReadStateBack() throws {
        let fixture = try StoreFixture()
        let a = try fixture.addItems("https://a.example/feed", count: 3)
        let read = try #require(try fixture.store.headlines(.feed(a), after: nil, limit: 1).first)
        try fixture.store.setRead([read.id], true)
        try fixture.store.syncConfiguration([StoreFixture.config[1]])
        try fixture.store.syncConfiguration(StoreFixture.config)
        let world = try fixture.sectionID("World")
        #expect(try fixture.feedID("https://a.example/feed") == a)
        #expect(try fixture.allHeadlines(.section(world)).count == 3)
        #expect(try fixture.store.unreadCount(.feed(a)) == 2)
        #expect(try fixture.store.headlines(.feed(a), after: nil, limit: 1).first?.isRead == true)
        #expect(try fixture.store.pruneRemovedFeeds().items == 0)
    }

    @Test func fetchStateRoundTripsForTheFetcher() throws {
        let fixture = try StoreFixture()
        let feed = try fixture.feedID("https://b.example/feed")
        let when = StoreFixture.baseDate
        let state = FeedFetchState(feedID: feed, etag: "\"abc\"", lastModified: "Tue, 01 Jul 2025 00:00:00 GMT", attemptedAt: when,
                                   succeededAt: when, nextDue: when.addingTimeInterval(900), consecutiveFailures: 0,
                                   httpStatus: 304, permanentRedirect: "https://b.example/new")
        try fixture.store.recordFetchStates([state])
        let info = try #require(try fixture.store.feedsForFetching().first { $0.id == feed })
        #expect(info.etag == "\"abc\"" && info.lastModified == state.lastModified && info.nextDue == state.nextDue)
        #expect(info.permanentRedirect == "https://b.example/new" && info.section == "World" && !info.gone)
        var failure = state
        failure.succeededAt = nil; failure.consecutiveFailures = 2; failure.status = .failing; failure.error = "timed out"
        failure.httpStatus = nil; failure.failingSince = when.addingTimeInterval(-600)
        try fixture.store.recordFetchStates([failure])
        let failing = try #require(try fixture.store.sections()[0].feeds.first { $0.id == feed })
        #expect(failing.health == FeedHealth(status: .failing, message: "timed out", failingSince: when.addingTimeInterval(-600),
                                             nextTry: when.addingTimeInterval(900), lastSuccess: when))
        #expect(failing.isFailing)
        #expect(try fixture.store.feedsForFetching().first { $0.id == feed }?.lastSuccess == when)
    }

    @Test func hugeFieldsAreBounded() throws {
        let fixture = try StoreFixture()
        let feed = try fixture.feedID("https://a.example/feed")
        let big = String(repeating: "é", count: 100_000)
        try fixture.store.applyFeedResults([FeedResult(state: FeedFetchState(feedID: feed, attemptedAt: Date()),
                                                       items: [ItemRecord(stableID: big, title: big, author: big)])])
        let h = try #require(try fixture.store.headlines(.feed(feed), after: nil, limit: 1).first)
        #expect(h.title.utf8.count <= Store.maxTitle)
    }
}
